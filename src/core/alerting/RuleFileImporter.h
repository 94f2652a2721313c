#pragma once

#include "AlertRule.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw::alerting {

/// A place in the rule file (1-based, from yaml-cpp's Mark; 0 when unknown)
/// and what is wrong or was left out there.
struct RuleFileIssue
{
    int line = 0;
    int column = 0;
    std::string message;

    /// "LINE:COLUMN: message", the form the CLI prints after the file name.
    std::string toString() const;
};

struct RuleFileOptions
{
    std::size_t maxBytes = 1024 * 1024; ///< larger files are refused before parsing
    std::size_t maxRules = 10'000;      ///< rules past this are reported, not imported
    int64_t defaultIntervalMs = 60'000; ///< Prometheus' global evaluation_interval default
    /// Turn `expr OP number` into a threshold rule (see splitTrailingComparison).
    bool splitThresholds = true;
};

struct RuleFileImport
{
    std::vector<AlertRule> rules;
    /// Everything in the file that did not become a rule, each with why:
    /// recording rules, invalid rules, rules past maxRules. Never silent.
    std::vector<RuleFileIssue> notImported;
    /// Imported, but something was ignored (an unknown key, query_offset, limit).
    std::vector<RuleFileIssue> warnings;
    /// The file as a whole was refused (not YAML, too big, no `groups` list).
    std::optional<RuleFileIssue> error;

    bool ok() const { return !error.has_value(); }
};

/// Reads a Prometheus alerting rule file (rulefmt):
///
///     groups:
///       - name: tfserving
///         interval: 30s
///         rules:
///           - alert: HighLatency
///             expr: rate(..._sum[1m]) / rate(..._count[1m]) > 500000
///             for: 5m
///             keep_firing_for: 2m
///             labels: {severity: critical}
///             annotations: {summary: "{{ $labels.model_name }}: {{ $value }} µs"}
///
/// Rule ids are "GROUP/ALERT" ("#2", "#3" for repeats). A `severity` label
/// sets the severity (critical/page/error, warning/warn/ticket, info/none).
/// Split thresholds get noData = ok, so a series that vanishes resolves as it
/// does in Prometheus; errors keep state, as Prometheus leaves alerts alone
/// when a rule's query fails. Input that is not UTF-8 is refused (every string
/// must be writable as JSON). Pure function over bytes; safe on any input.
RuleFileImport importRuleFile(std::string_view text, const RuleFileOptions &options = {});

} // namespace mw::alerting
