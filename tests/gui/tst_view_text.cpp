// The view models' plain parts: time specs, variable substitution, legend
// text, label_values parsing, grid placement, CSV export.

#include "FrameCsv.h"
#include "GridPlacement.h"
#include "QueryText.h"
#include "TimeSpec.h"

#include <QTest>

#include <cmath>

using namespace mw;
using namespace mw::view;

class TestViewText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<qint64>("expected");
        const qint64 now = 1'764'576'000'000; // 2025-12-01T08:00:00Z
        QTest::newRow("now") << "now" << now;
        QTest::newRow("relative") << "now-15m" << now - 900'000;
        QTest::newRow("compound") << "now-1h30m" << now - 5'400'000;
        QTest::newRow("iso utc") << "2025-12-01T07:00:00Z" << now - 3'600'000;
        QTest::newRow("iso offset") << "2025-12-01T09:00:00+02:00" << now - 3'600'000;
        QTest::newRow("epoch ms") << "1764575000000" << qint64{1'764'575'000'000};
    }
    void timeSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(qint64, expected);
        const std::optional<int64_t> t = resolveTimeSpec(spec.toStdString(), 1'764'576'000'000);
        QVERIFY(t);
        QCOMPARE(*t, expected);
    }
    void badTimeSpecs()
    {
        QString error;
        QVERIFY(!resolveTimeSpec("yesterday", 0, &error));
        QVERIFY2(error.contains(u"yesterday") && error.contains(u"ISO 8601"), qPrintable(error));
        QVERIFY(!resolveTimeSpec("now-5x", 0, &error));
        QVERIFY2(error.contains(u"now-5x"), qPrintable(error));
        QVERIFY(!resolveRange({"now", "now-1h"}, 10'000'000, &error));
        QVERIFY2(error.contains(u"starts after"), qPrintable(error));
    }
    void rangeText()
    {
        QCOMPARE(describeRange({"now-1h", "now"}), QStringLiteral("Last hour"));
        QCOMPARE(describeRange({"now-30m", "now"}), QStringLiteral("Last 30 minutes"));
        QCOMPARE(describeRange({"now-2d", "now"}), QStringLiteral("Last 2 days"));
        QCOMPARE(describeRange(relativeRange(6 * 3'600'000)), QStringLiteral("Last 6 hours"));
        const dashboard::TimeRange abs = absoluteRange(1'764'572'400'000, 1'764'576'000'000);
        QCOMPARE(abs.from, std::string("2025-12-01T07:00:00Z"));
        QCOMPARE(*resolveTimeSpec(abs.to, 0), int64_t{1'764'576'000'000});
        QVERIFY(resolveRange(abs, 0)->live == false);
        QVERIFY(resolveRange({"now-1h", "now"}, 5'000'000)->live);
    }
    void steps()
    {
        QCOMPARE(stepFor(3'600'000, 1000, 1000), int64_t{5'000});   // 3.6 s -> 5 s
        QCOMPARE(stepFor(600'000, 1000, 1000), int64_t{1'000});     // never below the minimum
        QCOMPARE(stepFor(600'000, 1000, 15'000), int64_t{15'000});  // a scrape interval
        QCOMPARE(stepFor(7 * 86'400'000LL, 500, 1000), int64_t{1'800'000});
        QCOMPARE(refreshPeriodMs(dashboard::Refresh::ThirtySeconds), int64_t{30'000});
        QCOMPARE(refreshPeriodMs(dashboard::Refresh::Off), int64_t{0});
    }
    void variables()
    {
        VariableValues v;
        v["model"] = {{"resnet"}, false};
        v["version"] = {{"1", "2.0"}, false};
        v["all"] = {{"$__all"}, false};
        QCOMPARE(substituteVariables("rate(x{model=\"$model\"}[5m])", v), std::string("rate(x{model=\"resnet\"}[5m])"));
        QCOMPARE(substituteVariables("x{v=~\"${version}\"}", v), std::string("x{v=~\"(1|2\\\\.0)\"}"));
        QCOMPARE(substituteVariables("x{m=~\"[[model]]\",a=~\"$all\"}", v), std::string("x{m=~\"resnet\",a=~\".*\"}"));
        QCOMPARE(substituteVariables("rate(x[$__rate_interval])", v, "2m"), std::string("rate(x[2m])"));
        // Unknown names and a lone $ stay as written.
        QCOMPARE(substituteVariables("x{a=\"$nope\"} $ 1", v), std::string("x{a=\"$nope\"} $ 1"));
        // A value with a quote cannot break out of the string.
        v["q"] = {{"a\"b", "c"}, false};
        QCOMPARE(substituteVariables("x{a=~\"$q\"}", v), std::string("x{a=~\"(a\\\"b|c)\"}"));
    }
    void legends()
    {
        const Labels l{{"__name__", "req"}, {"model", "m1"}, {"status", "OK"}};
        QCOMPARE(legendText("{{model}} {{ status }}", l), QStringLiteral("m1 OK"));
        QCOMPARE(legendText("{{missing}}p99", l), QStringLiteral("p99"));
        QCOMPARE(legendText("", l), QStringLiteral("req{model=\"m1\", status=\"OK\"}"));
        // The result is trimmed; a format naming nothing gives "" (the caller names it).
        QCOMPARE(legendText(" {{missing}} {{model}} ", l), QStringLiteral("m1"));
        QCOMPARE(legendText("{{missing}}", l), QString());
        QCOMPARE(legendText("   ", l), QString());
        // What is not a placeholder stays as written.
        QCOMPARE(legendText("open {{model", l), QStringLiteral("open {{model"));
        QCOMPARE(legendText("{{ a-b }} {{model}}", l), QStringLiteral("{{ a-b }} m1"));
        QCOMPARE(legendText("{{model}}}", l), QStringLiteral("m1}"));
        // A value is inserted as is, UTF-8 included, and not expanded again.
        const Labels odd{{"model", "r\u00e9sum\u00e9 {{status}}"}, {"status", "OK"}};
        QCOMPARE(legendText("{{model}}", odd), QStringLiteral("r\u00e9sum\u00e9 {{status}}"));
    }
    void legendOfAnUnlabelledSeries()
    {
        const Labels none;
        // Without a fallback: the labels as printed (the dashboard); with one, the fallback (the editor's expression).
        QCOMPARE(legendText("", none), QStringLiteral("{}"));
        QCOMPARE(legendText("", none, QStringLiteral("sum(x)")), QStringLiteral("sum(x)"));
        // The fallback is only for an empty format and a series without labels.
        QCOMPARE(legendText("total {{model}}", none, QStringLiteral("sum(x)")), QStringLiteral("total"));
        const Labels l{{"__name__", "req"}};
        QCOMPARE(legendText("", l, QStringLiteral("sum(x)")), QStringLiteral("req"));
    }
    void labelValues()
    {
        LabelValuesQuery q;
        QVERIFY(parseLabelValues("label_values(:tensorflow:serving:request_count, model_name)", q));
        QCOMPARE(q.metric, std::string(":tensorflow:serving:request_count"));
        QCOMPARE(q.label, std::string("model_name"));
        QVERIFY(parseLabelValues(" label_values( job ) ", q));
        QVERIFY(q.metric.empty());
        QCOMPARE(q.label, std::string("job"));
        QVERIFY(!parseLabelValues("query_result(up)", q));
        QVERIFY(!parseLabelValues("label_values(up, 1bad)", q));
    }
    void gridPlacement()
    {
        using dashboard::GridPos;
        std::vector<GridItem> items = {{1, {0, 0, 12, 8}}, {2, {12, 0, 12, 8}}, {3, {0, 8, 24, 4}}};
        // Panel 3 dropped on top of the first row: the others move down.
        std::vector<GridItem> out = placeOnGrid(items, 3, {0, 0, 24, 4});
        const auto pos = [&](int id) {
            for (const GridItem &g : out) {
                if (g.id == id)
                    return g.pos;
            }
            return GridPos{};
        };
        QCOMPARE(pos(3), (GridPos{0, 0, 24, 4}));
        QCOMPARE(pos(1), (GridPos{0, 4, 12, 8}));
        QCOMPARE(pos(2), (GridPos{12, 4, 12, 8}));
        for (const GridItem &a : out) {
            for (const GridItem &b : out)
                QVERIFY(a.id == b.id || !overlaps(a.pos, b.pos));
        }
        // A panel moved far down floats up to the first free row.
        out = placeOnGrid(items, 1, {0, 30, 12, 8});
        QCOMPARE(pos(1), (GridPos{0, 12, 12, 8}));
        // Clamped into the grid.
        QCOMPARE(clampToGrid({20, -3, 12, 0}), (GridPos{12, 0, 12, 1}));
        QCOMPARE(freeSpot(items, 12, 8), (GridPos{0, 12, 12, 8}));
        QCOMPARE(freeSpot({{1, {0, 0, 12, 8}}}, 12, 8), (GridPos{12, 0, 12, 8}));
    }
    void csv()
    {
        PanelFrame f;
        auto a = std::make_shared<std::vector<Point>>(std::vector<Point>{{0, 1.5}, {1000, std::nan("")}});
        auto b = std::make_shared<std::vector<Point>>(std::vector<Point>{{1000, 2}});
        f.series.push_back({QStringLiteral("p50"), "A", Labels{}, a});
        f.series.push_back({QStringLiteral("say \"hi\", ok"), "B", Labels{}, b});
        QCOMPARE(frameToCsv(f), QByteArray("time,p50,\"say \"\"hi\"\", ok\"\r\n"
                                           "1970-01-01T00:00:00.000Z,1.5,\r\n"
                                           "1970-01-01T00:00:01.000Z,,2\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestViewText)
#include "tst_view_text.moc"
