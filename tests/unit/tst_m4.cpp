// M4 reduction (plot/M4.h): brute-force comparison on random data plus edge
// cases.

#include "plot/M4.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace mw;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

bool samePoint(const Point &a, const Point &b)
{
    return a.t == b.t && (a.v == b.v || (std::isnan(a.v) && std::isnan(b.v)));
}

/// Raw statistics of one column.
struct ColumnStats
{
    bool any = false;
    bool anyFinite = false;
    bool anyNaN = false;
    Point first, last;
    double min = 0, max = 0;
};

} // namespace

class TestM4 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnMapping();
    void randomAgainstBruteForce_data();
    void randomAgainstBruteForce();
    void emptyAndInvalid();
    void singlePoint();
    void allInOneColumn();
    void widthOne();
    void outsideRangeOnly();
    void coincidingRolesGiveOnePoint();
    void gapsSurvive();
    void zeroLengthRange();
};

void TestM4::columnMapping()
{
    QCOMPARE(m4Column(0, 0, 1000, 10), 0);
    QCOMPARE(m4Column(99, 0, 1000, 10), 0);
    QCOMPARE(m4Column(100, 0, 1000, 10), 1);
    QCOMPARE(m4Column(999, 0, 1000, 10), 9);
    QCOMPARE(m4Column(1000, 0, 1000, 10), 9); // t1 belongs to the last column
    QCOMPARE(m4Column(5, 5, 5, 10), 0);
    // Huge spans do not overflow.
    const int64_t big = std::numeric_limits<int64_t>::max() / 2;
    QCOMPARE(m4Column(big, -big, big, 4000), 3999);
    QCOMPARE(m4Column(0, -big, big, 4000), 2000);
}

void TestM4::randomAgainstBruteForce_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("width");
    QTest::addColumn<double>("nanFraction");
    QTest::newRow("dense") << 1 << 20000 << 300 << 0.0;
    QTest::newRow("dense with gaps") << 2 << 20000 << 300 << 0.01;
    QTest::newRow("sparse") << 3 << 200 << 1000 << 0.0;
    QTest::newRow("sparse with gaps") << 4 << 200 << 1000 << 0.1;
    QTest::newRow("many gaps") << 5 << 5000 << 97 << 0.3;
    QTest::newRow("plateaus") << 6 << 5000 << 64 << 0.0;
}

