#pragma once

// The frame clock: widgets ask for a frame instead of calling update(); the
// clock coalesces the requests and, once per interval (16 ms), prepares the
// dirty widgets that are visible (in parallel when worker threads are
// allowed) and calls update() on them. Hidden widgets are skipped: they ask
// again when shown (see TimeSeriesPlot::showEvent).

#include "FrameClient.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <vector>

namespace mw {

class FrameClock : public QObject
{
    Q_OBJECT
public:
    explicit FrameClock(QObject *parent = nullptr);

    /// The process-wide clock plots use unless given another one; it prepares
    /// with one thread fewer than the machine has, 1 to 4 (a new clock: the
    /// GUI thread only).
    static FrameClock *shared();

    void setInterval(int ms);
    int interval() const { return m_timer.interval(); }
    /// Threads preparing frames (the GUI thread included); 1 = GUI thread only.
    void setThreads(int n);
    int threads() const { return m_threads; }

    /// Marks w dirty; the next tick prepares `client` (may be null) and repaints w.
    void requestFrame(QWidget *w, FrameClient *client);
    bool isPending(const QWidget *w) const;
    int pendingCount() const { return static_cast<int>(m_dirty.size()); }

public Q_SLOTS:
    /// Runs a frame now (the timer calls it; tests and benchmarks may too).
    void tick();

Q_SIGNALS:
    /// After a tick: how many widgets were repainted, how many were hidden.
    void frameDone(int updated, int skippedHidden);

private:
    struct Entry
    {
        QPointer<QWidget> widget;
        FrameClient *client = nullptr;
    };
    QTimer m_timer;
    std::vector<Entry> m_dirty;
    int m_threads = 1;
};

} // namespace mw
