#pragma once

// A dashboard document rendered into an image with the app's own widgets:
// a DashboardSession runs the sources, a DashboardView lays the panels out
// at the asked width (offscreen, never shown on a screen), and the image is
// taken once every panel has answered, or when the timeout passed. Sources
// that collect themselves (scrape, feed) start empty, so the renderer first
// lets them collect for a warm-up, then refreshes every panel once.
// Relative times resolve against the wall clock at that last refresh.

#include "PanelFrame.h"
#include "dashboard/Document.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <vector>

namespace mw::view {
class DashboardSession;
}
namespace mw::ui {
class DashboardView;
}

namespace mw::cli {

struct RenderOptions
{
    int width = 1600;
    int height = 0;             ///< 0: the grid's content height
    int64_t warmupMs = 0;       ///< how long sources collect before the last refresh
    int64_t timeoutMs = 60'000; ///< the longest wait for answers after the warm-up
};

/// How one panel ended up in the image.
struct PanelOutcome
{
    int id = 0;
    QString title;
    view::PanelState state = view::PanelState::Idle;
    bool answered = false; ///< ready, no data or error (not idle, not loading)
    QStringList errors;
};

struct RenderResult
{
    QImage image;
    std::vector<PanelOutcome> panels;
    QStringList sourceErrors; ///< "demo: why it could not be set up"
    bool timedOut = false;    ///< some panels had not answered
};

class DashboardRenderer : public QObject
{
    Q_OBJECT
public:
    DashboardRenderer(dashboard::Document document, RenderOptions options, QObject *parent = nullptr);
    ~DashboardRenderer() override;

    /// Starts the sources; finished() follows from the event loop, once.
    void start();
    const RenderResult &result() const { return m_result; }

    /// The warm-up a document needs when none is asked for: two intervals of
    /// its slowest scrape (or feed evaluation) source plus a second; 0 when
    /// every source is a Prometheus server (it has the history already).
    static int64_t defaultWarmupMs(const dashboard::Document &document);

Q_SIGNALS:
    void finished();

private:
    enum class Phase { Idle, WarmingUp, Answering, Done };
    void lastRefresh();
    void checkAnswered();
    void finish(bool timedOut);
    int contentHeight() const;
    QImage takeImage();

    dashboard::Document m_doc;
    RenderOptions m_options;
    // The view holds a pointer to the session: declared after it, destroyed first.
    std::unique_ptr<view::DashboardSession> m_session;
    std::unique_ptr<ui::DashboardView> m_view;
    QTimer m_warmup;
    QTimer m_timeout;
    Phase m_phase = Phase::Idle;
    RenderResult m_result;
};

} // namespace mw::cli
