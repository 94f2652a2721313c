#include "RuleSampler.h"

#include "AlertTemplate.h"

#include <cmath>
#include <limits>

namespace mw::alerting {

namespace {

std::string expandOrError(const std::string &text, const TemplateContext &ctx)
{
    TemplateResult r = expandTemplate(text, ctx);
    if (!r.ok())
        return "<error expanding template: " + r.error + ">";
    return std::move(r.text);
}

Candidate conditionCandidate(const AlertRule &rule, std::string_view condition, const std::string &error)
{
    Candidate c;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    c.labels = alertLabels(rule, Labels{}, nan);
    c.labels.set(kConditionLabel, condition);
    c.value = nan;
    c.triggers = c.holds = true;
    c.annotations = expandAnnotations(rule, c.labels, nan);
    if (!error.empty())
        c.annotations["error"] = error;
    return c;
}

RuleSample byPolicy(const AlertRule &rule, StatePolicy policy, std::string_view condition, const std::string &error)
{
    RuleSample s;
    switch (policy) {
    case StatePolicy::KeepState: s.mode = SampleMode::FreezeAll; break;
    case StatePolicy::Ok: s.mode = SampleMode::ClearAll; break;
    case StatePolicy::Alerting:
        s.mode = SampleMode::Condition;
        s.candidates.push_back(conditionCandidate(rule, condition, error));
        break;
    }
    return s;
}

} // namespace

Labels alertLabels(const AlertRule &rule, const Labels &series, double value)
{
    Labels out = series;
    out.set(kMetricNameLabel, {});
    const TemplateContext ctx{&series, value, rule.unit};
    for (const auto &[name, text] : rule.labels)
        out.set(name, expandOrError(text, ctx));
    out.set(kAlertNameLabel, rule.name);
    if (rule.labels.count("severity") == 0)
        out.set("severity", severityId(rule.severity));
    return out;
}

std::map<std::string, std::string> expandAnnotations(const AlertRule &rule, const Labels &labels, double value)
{
    std::map<std::string, std::string> out;
    const TemplateContext ctx{&labels, value, rule.unit};
    for (const auto &[name, text] : rule.annotations)
        out.emplace(name, expandOrError(text, ctx));
    return out;
}

RuleSample sampleRule(const AlertRule &rule, const QueryOutcome &outcome, std::size_t maxSeries)
{
    if (!outcome.ok()) {
        RuleSample s = byPolicy(rule, rule.onError, "Error", *outcome.error);
        s.error = outcome.error;
        return s;
    }
    if (rule.kind == ConditionKind::Threshold && outcome.series.empty()) {
        RuleSample s = byPolicy(rule, rule.noData, "NoData", {});
        s.noData = true;
        return s;
    }
    RuleSample s;
    s.truncated = outcome.series.size() > maxSeries;
    const std::size_t n = std::min(outcome.series.size(), maxSeries);
    s.candidates.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const SeriesValue &sv = outcome.series[i];
        Candidate c;
        c.value = sv.value;
        if (rule.kind == ConditionKind::Filter) {
            c.triggers = c.holds = true;
        } else {
            c.triggers = compare(rule.op, sv.value, rule.threshold);
            c.holds = c.triggers
                || (rule.clearThreshold && !pastClearThreshold(rule.op, sv.value, *rule.clearThreshold));
            if (!c.holds)
                continue; // neither fires nor keeps a firing alert: it is simply absent
        }
        c.labels = alertLabels(rule, sv.labels, sv.value);
        c.annotations = expandAnnotations(rule, c.labels, sv.value);
        s.candidates.push_back(std::move(c));
    }
    return s;
}

} // namespace mw::alerting
