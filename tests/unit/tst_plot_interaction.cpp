// Mouse interaction on TimeSeriesPlot: drag zoom, wheel zoom, pan,
// double-click reset, and hover and zoom synced through a PlotCursor.

#include "FrameClock.h"
#include "PlotCursor.h"
#include "TimeSeriesPlot.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace mw;

namespace {

constexpr int64_t kT0 = 1'764'547'200'000;
constexpr int64_t kSpan = 3'600'000; // one hour of data

SeriesData ramp()
{
    auto v = std::make_shared<std::vector<Point>>();
    for (int64_t t = 0; t <= kSpan; t += 1000)
        v->push_back({kT0 + t, static_cast<double>(t % 600'000) / 1000.0});
    return v;
}

QPoint at(const PlotMapping &m, double fx, double fy = 0.5)
{
    return QPoint(static_cast<int>(m.area.left() + fx * m.area.width()),
                  static_cast<int>(m.area.top() + fy * m.area.height()));
}

/// A move with no button held, sent to w itself (QTest::mouseMove would move
/// the platform cursor instead, which the offscreen platform does not route).
void hover(QWidget *w, QPoint pos)
{
    QMouseEvent ev(QEvent::MouseMove, QPointF(pos), QPointF(w->mapToGlobal(pos)), Qt::NoButton, Qt::NoButton,
                   Qt::NoModifier);
    QApplication::sendEvent(w, &ev);
}

} // namespace

class TestPlotInteraction : public QObject
{
    Q_OBJECT
private:
    FrameClock m_clock;

    void setUp(TimeSeriesPlot &p)
    {
        p.setFrameClock(&m_clock);
        p.setTimeZone(QTimeZone::utc());
        p.setSeries({{QStringLiteral("ramp"), QColor(200, 0, 0), ramp()}});
        p.resize(500, 300);
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void dragZoomsToTheBand()
    {
        TimeSeriesPlot p;
        setUp(p);
        const PlotMapping m = p.currentMapping();
        QCOMPARE(p.timeRange(), (TimeRange{kT0, kT0 + kSpan}));
        QSignalSpy changed(&p, &TimeSeriesPlot::timeRangeChanged);
        const QPoint a = at(m, 0.25), b = at(m, 0.5);
        QTest::mousePress(&p, Qt::LeftButton, {}, a);
        QTest::mouseMove(&p, at(m, 0.4));
        QTest::mouseMove(&p, b);
        QTest::mouseRelease(&p, Qt::LeftButton, {}, b);
        const TimeRange want{m.tOf(a.x()), m.tOf(b.x())};
        QCOMPARE(p.timeRange(), want);
        QVERIFY(p.isZoomed());
        // About a quarter of an hour starting a quarter in.
        QVERIFY(std::llabs(want.t0 - (kT0 + kSpan / 4)) < kSpan / 100);
        QVERIFY(std::llabs(want.span() - kSpan / 4) < kSpan / 100);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toLongLong(), want.t0);
        QCOMPARE(changed.at(0).at(1).toLongLong(), want.t1);
        // The new range is what is drawn.
        QCOMPARE(p.currentMapping().time, want);
    }

    void tinyDragIsAClickNotAZoom()
    {
        TimeSeriesPlot p;
        setUp(p);
        const PlotMapping m = p.currentMapping();
        QTest::mousePress(&p, Qt::LeftButton, {}, at(m, 0.5));
        QTest::mouseRelease(&p, Qt::LeftButton, {}, at(m, 0.5) + QPoint(2, 0));
        QVERIFY(!p.isZoomed());
        QCOMPARE(p.timeRange(), (TimeRange{kT0, kT0 + kSpan}));
    }

    void wheelZoomsAroundThePointer()
    {
        TimeSeriesPlot p;
        setUp(p);
        const PlotMapping m = p.currentMapping();
        const QPoint pos = at(m, 0.75);
        const int64_t anchor = m.tOf(pos.x());
        QWheelEvent ev(QPointF(pos), QPointF(p.mapToGlobal(pos)), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                       Qt::NoScrollPhase, false);
        QApplication::sendEvent(&p, &ev);
        const TimeRange r = p.timeRange();
        QCOMPARE(r.span(), static_cast<int64_t>(std::llround(kSpan * 0.8)));
        // The time under the pointer stays under it.
        const double rel = static_cast<double>(anchor - r.t0) / static_cast<double>(r.span());
        QVERIFY(std::fabs(rel - 0.75) < 0.01);
        QWheelEvent out(QPointF(pos), QPointF(p.mapToGlobal(pos)), QPoint(), QPoint(0, -240), Qt::NoButton,
                        Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&p, &out);
        QCOMPARE(p.timeRange().span(), static_cast<int64_t>(std::llround(std::llround(kSpan * 0.8) / 0.64)));
    }

    void shiftDragPans()
    {
        TimeSeriesPlot p;
        setUp(p);
        const PlotMapping m = p.currentMapping();
        const QPoint a = at(m, 0.6), b = at(m, 0.4);
        QTest::mousePress(&p, Qt::LeftButton, Qt::ShiftModifier, a);
        QTest::mouseMove(&p, b);
        QTest::mouseRelease(&p, Qt::LeftButton, Qt::ShiftModifier, b);
        const auto dt = static_cast<int64_t>(std::llround(-(b.x() - a.x()) * static_cast<double>(kSpan) / m.area.width()));
        QCOMPARE(p.timeRange(), (TimeRange{kT0 + dt, kT0 + kSpan + dt}));
        QVERIFY(dt > kSpan / 6); // dragged left: later times come in
    }

    void middleDragPans()
    {
        TimeSeriesPlot p;
        setUp(p);
        const PlotMapping m = p.currentMapping();
        QTest::mousePress(&p, Qt::MiddleButton, {}, at(m, 0.3));
        QTest::mouseMove(&p, at(m, 0.5));
        QTest::mouseRelease(&p, Qt::MiddleButton, {}, at(m, 0.5));
        QVERIFY(p.timeRange().t0 < kT0);
        QCOMPARE(p.timeRange().span(), kSpan);
    }

    void doubleClickResets()
    {
        TimeSeriesPlot p;
        setUp(p);
        p.setTimeRange({kT0 + 1000, kT0 + 60'000});
        QVERIFY(p.isZoomed());
        QSignalSpy reset(&p, &TimeSeriesPlot::zoomReset);
        QTest::mouseDClick(&p, Qt::LeftButton, {}, at(p.currentMapping(), 0.5));
        QCOMPARE(reset.count(), 1);
        QVERIFY(!p.isZoomed());
        QCOMPARE(p.timeRange(), (TimeRange{kT0, kT0 + kSpan}));
    }

    void hoverIsSyncedAcrossPlots()
    {
        PlotCursor cursor;
        TimeSeriesPlot a, b;
        setUp(a);
        setUp(b);
        a.setPlotCursor(&cursor);
        b.setPlotCursor(&cursor);
        b.setSeries({}); // an empty plot: only the crosshair can be drawn there
        b.setDefaultTimeRange(TimeRange{kT0, kT0 + kSpan});
        const PlotMapping ma = a.currentMapping();
        const PlotMapping mb = b.currentMapping();
        const QImage before = b.grab().toImage();

        QSignalSpy moved(&a, &TimeSeriesPlot::hoverMoved);
        QSignalSpy cursorMoved(&cursor, &PlotCursor::hoverChanged);
        const QPoint pos = at(ma, 0.3);
        hover(&a, pos);
        const int64_t t = ma.tOf(pos.x());
        QVERIFY(moved.count() >= 1);
        QCOMPARE(moved.last().at(0).toLongLong(), t);
        QVERIFY(cursorMoved.count() >= 1);
        QCOMPARE(cursor.hoverTime(), std::optional<int64_t>(t));
        QCOMPARE(cursor.hoverSource(), &a);
        QCOMPARE(b.hoverTime(), std::optional<int64_t>(t));

        // b draws the crosshair at its own x of that time.
        const QImage after = b.grab().toImage();
        const int x = static_cast<int>(std::lround(mb.xOf(t)));
        const int y = static_cast<int>(mb.area.center().y());
        QVERIFY(before.pixel(x, y) != after.pixel(x, y));
        QCOMPARE(after.pixel(x + 5, y), before.pixel(x + 5, y));

        // Leaving clears it everywhere.
        QSignalSpy left(&a, &TimeSeriesPlot::hoverLeft);
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(&a, &leave);
        QCOMPARE(left.count(), 1);
        QVERIFY(!b.hoverTime());
        QCOMPARE(b.grab().toImage().pixel(x, y), before.pixel(x, y));
    }

    void zoomIsSyncedAndResetRestores()
    {
        PlotCursor cursor;
        TimeSeriesPlot a, b;
        setUp(a);
        setUp(b);
        a.setPlotCursor(&cursor);
        b.setPlotCursor(&cursor);
        const PlotMapping m = a.currentMapping();
        QTest::mousePress(&a, Qt::LeftButton, {}, at(m, 0.1));
        QTest::mouseMove(&a, at(m, 0.2));
        QTest::mouseRelease(&a, Qt::LeftButton, {}, at(m, 0.2));
        const TimeRange want{m.tOf(at(m, 0.1).x()), m.tOf(at(m, 0.2).x())};
        QCOMPARE(a.timeRange(), want);
        QCOMPARE(b.timeRange(), want);
        QCOMPARE(cursor.timeRange(), std::optional<TimeRange>(want));
        QCOMPARE(b.currentMapping().time, want);
        QSignalSpy resetB(&b, &TimeSeriesPlot::zoomReset);
        b.resetZoom();
        QCOMPARE(resetB.count(), 1);
        QCOMPARE(a.timeRange(), (TimeRange{kT0, kT0 + kSpan}));
        QCOMPARE(b.timeRange(), (TimeRange{kT0, kT0 + kSpan}));
        QVERIFY(!cursor.timeRange());
    }
};

QTEST_MAIN(TestPlotInteraction)
#include "tst_plot_interaction.moc"
