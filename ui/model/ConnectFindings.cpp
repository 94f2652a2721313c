#include "ConnectFindings.h"

#include "dashboard/PresetDocument.h"
#include "exposition/ParseResult.h"
#include "presets/MetricNameSet.h"
#include "presets/PresetBuilder.h"

#include <QStringList>

namespace mw::view {
namespace {

using presets::Collector;
using presets::Detection;
using presets::MetricNameSet;
using presets::ServerKind;

constexpr std::size_t kEvidenceShown = 3;

QString collectorName(Collector c)
{
    switch (c) {
    case Collector::Process:
        return QStringLiteral("process");
    case Collector::GoRuntime:
        return QStringLiteral("Go");
    case Collector::Python:
        return QStringLiteral("Python");
    case Collector::NodeExporter:
        return QStringLiteral("node_exporter");
    }
    return {};
}

QString kindName(ServerKind kind) { return QString::fromUtf8(presets::serverKindName(kind)); }

QString listed(const std::vector<std::string> &names)
{
    QStringList out;
    for (std::size_t i = 0; i < names.size() && i < kEvidenceShown; ++i)
        out << QString::fromStdString(names[i]);
    QString text = out.join(QStringLiteral(", "));
    if (names.size() > kEvidenceShown)
        text += QStringLiteral(", …");
    return text;
}

QString panelCount(std::size_t n)
{
    return n == 1 ? ConnectFindings::tr("1 panel") : ConnectFindings::tr("%1 panels").arg(n);
}

struct Place
{
    QUrl asked;
    QUrl endpoint;
    dashboard::SourceKind kind;
};

/// "Evidence: a, b, c; also like vLLM (b, c)".
QString evidenceText(const Detection &d)
{
    QStringList parts;
    if (d.kind != ServerKind::Unknown)
        parts << ConnectFindings::tr("Evidence: %1 %2 metric families (%3)")
                     .arg(d.evidence.size())
                     .arg(kindName(d.kind), listed(d.evidence));
    for (const presets::KindScore &c : d.candidates) {
        if (c.kind != d.kind)
            parts << ConnectFindings::tr("also like %1 (%2)").arg(kindName(c.kind), listed(c.evidence));
    }
    for (const presets::CollectorMatch &m : d.collectors)
        parts << ConnectFindings::tr("%1 collector (%2)").arg(collectorName(m.collector), listed(m.evidence));
    return parts.join(QStringLiteral("; "));
}

ConnectResult build(const Place &place, const Detection &detection, const MetricNameSet &available)
{
    ConnectResult r;
    r.url = place.asked;
    r.endpoint = place.endpoint;
    r.sourceKind = place.kind;
    r.detection = detection;
    const bool viaPrometheus = place.kind == dashboard::SourceKind::Prometheus;
    const QString where = ConnectFindings::hostPort(place.endpoint);
    const QString shown = place.endpoint.toDisplayString(QUrl::RemoveUserInfo);
    const QString at = viaPrometheus ? ConnectFindings::tr("in the Prometheus server at %1").arg(shown)
                                     : ConnectFindings::tr("at %1").arg(shown);
    const presets::Dashboard preset = presets::PresetBuilder::build(detection, available);
    if (preset.panels.empty()) {
        r.error = viaPrometheus
            ? ConnectFindings::tr("a Prometheus server at %1, but none of its %2 metrics look like a model server "
                                  "or a known collector (process, Go, Python, node_exporter)")
                  .arg(where)
                  .arg(available.names().size())
            : ConnectFindings::tr("%1 serves metrics, but none of them look like a model server or a known "
                                  "collector (process, Go, Python, node_exporter)")
                  .arg(shown);
        return r;
    }

    dashboard::Document d = dashboard::fromPreset(preset);
    const QString title = detection.kind != ServerKind::Unknown
        ? kindName(detection.kind)
        : (viaPrometheus ? ConnectFindings::tr("Prometheus") : QString::fromStdString(preset.title));
    d.title = ConnectFindings::tr("%1 at %2").arg(title, where).toStdString();
    d.server = detection.kind;
    d.time = {"now-30m", "now"};
    d.refresh = dashboard::Refresh::TenSeconds;
    dashboard::Source source;
    source.name = place.endpoint.host().toStdString();
    source.kind = place.kind;
    if (viaPrometheus) {
        source.url = place.endpoint.toString().toStdString();
    } else {
        source.targets = {place.endpoint.toString().toStdString()};
        source.scrapeIntervalMs = ConnectFindings::kScrapeIntervalMs;
        source.server = detection.kind;
    }
    d.sources.push_back(std::move(source));
    r.document = std::move(d);

    if (detection.kind != ServerKind::Unknown) {
        r.summary = ConnectFindings::tr("Found %1 (confidence %2) %3: %4.")
                        .arg(kindName(detection.kind), QString::number(detection.confidence, 'f', 2), at,
                             panelCount(preset.panels.size()));
    } else if (viaPrometheus) {
        r.summary = ConnectFindings::tr("A Prometheus server at %1, but none of its metrics look like a model "
                                        "server: showing %2 panels.")
                        .arg(where, ConnectFindings::collectorList(detection));
    } else {
        r.summary = ConnectFindings::tr("%1 serves metrics, but none of them look like a model server: showing "
                                        "%2 panels.")
                        .arg(shown, ConnectFindings::collectorList(detection));
    }
    r.details = evidenceText(detection);
    return r;
}

} // namespace

ConnectResult ConnectFindings::fromScrape(const QUrl &asked, const QUrl &target, const expo::ParseResult &payload)
{
    return build({asked, target, dashboard::SourceKind::Scrape}, presets::Detector::detect(payload),
                 MetricNameSet::fromPayload(payload));
}

ConnectResult ConnectFindings::fromPrometheus(const QUrl &asked, const QUrl &baseUrl,
                                              const std::vector<std::string> &names)
{
    const MetricNameSet set(names);
    return build({asked, baseUrl, dashboard::SourceKind::Prometheus}, presets::Detector::detect(set), set);
}

QString ConnectFindings::hostPort(const QUrl &url)
{
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    const int port = url.port(url.scheme().compare(u"https", Qt::CaseInsensitive) == 0 ? 443 : 80);
    return host + u':' + QString::number(port);
}

QString ConnectFindings::collectorList(const Detection &detection)
{
    QStringList names;
    for (const presets::CollectorMatch &m : detection.collectors)
        names << collectorName(m.collector);
    if (names.size() <= 1)
        return names.join(QString());
    const QString last = names.takeLast();
    return tr("%1 and %2").arg(names.join(QStringLiteral(", ")), last);
}

} // namespace mw::view
