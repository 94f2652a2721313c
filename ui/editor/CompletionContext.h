#pragma once

// What the word at the cursor of a PromQL expression is, for completion: a
// metric or function name, a label name (inside `{...}` or a `by (...)`
// list, for the metric before the brace), or a label value (after
// `label="`). A light scan over the text, not the parser: it must work on
// the half-typed expressions completion sees. QtCore only.

#include <QString>

namespace mw::editor {

struct CompletionContext
{
    enum class Kind {
        None,             ///< nothing to offer (inside a number, a duration, a string)
        MetricOrFunction, ///< an identifier outside braces
        LabelName,        ///< inside `{...}` or `by (...)`, `without (...)`, `on (...)` ...
        LabelValue,       ///< inside the quotes after `label=`, `!=`, `=~`, `!~`
    };

    Kind kind = Kind::None;
    QString prefix;      ///< what is typed of the word so far (may be empty)
    int prefixStart = 0; ///< where the word starts; it ends at the cursor
    QString metric;      ///< LabelName, LabelValue: the metric they belong to ("" = any)
    QString label;       ///< LabelValue: the label

    friend bool operator==(const CompletionContext &, const CompletionContext &) = default;
};

/// The context at `cursor` (a QString index, 0..text.size()).
CompletionContext completionContext(const QString &text, int cursor);

} // namespace mw::editor
