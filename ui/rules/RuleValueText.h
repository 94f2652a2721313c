#pragma once

// A rule's threshold as a person types and reads it, in the rule's value
// unit (AlertRule::unit: TF Serving's latency is in µs, a quality metric a
// 0–1 ratio). The field shows a plain number in that unit ("500000") and
// also takes a number with a unit it converts from ("500ms", "0.5 s",
// "80%", "2 GiB"), so "p99 above 500 ms" is typed as said. QtCore only.

#include "alerting/AlertRule.h"
#include "presets/Dashboard.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace mw::rulesui {

class RuleValueText
{
    Q_DECLARE_TR_FUNCTIONS(mw::rulesui::RuleValueText)

public:
    /// Shortest digits that read back as `v`, without an exponent from 1e-4
    /// to 1e15: "500000", "0.8", "-3", "1e-07".
    static QString number(double v);
    /// A field's text in the rule's unit: a plain number, or a number with a
    /// suffix the unit converts from (durations: ns, us, µs, ms, s, m, min,
    /// h, d; ratio and percent: %; bytes: B, kB, KB, KiB, MB, MiB, GB, GiB,
    /// TB, TiB). nullopt for anything else, and for values not finite.
    static std::optional<double> parse(const QString &text, alerting::ValueUnit unit);
    /// What the field accepts, for its tooltip and placeholder: "e.g. 500000 or 500ms".
    static QString examples(alerting::ValueUnit unit);
    /// The symbol written after the field: "µs", "ms", "s", "%", "B"; "" for none and ratio.
    static QString symbol(alerting::ValueUnit unit);
    /// "Microseconds (µs)", "Ratio (0–1)"... for the unit combo.
    static QString unitName(alerting::ValueUnit unit);
    /// Every unit in the enum's order (None first).
    static std::vector<alerting::ValueUnit> allUnits();
    /// The value unit a panel's unit suggests (Microseconds for a µs latency
    /// panel); nullopt when the panel's unit has no rule counterpart (req/s).
    static std::optional<alerting::ValueUnit> fromPanelUnit(presets::Unit unit);
};

} // namespace mw::rulesui
