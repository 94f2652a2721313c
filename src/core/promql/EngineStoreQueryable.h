#pragma once

#include "EngineQueryable.h"

namespace mw {
class SeriesStore;
}

namespace mw::promql {

/// Reads series from the local SeriesStore. Uses the store's postings for an
/// equality matcher on the metric name, and checks every other matcher
/// against each candidate's labels.
class StoreQueryable : public Queryable
{
public:
    explicit StoreQueryable(const SeriesStore &store);
    std::vector<SeriesData> select(std::span<const CompiledMatcher> matchers, int64_t mint,
                                   int64_t maxt) const override;

private:
    const SeriesStore &m_store;
};

} // namespace mw::promql
