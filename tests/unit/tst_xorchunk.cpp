// Property tests of the Gorilla/XOR chunk against an uncompressed reference.
#include "store/XorChunk.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using mw::Point;
using mw::XorChunk;

namespace {

struct Ref
{
    int64_t t;
    uint64_t bits;
};

std::vector<Ref> decode(const XorChunk &c)
{
    std::vector<Ref> out;
    auto it = c.iterator();
    while (it.next()) {
        const Point p = it.at();
        out.push_back({p.t, std::bit_cast<uint64_t>(p.v)});
    }
    return out;
}

// Timestamps in strictly increasing order with a mix of gap patterns.
std::vector<int64_t> makeTimes(std::mt19937_64 &rng, std::size_t n)
{
    std::vector<int64_t> ts;
    ts.reserve(n);
    const int mode = static_cast<int>(rng() % 6);
    int64_t t;
    switch (rng() % 4) {
    case 0: t = std::numeric_limits<int64_t>::min() + static_cast<int64_t>(rng() % 1000); break;
    case 1: t = -static_cast<int64_t>(rng() % 1'000'000'000'000); break;
    default: t = 1'700'000'000'000 + static_cast<int64_t>(rng() % 100'000'000); break;
    }
    const int64_t step = 1 + static_cast<int64_t>(rng() % 60'000);
    for (std::size_t i = 0; i < n; ++i) {
        ts.push_back(t);
        uint64_t gap = 0;
        switch (mode) {
        case 0: gap = static_cast<uint64_t>(step); break;                                   // perfectly regular
        case 1: gap = static_cast<uint64_t>(step) + rng() % 50; break;                       // jitter
        case 2: gap = 1 + rng() % (uint64_t{1} << (rng() % 40)); break;                      // all bucket sizes
        case 3: gap = (rng() % 10 == 0) ? (uint64_t{1} << (30 + rng() % 30)) : 15000; break; // huge gaps
        case 4: gap = 1; break;
        default: gap = 1 + (rng() % 2 ? rng() % 8192 : rng() % (uint64_t{1} << 21)); break;
        }
        const uint64_t room = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - static_cast<uint64_t>(t);
        if (room == 0) // cannot go on; a chunk is still valid with fewer samples
            break;
        if (gap > room)
            gap = 1 + rng() % room;
        t = static_cast<int64_t>(static_cast<uint64_t>(t) + gap);
    }
    return ts;
}

uint64_t makeValue(std::mt19937_64 &rng, int mode, uint64_t prev)
{
    static const uint64_t specials[] = {
        mw::kStaleNaNBits,
        std::bit_cast<uint64_t>(std::numeric_limits<double>::quiet_NaN()),
        0x7ff8dead'beef0001ULL, // quiet NaN with payload
        0xfff0000000000001ULL,  // negative signalling NaN
        std::bit_cast<uint64_t>(std::numeric_limits<double>::infinity()),
        std::bit_cast<uint64_t>(-std::numeric_limits<double>::infinity()),
        std::bit_cast<uint64_t>(-0.0),
        std::bit_cast<uint64_t>(0.0),
        std::bit_cast<uint64_t>(std::numeric_limits<double>::denorm_min()),
        std::bit_cast<uint64_t>(std::numeric_limits<double>::max()),
        std::bit_cast<uint64_t>(std::numeric_limits<double>::lowest()),
        1, 0x8000000000000000ULL, 0xffffffffffffffffULL,
    };
    switch (mode) {
    case 0: // counter increasing by random integers
        return std::bit_cast<uint64_t>(std::bit_cast<double>(prev) + static_cast<double>(rng() % 1000));
    case 1: // gauge jitter
        return std::bit_cast<uint64_t>(0.5 + static_cast<double>(rng() % 1'000'000) / 1e7);
    case 2: // any 64 bits
        return rng();
    case 3: // mostly the same value, sometimes special
        return rng() % 4 == 0 ? specials[rng() % std::size(specials)] : prev;
    default: // mix of everything, flipping a few bits of the previous value
        switch (rng() % 4) {
        case 0: return specials[rng() % std::size(specials)];
        case 1: return prev ^ (uint64_t{1} << (rng() % 64));
        case 2: return rng();
        default: return prev;
        }
    }
}

} // namespace

class TestXorChunk : public QObject
{
    Q_OBJECT

private slots:
    void roundTripSpecialValues_data();
    void roundTripSpecialValues();
    void randomizedAgainstReference();
    void rejectsOutOfOrderAndEqual();
    void extremeTimestamps();
    void compressesRegularData();
    void seekFindsFirstAtOrAfter();
};

void TestXorChunk::roundTripSpecialValues_data()
{
    QTest::addColumn<quint64>("bits");
    QTest::newRow("StaleNaN") << quint64(mw::kStaleNaNBits);
    QTest::newRow("quiet NaN") << quint64(std::bit_cast<uint64_t>(std::numeric_limits<double>::quiet_NaN()));
    QTest::newRow("NaN payload") << quint64(0x7ff4'0000'1234'5678ULL);
    QTest::newRow("+Inf") << quint64(std::bit_cast<uint64_t>(std::numeric_limits<double>::infinity()));
    QTest::newRow("-Inf") << quint64(std::bit_cast<uint64_t>(-std::numeric_limits<double>::infinity()));
    QTest::newRow("-0.0") << quint64(std::bit_cast<uint64_t>(-0.0));
    QTest::newRow("denorm") << quint64(std::bit_cast<uint64_t>(std::numeric_limits<double>::denorm_min()));
    QTest::newRow("all ones") << quint64(0xffffffffffffffffULL);
}

void TestXorChunk::roundTripSpecialValues()
{
    QFETCH(quint64, bits);
    // The special value first, after an ordinary one, repeated, then followed
    // by an ordinary one: all four XOR paths touch it.
    const std::vector<uint64_t> values = {bits, std::bit_cast<uint64_t>(1.5), bits, bits, std::bit_cast<uint64_t>(-2.25), bits};
    XorChunk c;
    for (std::size_t i = 0; i < values.size(); ++i)
        QVERIFY(c.append(1000 + static_cast<int64_t>(i) * 15000, std::bit_cast<double>(values[i])));
    const auto got = decode(c);
    QCOMPARE(got.size(), values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        QCOMPARE(got[i].t, 1000 + static_cast<int64_t>(i) * 15000);
        QCOMPARE(got[i].bits, values[i]);
    }
    QCOMPARE(std::bit_cast<uint64_t>(c.last().v), values.back());
}

void TestXorChunk::randomizedAgainstReference()
{
    std::mt19937_64 rng(20240611);
    std::size_t totalSamples = 0;
    for (int round = 0; round < 5000; ++round) {
        const std::size_t n = 1 + rng() % 300;
        const auto ts = makeTimes(rng, n);
        const int mode = static_cast<int>(rng() % 5);
        std::vector<Ref> ref;
        XorChunk c;
        uint64_t v = std::bit_cast<uint64_t>(static_cast<double>(rng() % 100000));
        for (int64_t t : ts) {
            v = makeValue(rng, mode, v);
            if (!c.append(t, std::bit_cast<double>(v)))
                QFAIL(qPrintable(QStringLiteral("append refused in round %1").arg(round)));
            ref.push_back({t, v});
            // Occasionally try an out-of-order sample: it must change nothing.
            if (rng() % 16 == 0)
                QVERIFY(!c.append(t - static_cast<int64_t>(rng() % 2), 1.0));
        }
        const auto got = decode(c);
        QCOMPARE(c.count(), uint32_t(ref.size()));
        QCOMPARE(got.size(), ref.size());
        for (std::size_t i = 0; i < ref.size(); ++i) {
            if (got[i].t != ref[i].t || got[i].bits != ref[i].bits)
                QFAIL(qPrintable(QStringLiteral("round %1 sample %2: t %3 vs %4, bits %5 vs %6")
                                     .arg(round).arg(i).arg(got[i].t).arg(ref[i].t)
                                     .arg(got[i].bits, 16, 16).arg(ref[i].bits, 16, 16)));
        }
        QCOMPARE(c.minTime(), ref.front().t);
        QCOMPARE(c.maxTime(), ref.back().t);
        totalSamples += ref.size();
    }
    QVERIFY(totalSamples > 500'000);
}

void TestXorChunk::rejectsOutOfOrderAndEqual()
{
    XorChunk c;
    QVERIFY(c.append(100, 1.0));
    QVERIFY(!c.append(100, 2.0));
    QVERIFY(!c.append(99, 2.0));
    QVERIFY(c.append(101, 2.0));
    QVERIFY(!c.append(50, 3.0));
    const auto got = decode(c);
    QCOMPARE(got.size(), std::size_t(2));
    QCOMPARE(got[1].t, int64_t(101));
    QCOMPARE(std::bit_cast<double>(got[1].bits), 2.0);
}

void TestXorChunk::extremeTimestamps()
{
    constexpr int64_t lo = std::numeric_limits<int64_t>::min();
    constexpr int64_t hi = std::numeric_limits<int64_t>::max();
    const std::vector<int64_t> ts = {lo, lo + 1, 0, 1, hi - 1, hi};
    XorChunk c;
    for (int64_t t : ts)
        QVERIFY(c.append(t, static_cast<double>(t)));
    QVERIFY(!c.append(hi, 0.0));
    const auto got = decode(c);
    QCOMPARE(got.size(), ts.size());
    for (std::size_t i = 0; i < ts.size(); ++i) {
        QCOMPARE(got[i].t, ts[i]);
        QCOMPARE(std::bit_cast<double>(got[i].bits), static_cast<double>(ts[i]));
    }
}

void TestXorChunk::compressesRegularData()
{
    // A regular 15 s scrape of a slowly growing counter: Prometheus reaches
    // about 1.4 bytes per sample on such data; hold us to under 3.
    XorChunk c;
    std::mt19937_64 rng(7);
    double v = 1e6;
    for (int i = 0; i < 120; ++i) {
        v += static_cast<double>(rng() % 16);
        QVERIFY(c.append(1'700'000'000'000 + i * 15000, v));
    }
    QVERIFY2(c.bytes().size() < 120 * 3, qPrintable(QString::number(c.bytes().size())));
    const std::size_t before = c.heapBytes();
    c.compact();
    QVERIFY(c.heapBytes() <= before);
    QCOMPARE(c.heapBytes(), c.bytes().size());
    QCOMPARE(decode(c).size(), std::size_t(120));
}

void TestXorChunk::seekFindsFirstAtOrAfter()
{
    XorChunk c;
    for (int i = 0; i < 10; ++i)
        QVERIFY(c.append(i * 10, i));
    auto it = c.iterator();
    QVERIFY(it.seek(35));
    QCOMPARE(it.at().t, int64_t(40));
    QCOMPARE(it.at().v, 4.0);
    QVERIFY(it.seek(40)); // already there
    QCOMPARE(it.at().t, int64_t(40));
    QVERIFY(!it.seek(91));
}

QTEST_GUILESS_MAIN(TestXorChunk)
#include "tst_xorchunk.moc"
