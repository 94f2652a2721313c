// Time axis ticks and label formats, in fixed time zones (UTC, a half-hour
// offset, a DST zone) with the C locale, so results do not depend on the
// machine.

#include "TimeTicks.h"

#include <QDateTime>
#include <QTest>

using namespace mw;

namespace {

int64_t utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

QStringList labels(const TimeTicks &t)
{
    QStringList out;
    for (const TimeTick &k : t.ticks)
        out << k.label;
    return out;
}

} // namespace

class TestTimeTicks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chooseStep_data()
    {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<qint64>("step");
        QTest::newRow("1 h / 7") << qint64(TimeTicks::kHour) << 7 << qint64(10 * TimeTicks::kMinute);
        QTest::newRow("1 h / 5") << qint64(TimeTicks::kHour) << 5 << qint64(15 * TimeTicks::kMinute);
        QTest::newRow("28 h / 6") << qint64(28 * TimeTicks::kHour) << 6 << qint64(6 * TimeTicks::kHour);
        QTest::newRow("90 s / 4") << qint64(90'000) << 4 << qint64(30'000);
        QTest::newRow("450 ms / 10") << qint64(450) << 10 << qint64(50);
        QTest::newRow("2 weeks / 8") << qint64(14 * TimeTicks::kDay) << 8 << qint64(2 * TimeTicks::kDay);
        QTest::newRow("1 year / 5") << qint64(TimeTicks::kYear) << 5 << qint64(3 * TimeTicks::kMonth);
        QTest::newRow("30 years / 4") << qint64(30 * TimeTicks::kYear) << 4 << qint64(10 * TimeTicks::kYear);
    }
    void chooseStep()
    {
        QFETCH(qint64, span);
        QFETCH(int, maxTicks);
        QFETCH(qint64, step);
        QCOMPARE(TimeTicks::chooseStep(span, maxTicks), step);
    }

    void minutesInUtc()
    {
        const TimeRange r{utc(2026, 12, 1, 9, 3, 20), utc(2026, 12, 1, 10, 3, 20)};
        const TimeTicks t = TimeTicks::forRange(r, 7, QTimeZone::utc(), QLocale::c());
        QCOMPARE(t.step, 10 * TimeTicks::kMinute);
        QCOMPARE(labels(t), (QStringList{QStringLiteral("09:10"), QStringLiteral("09:20"), QStringLiteral("09:30"),
                                         QStringLiteral("09:40"), QStringLiteral("09:50"), QStringLiteral("10:00")}));
        QCOMPARE(t.ticks.front().t, utc(2026, 12, 1, 9, 10));
    }

    void midnightShowsTheDate()
    {
        const TimeRange r{utc(2026, 11, 30, 13), utc(2026, 12, 1, 17)};
        const TimeTicks t = TimeTicks::forRange(r, 6, QTimeZone::utc(), QLocale::c());
        QCOMPARE(t.step, 6 * TimeTicks::kHour);
        QCOMPARE(labels(t), (QStringList{QStringLiteral("18:00"), QStringLiteral("Dec 1"), QStringLiteral("06:00"),
                                         QStringLiteral("12:00")}));
    }

    void tickAtTheStartIsKept()
    {
        const TimeRange r{utc(2026, 12, 1, 9), utc(2026, 12, 1, 10)};
        const TimeTicks t = TimeTicks::forRange(r, 5, QTimeZone::utc(), QLocale::c());
        QCOMPARE(t.ticks.front().t, r.t0);
        QCOMPARE(t.ticks.back().t, r.t1);
        QCOMPARE(t.ticks.size(), std::size_t(5));
    }

    void secondsAndMilliseconds()
    {
        const TimeRange s{utc(2026, 12, 1, 9, 0, 1), utc(2026, 12, 1, 9, 0, 59)};
        const TimeTicks ts = TimeTicks::forRange(s, 5, QTimeZone::utc(), QLocale::c());
        QCOMPARE(ts.step, 15'000);
        QCOMPARE(labels(ts), (QStringList{QStringLiteral("09:00:15"), QStringLiteral("09:00:30"), QStringLiteral("09:00:45")}));
        const TimeRange ms{utc(2026, 12, 1, 9, 0, 1, 30), utc(2026, 12, 1, 9, 0, 1, 480)};
        const TimeTicks tm = TimeTicks::forRange(ms, 10, QTimeZone::utc(), QLocale::c());
        QCOMPARE(tm.step, 50);
        QCOMPARE(tm.ticks.front().label, QStringLiteral("09:00:01.050"));
    }

    void localTimeAlignment()
    {
        // India is UTC+5:30: hourly ticks fall on local whole hours.
        const QTimeZone ist(QByteArrayLiteral("Asia/Kolkata"));
        QVERIFY(ist.isValid());
        const TimeRange r{utc(2026, 12, 1, 0, 10), utc(2026, 12, 1, 4, 10)};
        const TimeTicks t = TimeTicks::forRange(r, 5, ist, QLocale::c());
        QCOMPARE(t.step, TimeTicks::kHour);
        QCOMPARE(t.ticks.front().t, utc(2026, 12, 1, 0, 30));
        QCOMPARE(t.ticks.front().label, QStringLiteral("06:00"));
    }

    void dstChangeKeepsLocalHours()
    {
        // Berlin leaves summer time on 2026-10-25 at 03:00 local (01:00 UTC).
        const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
        QVERIFY(berlin.isValid());
        const TimeRange r{utc(2026, 10, 24, 20), utc(2026, 10, 25, 8)};
        const TimeTicks t = TimeTicks::forRange(r, 5, berlin, QLocale::c());
        QCOMPARE(t.step, 3 * TimeTicks::kHour);
        for (const TimeTick &k : t.ticks) {
            const QTime local = QDateTime::fromMSecsSinceEpoch(k.t, berlin).time();
            QCOMPARE(local.minute(), 0);
            QCOMPARE(local.hour() % 3, 0);
        }
        QVERIFY(labels(t).contains(QStringLiteral("Oct 25")));
    }

    void daysMonthsYears()
    {
        const TimeRange d{utc(2026, 11, 28, 5), utc(2026, 12, 5)};
        const TimeTicks td = TimeTicks::forRange(d, 8, QTimeZone::utc(), QLocale::c());
        QCOMPARE(td.step, TimeTicks::kDay);
        QCOMPARE(td.ticks.front().label, QStringLiteral("Nov 29"));
        QCOMPARE(td.ticks.back().label, QStringLiteral("Dec 5"));

        const TimeRange m{utc(2025, 10, 15), utc(2026, 9, 1)};
        const TimeTicks tm = TimeTicks::forRange(m, 5, QTimeZone::utc(), QLocale::c());
        QCOMPARE(tm.step, 3 * TimeTicks::kMonth);
        QCOMPARE(labels(tm), (QStringList{QStringLiteral("2026"), QStringLiteral("Apr"), QStringLiteral("Jul")}));

        const TimeRange y{utc(2001, 6, 1), utc(2031, 1, 1)};
        const TimeTicks ty = TimeTicks::forRange(y, 4, QTimeZone::utc(), QLocale::c());
        QCOMPARE(labels(ty), (QStringList{QStringLiteral("2010"), QStringLiteral("2020"), QStringLiteral("2030")}));
    }

    void weeksStartOnMonday()
    {
        const TimeRange r{utc(2026, 11, 1), utc(2026, 12, 31)};
        const TimeTicks t = TimeTicks::forRange(r, 10, QTimeZone::utc(), QLocale::c());
        QCOMPARE(t.step, 7 * TimeTicks::kDay);
        for (const TimeTick &k : t.ticks)
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(k.t, QTimeZone::utc()).date().dayOfWeek(), 1);
    }

    void hoverLabel()
    {
        const int64_t t = utc(2026, 12, 1, 9, 5, 7, 250);
        QCOMPARE(TimeTicks::hoverLabel(t, TimeTicks::kHour, QTimeZone::utc(), QLocale::c()),
                 QStringLiteral("2026-12-01 09:05:07"));
        QCOMPARE(TimeTicks::hoverLabel(t, 5000, QTimeZone::utc(), QLocale::c()),
                 QStringLiteral("2026-12-01 09:05:07.250"));
    }

    void emptyRangeHasNoTicks()
    {
        QVERIFY(TimeTicks::forRange({5, 5}, 5, QTimeZone::utc(), QLocale::c()).ticks.empty());
    }
};

QTEST_APPLESS_MAIN(TestTimeTicks)
#include "tst_time_ticks.moc"
