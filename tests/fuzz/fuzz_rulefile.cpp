// libFuzzer target for the Prometheus rule-file importer (yaml-cpp), and on
// the way for what imported rules feed: templates and the threshold splitter.
// Beyond "no crash, no UB, no hang" it checks the result's invariants: a
// refused file carries a position inside the input and nothing else; every
// imported rule is valid, has a unique id and survives JSON exactly.
// Seed corpus: tests/data/alerting/*.yml

#include "alerting/AlertRuleJson.h"
#include "alerting/AlertTemplate.h"
#include "alerting/ExprThreshold.h"
#include "alerting/RuleFileImporter.h"
#include "alerting/RuleSampler.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

using namespace mw;
using namespace mw::alerting;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    RuleFileOptions options;
    options.maxBytes = 256 * 1024;
    options.maxRules = 1000;
    const RuleFileImport r = importRuleFile(input, options);
    int lines = 1;
    for (char c : input)
        lines += c == '\n';
    if (!r.ok()) {
        check(r.rules.empty() && r.notImported.empty() && r.warnings.empty());
        check(!r.error->message.empty());
        check(r.error->line >= 0 && r.error->line <= lines + 1);
        return 0;
    }
    check(r.rules.size() <= options.maxRules);
    for (const RuleFileIssue &i : r.notImported)
        check(!i.message.empty() && i.line <= lines + 1);
    std::set<std::string> ids;
    const Labels series{{"model_name", "m"}, {"API", "Predict"}};
    for (const AlertRule &rule : r.rules) {
        check(!validateRule(rule));
        check(ids.insert(rule.id).second);
        const auto back = alertRuleFromJson(nlohmann::json::parse(alertRuleToJson(rule).dump()));
        check(back && *back == rule);
        const Labels labels = alertLabels(rule, series, 612000.0);
        check(labels.get("alertname") == std::optional<std::string_view>(rule.name));
        (void)expandAnnotations(rule, labels, 612000.0);
    }
    // The raw bytes as a template and as an alert expression.
    (void)expandTemplate(input.substr(0, 4096), TemplateContext{&series, 1.5, ValueUnit::Microseconds});
    if (const auto split = splitTrailingComparison(input.substr(0, 4096)))
        check(!split->left.empty() && split->left.size() < size);
    return 0;
}
