#include "DemoBackends.h"

#include "BackendFactory.h"
#include "demo/DemoServer.h"

namespace mw::app {

view::DashboardSession::BackendMaker backendMaker(demo::DemoServer *demo)
{
    return [demo](const dashboard::Source &source, QString *error) {
        if (demo && source.kind == dashboard::SourceKind::Scrape && source.name == "demo") {
            dashboard::Source live = source;
            live.targets = {demo->url().toString().toStdString() + "/monitoring/prometheus/metrics"};
            live.scrapeIntervalMs = 2'000;
            return view::makeBackend(live, error);
        }
        if (demo && source.kind == dashboard::SourceKind::Feed && source.name == "demo-feed") {
            dashboard::Source live = source;
            live.url = demo->url().toString().toStdString() + "/v1/feed";
            return view::makeBackend(live, error);
        }
        return view::makeBackend(source, error);
    };
}

} // namespace mw::app
