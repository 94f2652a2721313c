#pragma once

#include "SourceBackend.h"

#include <QString>

namespace mw {
class SeriesStore;
}

namespace mw::view {

/// Names a local SeriesStore holds, for completion and variables. Pure
/// functions of the store: `metric` empty means every series, a bare metric
/// name the series of that name (the store's postings), anything else a
/// PromQL series selector (`up{job=~"a|b"}`); a selector that does not parse
/// gives an answer with the parser's message as its error.
class StoreNames
{
public:
    static NamesAnswer labelValues(const SeriesStore &store, const QString &label, const QString &metric);
    static NamesAnswer labelNames(const SeriesStore &store, const QString &metric);
    static NamesAnswer metricNames(const SeriesStore &store) { return labelValues(store, QStringLiteral("__name__"), {}); }
};

} // namespace mw::view
