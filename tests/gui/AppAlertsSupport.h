#pragma once

// What the window-level alert tests share: the demo dashboard with its
// HighLatency rule made quick, and that rule's instance.

#include "AppAlerts.h"
#include "MainWindow.h"
#include "platform/AlertCoordinator.h"

#include <optional>

namespace mw::test {

inline std::optional<alerting::AlertInstance> instanceOf(const app::AppAlerts &alerts, const std::string &ruleId)
{
    for (const alerting::AlertInstance &i : alerts.coordinator()->engine().instances()) {
        if (i.ruleId == ruleId)
            return i;
    }
    return std::nullopt;
}

inline std::optional<alerting::AlertInstance> highLatency(const app::AppAlerts &alerts)
{
    return instanceOf(alerts, "tfserving/HighLatency");
}

/// The open demo dashboard with its HighLatency rule made quick: 10 s windows, `for` 3 s.
inline dashboard::Document quickDemo(ui::MainWindow &w)
{
    dashboard::Document d = w.documentController()->document();
    for (dashboard::DocumentRule &r : d.rules) {
        if (r.rule.id == "tfserving/HighLatency") {
            QString expr = QString::fromStdString(r.rule.expr);
            expr.replace(QStringLiteral("[1m]"), QStringLiteral("[10s]"));
            r.rule.expr = expr.toStdString();
            r.rule.forMs = 3'000;
            r.rule.intervalMs = 1'000;
        }
    }
    return d;
}

} // namespace mw::test
