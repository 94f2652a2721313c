#include "EngineStoreQueryable.h"

#include "store/SeriesStore.h"

namespace mw::promql {

StoreQueryable::StoreQueryable(const SeriesStore &store)
    : m_store(store)
{
}

namespace {

bool matchesAll(const LabelSet &labels, std::span<const CompiledMatcher> matchers)
{
    for (const CompiledMatcher &m : matchers)
        if (!m.matches(labels.value(m.name()).value_or(std::string_view{})))
            return false;
    return true;
}

} // namespace

std::vector<SeriesData> StoreQueryable::select(std::span<const CompiledMatcher> matchers, int64_t mint,
                                               int64_t maxt) const
{
    std::vector<SeriesData> out;
    auto take = [&](const Series &s) {
        if (!matchesAll(s.labels(), matchers))
            return;
        SeriesData d;
        s.collect(mint, maxt, d.points);
        if (d.points.empty())
            return;
        d.labels = s.labels().toLabels();
        out.push_back(std::move(d));
    };
    // An equality matcher on the metric name narrows the candidates at once.
    for (const CompiledMatcher &m : matchers) {
        if (m.op() == CompiledMatcher::Op::Equal && m.name() == kMetricNameLabel && !m.value().empty()) {
            for (SeriesId id : m_store.select(m.value()))
                if (const Series *s = m_store.series(id))
                    take(*s);
            return out;
        }
    }
    m_store.forEachSeries(take);
    return out;
}

} // namespace mw::promql
