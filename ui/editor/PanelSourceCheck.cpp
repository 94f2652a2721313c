#include "PanelSourceCheck.h"

#include "FeedBackend.h"
#include "PrometheusBackend.h"
#include "ScoreBucketBackend.h"
#include "ScrapeBackend.h"
#include "dashboard/DocumentCheck.h"

#include <algorithm>

namespace mw::editor {

using dashboard::SourceKind;

std::optional<SourceKind> PanelSourceCheck::kindOf(const view::SourceBackend *backend)
{
    if (qobject_cast<const view::FeedBackend *>(backend))
        return SourceKind::Feed;
    if (qobject_cast<const view::ScoreBucketBackend *>(backend))
        return SourceKind::ScoreBuckets;
    if (qobject_cast<const view::ScrapeBackend *>(backend))
        return SourceKind::Scrape;
    if (qobject_cast<const view::PrometheusBackend *>(backend))
        return SourceKind::Prometheus;
    return std::nullopt;
}

QString PanelSourceCheck::problem(const dashboard::Panel &panel, const std::vector<SourceKindOf> &sources)
{
    if (!dashboard::isQualityPanel(panel.kind))
        return {};
    const auto read = panel.source.empty()
                          ? sources.begin()
                          : std::find_if(sources.begin(), sources.end(),
                                         [&panel](const SourceKindOf &s) { return s.name == panel.source; });
    if (read != sources.end() && !read->kind)
        return {};
    // The panel alone in a document of the sources whose kind is known: the
    // one it reads is among them, and first when it names none.
    dashboard::Document d;
    for (const SourceKindOf &s : sources) {
        if (!s.kind)
            continue;
        dashboard::Source source;
        source.name = s.name;
        source.kind = *s.kind;
        d.sources.push_back(std::move(source));
    }
    d.panels.push_back(panel);
    const std::vector<dashboard::Issue> issues = dashboard::checkPanelSources(d);
    if (issues.empty())
        return {};
    QString text = QString::fromStdString(issues.front().message);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

} // namespace mw::editor
