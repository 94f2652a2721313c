#pragma once

#include "AlertRule.h"
#include "store/Labels.h"

#include <string>
#include <string_view>

namespace mw::alerting {

/// What a label or annotation template sees: the alert's labels and value.
struct TemplateContext
{
    const Labels *labels = nullptr;
    double value = 0.0;
    ValueUnit unit = ValueUnit::None;
};

/// The result of expanding one template: text, or what went wrong.
struct TemplateResult
{
    std::string text;
    std::string error; ///< empty on success

    bool ok() const { return error.empty(); }
};

/// Expands the subset of Go text/template that Prometheus alerting rules use:
///
///  - `{{ $labels.model }}`, `{{ .Labels.model }}`, `{{ index $labels "a-b" }}`,
///    `{{ $value }}` / `{{ .Value }}` (Go's %v of a float64);
///  - pipelines into humanize, humanize1024, humanizeDuration,
///    humanizePercentage, toUpper, toLower, title, printf "%.2f" (numeric and
///    %s/%v verbs), and parentheses; `{{- -}}` trimming and `{{/* comments */}}`.
///
/// Prometheus' functions take seconds and ratios; the context's unit converts
/// first (µs → s for humanizeDuration, percent → ratio for
/// humanizePercentage), so rules over TF Serving's µs histograms read right.
/// No loops, conditionals or user variables: a rule file using them gets an
/// error here, and the engine writes Prometheus' "<error expanding template:
/// ...>" in place of the annotation, so the alert still fires.
TemplateResult expandTemplate(std::string_view text, const TemplateContext &context);

} // namespace mw::alerting
