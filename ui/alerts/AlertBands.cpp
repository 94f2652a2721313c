#include "AlertBands.h"

#include "platform/AlertHistory.h"
#include "platform/NotificationText.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace mw::alertsui {

using alerting::AlertEvent;
using alerting::AlertState;
using alerting::EventKind;

namespace {

void addClipped(std::vector<AlertBand> &out, AlertBand band, int64_t fromMs, int64_t toMs)
{
    band.fromMs = std::max(band.fromMs, fromMs);
    band.toMs = std::min(band.toMs, toMs);
    if (band.toMs > band.fromMs)
        out.push_back(std::move(band));
}

void sortBands(std::vector<AlertBand> &bands)
{
    std::sort(bands.begin(), bands.end(), [](const AlertBand &a, const AlertBand &b) {
        return std::tie(a.fromMs, a.toMs, a.instanceId) < std::tie(b.fromMs, b.toMs, b.instanceId);
    });
}

} // namespace

std::vector<std::string> AlertBands::rulesOfPanel(const std::vector<dashboard::DocumentRule> &rules, int panelId)
{
    std::vector<std::string> ids;
    for (const dashboard::DocumentRule &r : rules)
        if (r.panelId == panelId)
            ids.push_back(r.rule.id);
    return ids;
}

std::vector<AlertBand> AlertBands::fromEvents(const std::vector<AlertEvent> &events, int64_t fromMs, int64_t toMs,
                                              int64_t nowMs)
{
    std::map<std::string, AlertBand> open; // by instance id
    std::vector<AlertBand> out;
    for (const AlertEvent &e : events) {
        if (e.kind != EventKind::Transition)
            continue;
        const std::string id = e.instance.id();
        const bool firing = e.instance.state == AlertState::Firing;
        const auto it = open.find(id);
        if (firing && it == open.end()) {
            AlertBand b;
            b.fromMs = e.instance.firedAtMs.value_or(e.atMs);
            b.severity = platform::NotificationText::severityOf(e.instance);
            b.ruleId = e.instance.ruleId;
            b.instanceId = id;
            open.emplace(id, std::move(b));
        } else if (!firing && it != open.end()) {
            it->second.toMs = e.atMs;
            addClipped(out, std::move(it->second), fromMs, toMs);
            open.erase(it);
        }
    }
    for (auto &[id, band] : open) {
        band.toMs = nowMs;
        addClipped(out, std::move(band), fromMs, toMs);
    }
    sortBands(out);
    return out;
}

std::optional<std::vector<AlertBand>> AlertBands::forPanel(const platform::AlertHistory &history,
                                                           const std::vector<dashboard::DocumentRule> &rules,
                                                           int panelId, int64_t fromMs, int64_t toMs, int64_t nowMs)
{
    std::vector<AlertBand> out;
    for (const std::string &ruleId : rulesOfPanel(rules, panelId)) {
        platform::HistoryFilter f;
        f.toMs = toMs;
        f.ruleId = ruleId;
        f.kinds = {EventKind::Transition};
        const std::optional<std::vector<platform::HistoryRecord>> records = history.events(f);
        if (!records)
            return std::nullopt;
        std::vector<AlertEvent> events;
        events.reserve(records->size());
        for (const platform::HistoryRecord &r : *records)
            events.push_back(r.event);
        // Still open at toMs means firing up to toMs, or up to now if sooner.
        const std::vector<AlertBand> bands = fromEvents(events, fromMs, toMs, std::min(nowMs, toMs));
        out.insert(out.end(), bands.begin(), bands.end());
    }
    sortBands(out);
    return out;
}

std::vector<AlertBand> AlertBands::fromEngine(const alerting::AlertEngine &engine, const std::vector<std::string> &ruleIds,
                                              int64_t fromMs, int64_t toMs, int64_t nowMs)
{
    std::vector<AlertBand> out;
    for (const alerting::AlertInstance &inst : engine.instances()) {
        if (inst.state != AlertState::Firing || !inst.firedAtMs
            || std::find(ruleIds.begin(), ruleIds.end(), inst.ruleId) == ruleIds.end())
            continue;
        AlertBand b{*inst.firedAtMs, nowMs, platform::NotificationText::severityOf(inst), inst.ruleId, inst.id()};
        addClipped(out, std::move(b), fromMs, toMs);
    }
    sortBands(out);
    return out;
}

} // namespace mw::alertsui
