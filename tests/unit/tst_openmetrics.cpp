// OpenMetrics 1.0 text: strict to the specification's MUSTs.

#include "exposition/ExpositionParser.h"

#include <QTest>

#include <cmath>

using namespace mw::expo;

class TestOpenMetrics : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void rejects_data();
    void rejects();
    void timestampsAreSeconds();
    void createdBelongsToFamily();
    void exemplarWithHashInLabel();
    void contentType_data();
    void contentType();
};

void TestOpenMetrics::accepts_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("samples");
    QTest::newRow("only EOF") << QByteArray("# EOF\n") << 0;
    QTest::newRow("EOF without newline") << QByteArray("a 1\n# EOF") << 1;
    QTest::newRow("unknown") << QByteArray("# TYPE a unknown\na 1\n# EOF\n") << 1;
    QTest::newRow("counter with created") << QByteArray("# TYPE a counter\na_total 1\na_created 1.5e9\n# EOF\n") << 2;
    QTest::newRow("metadata order") << QByteArray("# TYPE a_seconds gauge\n# UNIT a_seconds seconds\n# HELP a_seconds x\na_seconds 1\n# EOF\n") << 1;
    QTest::newRow("empty unit") << QByteArray("# UNIT a \na 1\n# EOF\n") << 1;
    QTest::newRow("empty help") << QByteArray("# HELP a \na 1\n# EOF\n") << 1;
    QTest::newRow("histogram") << QByteArray("# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 1.5\n# EOF\n") << 4;
    QTest::newRow("histogram non-canonical le") << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"1e1\"} 1\nh_bucket{le=\"+inf\"} 2\n# EOF\n") << 3;
    QTest::newRow("negative buckets, no sum") << QByteArray("# TYPE h histogram\nh_bucket{le=\"-1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n# EOF\n") << 3;
    QTest::newRow("gaugehistogram") << QByteArray("# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 2\ng_gcount 2\ng_gsum 4\n# EOF\n") << 3;
    QTest::newRow("summary") << QByteArray("# TYPE s summary\ns{quantile=\"0.5\"} 1\ns{quantile=\"1\"} NaN\ns_count 2\ns_sum 3\n# EOF\n") << 4;
    QTest::newRow("stateset") << QByteArray("# TYPE s stateset\ns{s=\"a\"} 1\ns{s=\"b\"} 0\n# EOF\n") << 2;
    QTest::newRow("info") << QByteArray("# TYPE i info\ni_info{v=\"1\"} 1\n# EOF\n") << 1;
    QTest::newRow("two metrics") << QByteArray("# TYPE a gauge\na{x=\"1\"} 1\na{x=\"2\"} 2\n# EOF\n") << 2;
    QTest::newRow("two points of one metric") << QByteArray("a 1 10\na 2 20\n# EOF\n") << 2;
    QTest::newRow("exemplar on bucket") << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1 # {t=\"x\"} 0.5 123.5\n# EOF\n") << 1;
    QTest::newRow("exemplar on total, timestamp") << QByteArray("# TYPE c counter\nc_total 1 5 # {t=\"x\"} 1\n# EOF\n") << 1;
    QTest::newRow("escapes") << QByteArray("# HELP a x\\\\y\\n\\\"z\\\"\na{b=\"\\\"\\\\\\n\"} 1\n# EOF\n") << 1;
    QTest::newRow("CR inside label value") << QByteArray("a{b=\"x\ry\"} 1\n# EOF\n") << 1;
    QTest::newRow("nan inf case") << QByteArray("a nan\nb -INF\nc +Infinity\n# EOF\n") << 3;
    QTest::newRow("UTF-8 quoted name") << QByteArray("# TYPE \"a.b\" gauge\n{\"a.b\",\"c.d\"=\"e\"} 1\n# EOF\n") << 1;
}

void TestOpenMetrics::accepts()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, samples);
    const ParseResult r = parse(std::string_view(payload.constData(), size_t(payload.size())), Format::OpenMetrics);
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    QCOMPARE(int(r.samples.size()), samples);
}

