#include "FrameClock.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <latch>

namespace mw {
namespace {

/// Runs fn(0..n-1) on the calling thread and up to threads - 1 pool threads,
/// which pull indices from a shared counter; returns when all are done.
template<typename Fn>
void parallelFor(int n, int threads, Fn fn)
{
    const int helpers = std::min(threads, n) - 1;
    if (helpers <= 0) {
        for (int i = 0; i < n; ++i)
            fn(i);
        return;
    }
    std::atomic<int> next{0};
    const auto work = [&] {
        for (int i = next.fetch_add(1); i < n; i = next.fetch_add(1))
            fn(i);
    };
    std::latch done(helpers);
    for (int h = 0; h < helpers; ++h) {
        QThreadPool::globalInstance()->start([&] {
            work();
            done.count_down();
        });
    }
    work();
    done.wait();
}

} // namespace

FrameClock::FrameClock(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(16);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &FrameClock::tick);
}

FrameClock *FrameClock::shared()
{
    static QPointer<FrameClock> clock;
    if (!clock) {
        clock = new FrameClock(QCoreApplication::instance());
        // Measured on the 4x4 dashboard (docs/benchmarks.md, "Dashboard
        // drawing"): a second thread halves the GUI thread's work but, on a
        // busy 2-core machine, waiting for it costs more than it saves. So
        // leave one core to the rest of the system.
        clock->setThreads(std::clamp(QThread::idealThreadCount() - 1, 1, 4));
    }
    return clock;
}

void FrameClock::setInterval(int ms)
{
    m_timer.setInterval(std::max(0, ms));
}

void FrameClock::setThreads(int n)
{
    m_threads = std::max(1, n);
}

void FrameClock::requestFrame(QWidget *w, FrameClient *client)
{
    if (!w || isPending(w))
        return;
    m_dirty.push_back({w, client});
    if (!m_timer.isActive())
        m_timer.start();
}

bool FrameClock::isPending(const QWidget *w) const
{
    return std::any_of(m_dirty.begin(), m_dirty.end(), [w](const Entry &e) { return e.widget == w; });
}

void FrameClock::tick()
{
    m_timer.stop();
    std::vector<Entry> batch;
    batch.swap(m_dirty);
    int hidden = 0;
    // Raw pointers are safe below: nothing runs on the GUI thread meanwhile.
    std::vector<std::pair<QWidget *, FrameClient *>> visible;
    visible.reserve(batch.size());
    for (const Entry &e : batch) {
        QWidget *w = e.widget.data();
        if (!w)
            continue;
        if (w->isVisible())
            visible.emplace_back(w, e.client);
        else
            ++hidden;
    }
    parallelFor(static_cast<int>(visible.size()), m_threads, [&visible](int i) {
        if (FrameClient *c = visible[static_cast<std::size_t>(i)].second)
            c->prepareFrame();
    });
    for (const auto &[w, client] : visible)
        w->update();
    Q_EMIT frameDone(static_cast<int>(visible.size()), hidden);
}

} // namespace mw
