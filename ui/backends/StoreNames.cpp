#include "StoreNames.h"

#include "SeriesSelector.h"

#include "promql/Ast.h"
#include "promql/EngineQueryable.h"
#include "store/SeriesStore.h"

#include <QCoreApplication>

#include <functional>
#include <set>

namespace mw::view {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mw::view::StoreNames", text);
}

promql::CompiledMatcher::Op opFor(promql::MatchType type)
{
    switch (type) {
    case promql::MatchType::Equal: return promql::CompiledMatcher::Op::Equal;
    case promql::MatchType::NotEqual: return promql::CompiledMatcher::Op::NotEqual;
    case promql::MatchType::Regex: return promql::CompiledMatcher::Op::Regex;
    case promql::MatchType::NotRegex: return promql::CompiledMatcher::Op::NotRegex;
    }
    return promql::CompiledMatcher::Op::Equal;
}

/// Calls `f` for every series `metric` selects; false with `error` set when
/// `metric` is not a selector.
bool forSelected(const SeriesStore &store, const QString &metric, QString &error,
                 const std::function<void(const Series &)> &f)
{
    const QString trimmed = metric.trimmed();
    if (trimmed.isEmpty()) {
        store.forEachSeries(f);
        return true;
    }
    if (isMetricName(trimmed)) {
        for (const SeriesId id : store.select(trimmed.toStdString()))
            if (const Series *s = store.series(id))
                f(*s);
        return true;
    }
    const std::string text = trimmed.toStdString();
    const promql::ParseResult parsed = promql::parse(text);
    if (parsed.error) {
        error = tr("'%1' is not a series selector: %2").arg(trimmed, QString::fromStdString(parsed.error->message));
        return false;
    }
    const auto *selector = std::get_if<promql::VectorSelector>(&parsed.expr->node);
    if (!selector) {
        error = tr("'%1' is not a series selector such as metric{label=\"value\"}.").arg(trimmed);
        return false;
    }
    std::vector<promql::CompiledMatcher> matchers;
    matchers.reserve(selector->matchers.size());
    for (const promql::LabelMatcher &m : selector->matchers) {
        matchers.emplace_back(opFor(m.type), m.name, m.value);
        if (!matchers.back().error().empty()) {
            error = tr("'%1': %2").arg(trimmed, QString::fromStdString(matchers.back().error()));
            return false;
        }
    }
    store.forEachSeries([&](const Series &s) {
        for (const promql::CompiledMatcher &m : matchers)
            if (!m.matches(s.labels().value(m.name()).value_or(std::string_view{})))
                return;
        f(s);
    });
    return true;
}

QStringList toList(const std::set<std::string_view> &names)
{
    QStringList out;
    out.reserve(static_cast<qsizetype>(names.size()));
    for (const std::string_view n : names)
        out.push_back(QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size())));
    return out;
}

} // namespace

NamesAnswer StoreNames::labelValues(const SeriesStore &store, const QString &label, const QString &metric)
{
    NamesAnswer answer;
    const std::string name = label.toStdString();
    std::set<std::string_view> values; // views into the store's symbols: valid during this call
    forSelected(store, metric, answer.error, [&](const Series &s) {
        if (const std::optional<std::string_view> v = s.labels().value(name))
            values.insert(*v);
    });
    if (answer.ok())
        answer.names = toList(values);
    return answer;
}

NamesAnswer StoreNames::labelNames(const SeriesStore &store, const QString &metric)
{
    NamesAnswer answer;
    std::set<std::string_view> names;
    forSelected(store, metric, answer.error, [&](const Series &s) {
        for (const LabelSet::Pair &p : s.labels().pairs())
            names.insert(store.symbols().view(p.name));
    });
    if (answer.ok())
        answer.names = toList(names);
    return answer;
}

} // namespace mw::view