void TestOpenMetrics::rejects_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("position");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing EOF") << QByteArray("a 1\n") << "2:1" << "missing \"# EOF\"";
    QTest::newRow("after EOF") << QByteArray("# EOF\na 1\n") << "2:1" << "after \"# EOF\"";
    QTest::newRow("EOF then blank") << QByteArray("# EOF\n\n") << "2:1" << "after \"# EOF\"";
    QTest::newRow("blank line") << QByteArray("a 1\n\n# EOF\n") << "2:1" << "blank lines";
    QTest::newRow("leading space") << QByteArray(" a 1\n# EOF\n") << "1:1" << "must not start with a space";
    QTest::newRow("two spaces") << QByteArray("a  1\n# EOF\n") << "1:3" << "single space";
    QTest::newRow("tab") << QByteArray("a\t1\n# EOF\n") << "1:2" << "single space";
    QTest::newRow("CR line end") << QByteArray("a 1\r\n# EOF\n") << "1:3" << "invalid value";
    QTest::newRow("trailing space") << QByteArray("a 1 \n# EOF\n") << "1:5" << "trailing space";
    QTest::newRow("plain comment") << QByteArray("# hello\n# EOF\n") << "1:1" << "only \"# TYPE\"";
    QTest::newRow("double space TYPE") << QByteArray("#  TYPE a gauge\n# EOF\n") << "1:1" << "only \"# TYPE\"";
    QTest::newRow("untyped") << QByteArray("# TYPE a untyped\n# EOF\n") << "1:10" << "invalid metric type";
    QTest::newRow("second TYPE") << QByteArray("# TYPE a gauge\n# TYPE a gauge\n# EOF\n") << "2:1" << "second TYPE";
    QTest::newRow("second HELP") << QByteArray("# HELP a x\n# HELP a y\n# EOF\n") << "2:1" << "second HELP";
    QTest::newRow("metadata after samples") << QByteArray("a 1\n# HELP a x\n# EOF\n") << "2:1" << "after its samples";
    QTest::newRow("interleaved families") << QByteArray("a 1\nb 1\na 2\n# EOF\n") << "3:1" << "interleaved";
    QTest::newRow("interleaved metrics") << QByteArray("a{x=\"1\"} 1\na{x=\"2\"} 1\na{x=\"1\"} 2\n# EOF\n") << "3:1" << "interleaved";
    QTest::newRow("clashing names") << QByteArray("# TYPE a counter\na_total 1\n# TYPE a_total gauge\n# EOF\n") << "3:8" << "clashes";
    QTest::newRow("unit not suffix") << QByteArray("# UNIT a_seconds meters\n# EOF\n") << "1:18" << "must be the suffix";
    QTest::newRow("info with unit") << QByteArray("# TYPE a_x info\n# UNIT a_x x\n# EOF\n") << "2:12" << "must not have a unit";
    QTest::newRow("counter without _total") << QByteArray("# TYPE a counter\na 1\n# EOF\n") << "2:1" << "not valid in the counter family";
    QTest::newRow("negative counter") << QByteArray("# TYPE a counter\na_total -1\n# EOF\n") << "2:1" << "non-negative";
    QTest::newRow("NaN counter") << QByteArray("# TYPE a counter\na_total NaN\n# EOF\n") << "2:1" << "non-negative";
    QTest::newRow("no +Inf bucket") << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n# EOF\n") << "2:1" << "no +Inf bucket";
    QTest::newRow("decreasing buckets") << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n# EOF\n") << "3:1" << "must not decrease";
    QTest::newRow("unsorted buckets") << QByteArray("# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\n# EOF\n") << "3:1" << "ascending le";
    QTest::newRow("fractional bucket") << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1.5\n# EOF\n") << "2:1" << "non-negative integer";
    QTest::newRow("count mismatch") << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n# EOF\n") << "2:1" << "differs from its +Inf";
    QTest::newRow("sum without count") << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\n# EOF\n") << "2:1" << "sum but no count";
    QTest::newRow("negative bucket with sum") << QByteArray("# TYPE h histogram\nh_bucket{le=\"-1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 1\n# EOF\n") << "2:1" << "negative bucket";
    QTest::newRow("bucket without le") << QByteArray("# TYPE h histogram\nh_bucket 1\n# EOF\n") << "2:1" << "needs a \"le\" label";
    QTest::newRow("quantile out of range") << QByteArray("# TYPE s summary\ns{quantile=\"1.5\"} 1\n# EOF\n") << "2:1" << "between 0 and 1";
    QTest::newRow("negative quantile value") << QByteArray("# TYPE s summary\ns{quantile=\"0.5\"} -1\n# EOF\n") << "2:1" << "must not be negative";
    QTest::newRow("stateset value 2") << QByteArray("# TYPE s stateset\ns{s=\"a\"} 2\n# EOF\n") << "2:1" << "0 or 1";
    QTest::newRow("stateset without label") << QByteArray("# TYPE s stateset\ns{x=\"a\"} 1\n# EOF\n") << "2:1" << "needs a \"s\" label";
    QTest::newRow("info value") << QByteArray("# TYPE i info\ni_info 2\n# EOF\n") << "2:1" << "info values must be 1";
    QTest::newRow("exemplar on gauge") << QByteArray("# TYPE g gauge\ng 1 # {a=\"b\"} 1\n# EOF\n") << "2:1" << "exemplars are only allowed";
    QTest::newRow("exemplar too long") << QByteArray("# TYPE c counter\nc_total 1 # {a=\"" + QByteArray(130, 'x') + "\"} 1\n# EOF\n") << "2:13" << "at most 128";
    QTest::newRow("exemplar without value") << QByteArray("# TYPE c counter\nc_total 1 # {a=\"b\"}\n# EOF\n") << "2:20" << "expected a space and a value";
    QTest::newRow("unknown escape") << QByteArray("a{b=\"\\q\"} 1\n# EOF\n") << "1:6" << "invalid escape";
    QTest::newRow("unknown escape in HELP") << QByteArray("# HELP a \\t\n# EOF\n") << "1:10" << "invalid escape";
    QTest::newRow("trailing comma") << QByteArray("a{b=\"c\",} 1\n# EOF\n") << "1:9" << "trailing comma";
    QTest::newRow("space in labels") << QByteArray("a{b=\"c\", d=\"e\"} 1\n# EOF\n") << "1:9" << "spaces are not allowed";
    QTest::newRow("NaN timestamp") << QByteArray("a 1 NaN\n# EOF\n") << "1:5" << "invalid timestamp";
    QTest::newRow("duplicate label") << QByteArray("a{b=\"1\",b=\"2\"} 1\n# EOF\n") << "1:1" << "duplicate label";
}

