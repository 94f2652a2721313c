// The building blocks of the presets: the PromQL reference scanner, metric
// family names, and the stable ids of server kinds and collectors.

#include "presets/ExprReferences.h"
#include "presets/MetricNameSet.h"
#include "presets/ServerKind.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace mw::presets;

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QStringList toList(const std::vector<std::string> &v)
{
    QStringList out;
    for (const std::string &s : v)
        out << qs(s);
    return out;
}

} // namespace

class TestPresetParts : public QObject
{
    Q_OBJECT

private slots:
    void familyOf_data();
    void familyOf();
    void scan_data();
    void scan();
    void kindIds();
};

void TestPresetParts::familyOf_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("family");
    QTest::newRow("bucket") << QStringList{u"a_bucket"_s, u"a_sum"_s, u"a_count"_s} << u"a_bucket"_s << u"a"_s;
    QTest::newRow("count of a histogram") << QStringList{u"a_bucket"_s, u"a_count"_s} << u"a_count"_s << u"a"_s;
    QTest::newRow("triton nv_inference_count") << QStringList{u"nv_inference_count"_s, u"nv_inference_exec_count"_s}
                                               << u"nv_inference_count"_s << u"nv_inference_count"_s;
    QTest::newRow("tf request_count") << QStringList{u":tensorflow:serving:request_count"_s}
                                      << u":tensorflow:serving:request_count"_s << u":tensorflow:serving:request_count"_s;
    QTest::newRow("created of a counter") << QStringList{u"x_total"_s, u"x_created"_s} << u"x_created"_s << u"x_total"_s;
    QTest::newRow("created of a histogram") << QStringList{u"h_bucket"_s, u"h_count"_s, u"h_created"_s} << u"h_created"_s << u"h"_s;
    QTest::newRow("lone created gauge") << QStringList{u"fizz_created"_s} << u"fizz_created"_s << u"fizz_created"_s;
    QTest::newRow("gauge histogram") << QStringList{u"g_bucket"_s, u"g_gcount"_s, u"g_gsum"_s} << u"g_bucket"_s << u"g"_s;
}

void TestPresetParts::familyOf()
{
    QFETCH(QStringList, names);
    QFETCH(QString, name);
    QFETCH(QString, family);
    std::vector<std::string> v;
    for (const QString &n : names)
        v.push_back(n.toStdString());
    QCOMPARE(qs(MetricNameSet(v).familyOf(name.toStdString())), family);
}

void TestPresetParts::scan_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QStringList>("metrics");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QStringList>("functions");
    QTest::addColumn<bool>("error");
    QTest::newRow("quantile") << u"histogram_quantile(0.99, sum by (le) (rate(:tensorflow:serving:request_latency_bucket[1m])))"_s
                              << QStringList{u":tensorflow:serving:request_latency_bucket"_s} << QStringList{u"le"_s}
                              << QStringList{u"histogram_quantile"_s, u"rate"_s, u"sum"_s} << false;
    QTest::newRow("matchers, offset, trailing by")
        << u"sum(rate(x{a=\"b\",c=~\"d|e\"}[5m] offset 1h)) by (job) / on (job) y"_s
        << QStringList{u"x"_s, u"y"_s} << QStringList{u"a"_s, u"c"_s, u"job"_s} << QStringList{u"rate"_s, u"sum"_s} << false;
    QTest::newRow("set operators") << u"sum without (instance) (x) and ignoring(le) z or vector(0) unless time() > bool 1e-3"_s
                                   << QStringList{u"x"_s, u"z"_s} << QStringList{u"instance"_s, u"le"_s}
                                   << QStringList{u"sum"_s, u"time"_s, u"vector"_s} << false;
    QTest::newRow("keywords in capitals") << u"SUM BY (le) (x) AND ON (job) y OFFSET 5m"_s
                                          << QStringList{u"x"_s, u"y"_s} << QStringList{u"job"_s, u"le"_s}
                                          << QStringList{u"SUM"_s} << false;
    QTest::newRow("__name__") << u"{__name__=\"up\", job='x'}"_s << QStringList{u"up"_s} << QStringList{u"job"_s} << QStringList{}
                              << false;
    QTest::newRow("strings hide names") << u"count(x{a=\"rate(y)\"})"_s << QStringList{u"x"_s} << QStringList{u"a"_s}
                                        << QStringList{u"count"_s} << false;
    QTest::newRow("unbalanced") << u"rate(x[1m]"_s << QStringList{u"x"_s} << QStringList{} << QStringList{u"rate"_s} << true;
    QTest::newRow("unterminated string") << u"x{a=\"b}"_s << QStringList{u"x"_s} << QStringList{} << QStringList{} << true;
    QTest::newRow("stray brace") << u"x}"_s << QStringList{u"x"_s} << QStringList{} << QStringList{} << true;
}

void TestPresetParts::scan()
{
    QFETCH(QString, expr);
    QFETCH(QStringList, metrics);
    QFETCH(QStringList, labels);
    QFETCH(QStringList, functions);
    QFETCH(bool, error);
    const ExprReferences refs = ExprReferences::scan(expr.toStdString());
    QCOMPARE(!refs.error.empty(), error);
    if (error)
        return;
    QCOMPARE(toList(refs.metrics), metrics);
    QCOMPARE(toList(refs.labels), labels);
    QCOMPARE(toList(refs.functions), functions);
}

void TestPresetParts::kindIds()
{
    for (ServerKind kind : kAllServerKinds) {
        QCOMPARE(serverKindFromId(serverKindId(kind)), std::optional<ServerKind>(kind));
        QVERIFY(!serverKindName(kind).empty());
    }
    QCOMPARE(serverKindFromId("unknown"), std::optional<ServerKind>(ServerKind::Unknown));
    QCOMPARE(serverKindFromId("TGI"), std::nullopt);
    for (Collector c : kAllCollectors)
        QCOMPARE(collectorFromId(collectorId(c)), std::optional<Collector>(c));
}

QTEST_GUILESS_MAIN(TestPresetParts)
#include "tst_preset_parts.moc"
