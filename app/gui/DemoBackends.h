#pragma once

#include "DashboardSession.h"

namespace mw::demo {
class DemoServer;
}

namespace mw::app {

/// The backends of the running dashboard. With a demo server, the example's
/// `demo` scrape source scrapes that in-process server (on its free port,
/// not 8501) every 2 s so a newcomer sees movement at once, and its
/// `demo-feed` source polls the server's labeled-prediction feed; the
/// document keeps its own URLs. Everything else is view::makeBackend.
view::DashboardSession::BackendMaker backendMaker(demo::DemoServer *demo);

/// The example `modelwatch --demo` opens.
inline constexpr const char *kDemoExample = "tfserving-demo";

} // namespace mw::app