void TestOpenMetrics::rejects()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, position);
    QFETCH(QString, reason);
    const ParseResult r = parse(std::string_view(payload.constData(), size_t(payload.size())), Format::OpenMetrics);
    QVERIFY(!r.ok());
    const QString text = QString::fromStdString(r.error->toString());
    QVERIFY2(text.startsWith(position + u": "), qPrintable(text));
    QVERIFY2(text.contains(reason), qPrintable(text));
    QVERIFY(r.samples.empty());
}

void TestOpenMetrics::timestampsAreSeconds()
{
    const ParseResult r = parse("a 1 1520879607.789\n# EOF\n", Format::OpenMetrics);
    QVERIFY(r.ok());
    QVERIFY(r.samples[0].hasTimestamp);
    // As Prometheus: int64(ts * 1000).
    QCOMPARE(r.samples[0].timestampMs, int64_t(1520879607.789 * 1000.0));
    QVERIFY(std::llabs(r.samples[0].timestampMs - 1520879607789) <= 1);
}

void TestOpenMetrics::createdBelongsToFamily()
{
    const ParseResult r = parse("# TYPE h histogram\nh_created 1.5e9\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 2\n"
                                "# TYPE x_created gauge\nx_created 3\n# EOF\n",
                                Format::OpenMetrics);
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    QCOMPARE(r.families.size(), size_t(2));
    QCOMPARE(r.families[0].sampleCount, 4u);
    // A gauge named x_created is a gauge, not a created timestamp.
    QCOMPARE(r.families[1].name, std::string_view("x_created"));
    QCOMPARE(r.families[1].type, MetricType::Gauge);
}

void TestOpenMetrics::exemplarWithHashInLabel()
{
    const ParseResult r = parse("# TYPE c counter\nc_total{a=\"#1 {x}\"} 2 # {id=\"# {}\"} 1.5\n# EOF\n",
                                Format::OpenMetrics);
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    QCOMPARE(r.labels[0].value, std::string_view("#1 {x}"));
    QCOMPARE(r.exemplars.size(), size_t(1));
    QCOMPARE(r.labels[r.exemplars[0].labelBegin].value, std::string_view("# {}"));
    QCOMPARE(r.exemplars[0].value, 1.5);
}

void TestOpenMetrics::contentType_data()
{
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<int>("format"); // -1: refused
    QTest::newRow("om") << "application/openmetrics-text; version=1.0.0; charset=utf-8" << int(Format::OpenMetrics);
    QTest::newRow("om 0.0.1") << "application/openmetrics-text;version=0.0.1" << int(Format::OpenMetrics);
    QTest::newRow("text 0.0.4") << "text/plain; version=0.0.4; charset=utf-8" << int(Format::PrometheusText);
    QTest::newRow("text 1.0.0") << "text/plain; version=1.0.0; charset=utf-8; escaping=allow-utf-8" << int(Format::PrometheusText);
    QTest::newRow("bare text/plain") << "text/plain" << int(Format::PrometheusText);
    QTest::newRow("case") << "Text/Plain ; version=0.0.4" << int(Format::PrometheusText);
    QTest::newRow("blank") << "" << -1;
    QTest::newRow("html") << "text/html; charset=utf-8" << -1;
    QTest::newRow("json") << "application/json" << -1;
}

void TestOpenMetrics::contentType()
{
    QFETCH(QString, contentType);
    QFETCH(int, format);
    const auto f = formatForContentType(contentType.toStdString());
    QCOMPARE(f.has_value(), format >= 0);
    if (f)
        QCOMPARE(int(*f), format);
}

QTEST_GUILESS_MAIN(TestOpenMetrics)
#include "tst_openmetrics.moc"
