#pragma once

// What connecting to a server found, as the dashboard it opens and the
// sentence the connect dialog shows. Pure functions over metric names: the
// network side is ServerConnector.

#include "dashboard/Document.h"
#include "presets/Detector.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <cstdint>
#include <string>
#include <vector>

namespace mw::expo {
class ParseResult;
}

namespace mw::view {

/// The outcome of ServerConnector::connectTo(): a document ready to open, or
/// one specific sentence saying why there is none.
struct ConnectResult
{
    QUrl url;         ///< what was asked for
    QString error;    ///< empty on success
    QString summary;  ///< success: what was found ("Found TensorFlow Serving (confidence 0.95) at ...")
    QString details;  ///< success: the evidence (matching metric families, other candidates)
    dashboard::Document document;
    presets::Detection detection;
    dashboard::SourceKind sourceKind = dashboard::SourceKind::Scrape;
    QUrl endpoint;    ///< the scrape target, or the Prometheus base URL

    bool ok() const { return error.isEmpty(); }
};

class ConnectFindings
{
    Q_DECLARE_TR_FUNCTIONS(ConnectFindings)
public:
    static constexpr int64_t kScrapeIntervalMs = 5'000;

    /// A /metrics endpoint `target` served `payload` (parsed, ok): detection over
    /// the families it declares, optional panels over the series it has.
    /// An error when neither a model server nor a collector was recognised.
    static ConnectResult fromScrape(const QUrl &asked, const QUrl &target, const expo::ParseResult &payload);
    /// A Prometheus server at `baseUrl` stores `names`.
    static ConnectResult fromPrometheus(const QUrl &asked, const QUrl &baseUrl, const std::vector<std::string> &names);

    /// "host:port" (IPv6 hosts in brackets; the scheme's port when none is given).
    static QString hostPort(const QUrl &url);
    /// "process and Go", "process, Go and Python".
    static QString collectorList(const presets::Detection &detection);
};

} // namespace mw::view

Q_DECLARE_METATYPE(mw::view::ConnectResult)
