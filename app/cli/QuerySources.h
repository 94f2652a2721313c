#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>

namespace mw {
class SeriesStore;
}

namespace mw::cli {

/// Loads an exposition file (OpenMetrics with timestamps, as promtool
/// backfills, or Prometheus text with timestamps; gzip allowed) into `store`.
/// `newestMs` gets the newest sample's time. False with `error` set
/// ("FILE:LINE:COL: reason") when it cannot.
bool loadTimestampedFile(const QString &path, SeriesStore &store, int64_t &newestMs, QString &error);

/// Scrapes every URL each `interval` for `duration` into `store`, as the
/// scrape loop does (target labels job/instance, staleness, `up`); failed
/// scrapes are reported on stderr. `lastMs` gets the last scrape's time.
/// False with `error` set when a URL is not http(s).
bool scrapeIntoStore(const QStringList &urls, std::chrono::milliseconds interval, std::chrono::milliseconds duration,
                     SeriesStore &store, int64_t &lastMs, QString &error);

} // namespace mw::cli
