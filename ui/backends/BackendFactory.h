#pragma once

#include "SourceBackend.h"

#include "dashboard/Document.h"

#include <QString>

#include <memory>

namespace mw::view {

/// The backend for one dashboard source, chosen by its kind: a
/// PrometheusBackend or a ScrapeBackend, not started. Null with `error` set
/// (one sentence naming the source) when the source cannot work: a bad URL,
/// an unparsable secret reference, or a kind this factory does not know.
std::unique_ptr<SourceBackend> makeBackend(const dashboard::Source &source, QString *error);

} // namespace mw::view