void TestM4::randomAgainstBruteForce()
{
    QFETCH(int, seed);
    QFETCH(int, count);
    QFETCH(int, width);
    QFETCH(double, nanFraction);

    std::mt19937_64 rng(static_cast<uint64_t>(seed));
    std::uniform_int_distribution<int64_t> dt(0, 40); // duplicates in time included
    std::uniform_real_distribution<double> unit(0, 1);
    const bool plateaus = QByteArray(QTest::currentDataTag()) == "plateaus";
    std::vector<Point> pts;
    int64_t t = 1'700'000'000'000;
    double v = 0;
    for (int i = 0; i < count; ++i) {
        t += dt(rng);
        v = plateaus ? std::floor(unit(rng) * 3) : v + (unit(rng) - 0.5);
        pts.push_back({t, unit(rng) < nanFraction ? NaN : v});
    }
    // Visible range strictly inside the data, so both edge neighbours exist.
    const int64_t t0 = pts[pts.size() / 10].t + 3;
    const int64_t t1 = pts[pts.size() * 9 / 10].t - 3;

    std::vector<Point> out;
    m4Reduce(pts, t0, t1, width, out);

    // 1. Output is a subsequence of the input (values copied, never made up,
    //    time order kept, no point twice). Remember the raw index of each.
    std::vector<std::size_t> rawIndex;
    std::size_t k = 0;
    for (const Point &o : out) {
        while (k < pts.size() && !samePoint(pts[k], o))
            ++k;
        QVERIFY2(k < pts.size(), "output point not found in order in the input");
        rawIndex.push_back(k++);
    }

    // 2. Edge neighbours kept.
    std::size_t firstIn = 0;
    while (pts[firstIn].t < t0)
        ++firstIn;
    std::size_t endIn = firstIn;
    while (endIn < pts.size() && pts[endIn].t <= t1)
        ++endIn;
    QVERIFY(!out.empty());
    QVERIFY(samePoint(out.front(), pts[firstIn - 1]) || std::isnan(pts[firstIn - 1].v));
    QVERIFY(samePoint(out.back(), pts[endIn]) || std::isnan(pts[endIn].v));

    // 3. Per column: first/min/max/last of the finite values match the raw
    //    data; at most 4 finite points; a column with NaNs breaks the line.
    std::vector<ColumnStats> raw(static_cast<std::size_t>(width)), drawn(static_cast<std::size_t>(width));
    std::vector<int> finiteDrawn(static_cast<std::size_t>(width), 0);
    const auto add = [](ColumnStats &c, const Point &p) {
        c.any = true;
        if (std::isnan(p.v)) {
            c.anyNaN = true;
            return;
        }
        if (!c.anyFinite) {
            c.anyFinite = true;
            c.first = p;
            c.min = c.max = p.v;
        }
        c.min = std::min(c.min, p.v);
        c.max = std::max(c.max, p.v);
        c.last = p;
    };
    for (std::size_t i = firstIn; i < endIn; ++i)
        add(raw[static_cast<std::size_t>(m4Column(pts[i].t, t0, t1, width))], pts[i]);
    for (const Point &o : out) {
        if (o.t < t0 || o.t > t1)
            continue;
        const auto c = static_cast<std::size_t>(m4Column(o.t, t0, t1, width));
        add(drawn[c], o);
        if (!std::isnan(o.v))
            ++finiteDrawn[c];
    }
    for (std::size_t c = 0; c < raw.size(); ++c) {
        QCOMPARE(drawn[c].anyFinite, raw[c].anyFinite);
        QVERIFY(finiteDrawn[c] <= 4);
        if (raw[c].anyFinite) {
            QVERIFY(samePoint(drawn[c].first, raw[c].first));
            QVERIFY(samePoint(drawn[c].last, raw[c].last));
            QCOMPARE(drawn[c].min, raw[c].min);
            QCOMPARE(drawn[c].max, raw[c].max);
        }
        if (!raw[c].any)
            QVERIFY(!drawn[c].any);
    }

    // 4. Gaps survive: between two consecutive drawn finite points in
    //    different columns, the output has a NaN exactly when the raw data
    //    has one between them.
    for (std::size_t a = 0; a < out.size(); ++a) {
        if (std::isnan(out[a].v))
            continue;
        std::size_t b = a + 1;
        bool drawnGap = false;
        while (b < out.size() && std::isnan(out[b].v)) {
            drawnGap = true;
            ++b;
        }
        if (b == out.size())
            break;
        bool rawGap = false;
        for (std::size_t i = rawIndex[a] + 1; i < rawIndex[b]; ++i)
            rawGap = rawGap || std::isnan(pts[i].v);
        const bool sameColumn = out[a].t >= t0 && out[b].t <= t1
            && m4Column(out[a].t, t0, t1, width) == m4Column(out[b].t, t0, t1, width);
        if (!sameColumn)
            QCOMPARE(drawnGap, rawGap);
        else if (drawnGap)
            QVERIFY(rawGap);
    }

    // 5. And it is a reduction.
    QVERIFY(out.size() <= static_cast<std::size_t>(6 * width + 2));
}

void TestM4::emptyAndInvalid()
{
    std::vector<Point> out{{1, 1}};
    m4Reduce({}, 0, 100, 10, out);
    QVERIFY(out.empty());
    const std::vector<Point> pts{{10, 1}, {20, 2}};
    m4Reduce(pts, 0, 100, 0, out);
    QVERIFY(out.empty());
    m4Reduce(pts, 0, 100, -5, out);
    QVERIFY(out.empty());
    m4Reduce(pts, 100, 0, 10, out);
    QVERIFY(out.empty());
}

void TestM4::singlePoint()
{
    const std::vector<Point> pts{{50, 7}};
    std::vector<Point> out;
    m4Reduce(pts, 0, 100, 10, out);
    QCOMPARE(out, pts);
}

void TestM4::allInOneColumn()
{
    // Column 0 of 10 over [0, 1000) holds t = 0..99.
    const std::vector<Point> pts{{0, 5}, {10, 1}, {20, 4}, {30, 9}, {40, 2}, {50, 3}};
    std::vector<Point> out;
    m4Reduce(pts, 0, 1000, 10, out);
    const std::vector<Point> want{{0, 5}, {10, 1}, {30, 9}, {50, 3}};
    QCOMPARE(out, want);
}

void TestM4::widthOne()
{
    std::vector<Point> pts;
    for (int i = 0; i < 100; ++i)
        pts.push_back({i * 10, std::sin(i * 0.3)});
    std::vector<Point> out;
    m4Reduce(pts, 0, 990, 1, out);
    QVERIFY(out.size() <= 4);
    QCOMPARE(out.front(), pts.front());
    QCOMPARE(out.back(), pts.back());
    double mn = 1e9, mx = -1e9;
    for (const Point &p : pts) {
        mn = std::min(mn, p.v);
        mx = std::max(mx, p.v);
    }
    bool hasMin = false, hasMax = false;
    for (const Point &p : out) {
        hasMin = hasMin || p.v == mn;
        hasMax = hasMax || p.v == mx;
    }
    QVERIFY(hasMin && hasMax);
}

void TestM4::outsideRangeOnly()
{
    const std::vector<Point> pts{{0, 1}, {10, 2}, {500, 3}, {600, 4}};
    std::vector<Point> out;
    // Nothing inside [100, 400]: the two neighbours still draw the line across.
    m4Reduce(pts, 100, 400, 30, out);
    const std::vector<Point> want{{10, 2}, {500, 3}};
    QCOMPARE(out, want);
    // Everything before the range: only the last point is kept.
    m4Reduce(pts, 1000, 2000, 30, out);
    QCOMPARE(out, (std::vector<Point>{{600, 4}}));
    // Everything after: only the first.
    m4Reduce(pts, -200, -100, 30, out);
    QCOMPARE(out, (std::vector<Point>{{0, 1}}));
    // Points exactly on t0 and t1 are inside.
    m4Reduce(pts, 10, 500, 5, out);
    const std::vector<Point> want2{{0, 1}, {10, 2}, {500, 3}, {600, 4}};
    QCOMPARE(out, want2);
}

void TestM4::coincidingRolesGiveOnePoint()
{
    std::vector<Point> out;
    // Rising within one column: first = min, last = max -> 2 points.
    m4Reduce(std::vector<Point>{{0, 1}, {1, 2}, {2, 3}}, 0, 100, 10, out);
    QCOMPARE(out, (std::vector<Point>{{0, 1}, {2, 3}}));
    // Flat: one point for first/min/max, one for last.
    m4Reduce(std::vector<Point>{{0, 4}, {1, 4}, {2, 4}}, 0, 100, 10, out);
    QCOMPARE(out, (std::vector<Point>{{0, 4}, {2, 4}}));
}

void TestM4::gapsSurvive()
{
    std::vector<Point> out;
    // Column 0: 1, NaN ; column 1: NaN, 5 -> one NaN between 1 and 5.
    m4Reduce(std::vector<Point>{{0, 1}, {5, NaN}, {15, NaN}, {19, 5}}, 0, 20, 2, out);
    QCOMPARE(out.size(), std::size_t{3});
    QCOMPARE(out[0], (Point{0, 1}));
    QVERIFY(std::isnan(out[1].v));
    QCOMPARE(out[2], (Point{19, 5}));
    // A column of only NaN between two drawn columns.
    m4Reduce(std::vector<Point>{{0, 1}, {12, NaN}, {25, 2}}, 0, 30, 3, out);
    QCOMPARE(out.size(), std::size_t{3});
    QVERIFY(std::isnan(out[1].v));
    QCOMPARE(out[1].t, int64_t{12});
    // Stale markers are NaN too.
    m4Reduce(std::vector<Point>{{0, 1}, {12, staleNaN()}, {25, 2}}, 0, 30, 3, out);
    QCOMPARE(out.size(), std::size_t{3});
    QVERIFY(isStaleNaN(out[1].v));
    // A NaN just before t0 stops the line at the left edge.
    m4Reduce(std::vector<Point>{{-5, NaN}, {5, 1}, {25, 2}}, 0, 30, 3, out);
    QVERIFY(std::isnan(out.front().v));
}

void TestM4::zeroLengthRange()
{
    std::vector<Point> out;
    m4Reduce(std::vector<Point>{{0, 1}, {5, 3}, {5, 1}, {5, 2}, {9, 0}}, 5, 5, 100, out);
    const std::vector<Point> want{{0, 1}, {5, 3}, {5, 1}, {5, 2}, {9, 0}};
    QCOMPARE(out, want);
}

QTEST_GUILESS_MAIN(TestM4)
#include "tst_m4.moc"
