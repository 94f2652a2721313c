// Prometheus text format 0.0.4 / 1.0.0: what Prometheus' own scraper
// (model/textparse/promparse.go) accepts is accepted, what it refuses is
// refused with LINE:COLUMN and a specific reason.

#include "exposition/ExpositionParser.h"

#include <QTest>

#include <cmath>

using namespace mw::expo;

class TestPromText : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void rejects_data();
    void rejects();
    void lenientForms();
    void utf8QuotedNames();
    void escapes();
    void familyAssignment();
    void timestamps();
    void interleavedFamiliesStayContiguous();
    void limits();
    void invalidPayloadHasNoSamples();
};

void TestPromText::accepts_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("lastValue");
    QTest::newRow("plain") << QByteArray("a 1\n") << 1 << 1.0;
    QTest::newRow("no final newline") << QByteArray("a 1") << 1 << 1.0;
    QTest::newRow("empty") << QByteArray("") << 0 << 0.0;
    QTest::newRow("blank lines") << QByteArray("\n\n a 2 \n\n") << 1 << 2.0;
    QTest::newRow("whitespace-only line") << QByteArray("a 1\n \t \nb 2\n") << 2 << 2.0;
    QTest::newRow("tabs between tokens") << QByteArray("a\t{b=\"c\"}\t3\t100\n") << 1 << 3.0;
    QTest::newRow("spaces in label set") << QByteArray("name {a = \"1\" , }  4\n") << 1 << 4.0;
    QTest::newRow("empty braces") << QByteArray("a{} 5\n") << 1 << 5.0;
    QTest::newRow("trailing comma") << QByteArray("a{b=\"1\",} 6\n") << 1 << 6.0;
    QTest::newRow("missing comma (promparse)") << QByteArray("a{ quantile = \"2.0\" a = \"b\" } 7\n") << 1 << 7.0;
    QTest::newRow("leading colon name") << QByteArray(":a:b 8\n") << 1 << 8.0;
    QTest::newRow("#HELP is a comment") << QByteArray("#HELP x y\na 9\n") << 1 << 9.0;
    QTest::newRow("# \\tTYPE") << QByteArray("# \tTYPE a counter\na 10\n") << 1 << 10.0;
    QTest::newRow("other comment") << QByteArray("# just a comment\na 11\n") << 1 << 11.0;
    QTest::newRow("HELP after TYPE") << QByteArray("# TYPE a gauge\n# HELP a h\na 12\n") << 1 << 12.0;
    QTest::newRow("empty HELP") << QByteArray("# HELP a\na 13\n") << 1 << 13.0;
    QTest::newRow("TYPE without samples") << QByteArray("# TYPE a counter\n") << 0 << 0.0;
    QTest::newRow("NUL in label value") << QByteArray("a{b=\"x\0y\"} 14\n", 14) << 1 << 14.0;
    QTest::newRow("hash brace comma equals in value") << QByteArray("a{b=\"#}{,=\"} 15\n") << 1 << 15.0;
    QTest::newRow("UTF-8 label value") << QByteArray("a{b=\"Grüße 🚀\"} 16\n") << 1 << 16.0;
    QTest::newRow("CRLF line ends") << QByteArray("a 1\r\nb 17\r\n") << 2 << 17.0;
    QTest::newRow("negative timestamp (expfmt)") << QByteArray("a 18 -3982045\n") << 1 << 18.0;
    QTest::newRow("exponent") << QByteArray("a 1.8E7\n") << 1 << 1.8e7;
    QTest::newRow("leading plus") << QByteArray("a +3\n") << 1 << 3.0;
    QTest::newRow("leading zeros") << QByteArray("a 0042\n") << 1 << 42.0;
    QTest::newRow(".5") << QByteArray("a .5\n") << 1 << 0.5;
    QTest::newRow("5.") << QByteArray("a 5.\n") << 1 << 5.0;
    QTest::newRow("-Inf") << QByteArray("a -Inf\n") << 1 << -qInf();
    QTest::newRow("infinity") << QByteArray("a infinity\n") << 1 << qInf();
    QTest::newRow("+Inf le") << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 3\nh_count 3\n") << 2 << 3.0;
    QTest::newRow("big integer") << QByteArray("a 168661266983\n") << 1 << 168661266983.0;
}

void TestPromText::accepts()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, samples);
    QFETCH(double, lastValue);
    const ParseResult r = parse(std::string_view(payload.constData(), size_t(payload.size())), Format::PrometheusText);
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    QCOMPARE(int(r.samples.size()), samples);
    if (samples > 0)
        QCOMPARE(r.samples.back().value, lastValue);
}

void TestPromText::rejects_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("position"); // LINE:COL
    QTest::addColumn<QString>("reason");   // a fragment of the reason
    QTest::newRow("no value") << QByteArray("a\n") << "1:2" << "expected a value";
    QTest::newRow("no value after labels") << QByteArray("a{b=\"c\"}\n") << "1:9" << "expected a value";
    QTest::newRow("bad value") << QByteArray("ok 1\na abc\n") << "2:3" << "invalid value \"abc\"";
    QTest::newRow("hex value") << QByteArray("a 0x1p-3\n") << "1:3" << "invalid value";
    QTest::newRow("underscore value") << QByteArray("a 1_000\n") << "1:3" << "invalid value";
    QTest::newRow("value out of range") << QByteArray("a 1e309\n") << "1:3" << "invalid value \"1e309\"";
    QTest::newRow("signed NaN") << QByteArray("a -NaN\n") << "1:3" << "invalid value";
    QTest::newRow("float timestamp") << QByteArray("a 1 1.5\n") << "1:5" << "invalid timestamp";
    QTest::newRow("text after timestamp") << QByteArray("a 1 2 3\n") << "1:7" << "unexpected text";
    QTest::newRow("exemplar in text") << QByteArray("a 1 # {x=\"y\"} 1\n") << "1:5" << "exemplars";
    QTest::newRow("digit first") << QByteArray("1a 1\n") << "1:1" << "invalid metric name";
    QTest::newRow("bad label name") << QByteArray("a{1b=\"c\"} 1\n") << "1:3" << "invalid label name";
    QTest::newRow("no equals") << QByteArray("a{b \"c\"} 1\n") << "1:5" << "expected '='";
    QTest::newRow("unquoted value") << QByteArray("a{b=c} 1\n") << "1:5" << "expected a quoted value";
    QTest::newRow("unterminated value") << QByteArray("a{b=\"c} 1\n") << "1:5" << "no closing quote";
    QTest::newRow("unterminated set") << QByteArray("a{b=\"c\" 1\n") << "1:9" << "expected ',' or '}'";
    QTest::newRow("invalid UTF-8 value") << QByteArray("a{b=\"\xff\"} 1\n") << "1:6" << "not valid UTF-8";
    QTest::newRow("overlong UTF-8") << QByteArray("a{b=\"\xc0\xaf\"} 1\n") << "1:6" << "not valid UTF-8";
    QTest::newRow("invalid UTF-8 HELP") << QByteArray("# HELP a x\xfe\n") << "1:11" << "HELP text is not valid UTF-8";
    QTest::newRow("duplicate label") << QByteArray("a{b=\"1\",b=\"2\"} 1\n") << "1:1" << "duplicate label name \"b\"";
    QTest::newRow("unknown type") << QByteArray("# TYPE a info\n") << "1:10" << "invalid metric type \"info\"";
    QTest::newRow("stateset type") << QByteArray("# TYPE a stateset\n") << "1:10" << "invalid metric type";
    QTest::newRow("missing type") << QByteArray("# TYPE a\n") << "1:9" << "missing metric type";
    QTest::newRow("conflicting types") << QByteArray("# TYPE a gauge\n# TYPE a counter\n") << "2:10" << "second TYPE";
    QTest::newRow("bucket without le") << QByteArray("# TYPE h histogram\nh_bucket{x=\"1\"} 1\n") << "2:1" << "no \"le\" label";
    QTest::newRow("bucket with bad le") << QByteArray("# TYPE h histogram\nh_bucket{le=\"abc\"} 1\n") << "2:1" << "must be a number";
    QTest::newRow("quantile not a number") << QByteArray("# TYPE s summary\ns{quantile=\"x\"} 1\n") << "2:1" << "must be a number";
    QTest::newRow("HELP name invalid") << QByteArray("# HELP 1a text\n") << "1:8" << "invalid metric name";
    QTest::newRow("column counts characters") << QByteArray("a{b=\"ü\",c=d} 1\n") << "1:11" << "expected a quoted value";
    QTest::newRow("timestamp overflow") << QByteArray("a 1 99999999999999999999\n") << "1:5" << "invalid timestamp";
}

void TestPromText::rejects()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, position);
    QFETCH(QString, reason);
    const ParseResult r = parse(std::string_view(payload.constData(), size_t(payload.size())), Format::PrometheusText);
    QVERIFY(!r.ok());
    const QString text = QString::fromStdString(r.error->toString());
    QVERIFY2(text.startsWith(position + u": "), qPrintable(text));
    QVERIFY2(text.contains(reason), qPrintable(text));
}

void TestPromText::lenientForms()
{
    const std::string_view payload = "# HELP x The x.\n# TYPE x summary\nx { quantile = \"0.5\" a = \"b\" } 1\n"
                                     "x_sum{a=\"b\",} 3\nx_count 2 1700000000000\n";
    const ParseResult r = parse(payload, Format::PrometheusText);
    QVERIFY(r.ok());
    QCOMPARE(r.families.size(), size_t(1));
    QCOMPARE(r.families[0].type, MetricType::Summary);
    QCOMPARE(r.families[0].sampleCount, 3u);
    QCOMPARE(r.labelValue(r.samples[0], "a").value(), std::string_view("b"));
    QCOMPARE(r.labelValue(r.samples[0], "quantile").value(), std::string_view("0.5"));
    QCOMPARE(r.samples[0].labelCount, 2u);
    QCOMPARE(r.samples[2].timestampMs, int64_t(1700000000000));
}

void TestPromText::utf8QuotedNames()
{
    const std::string_view payload = "# HELP \"go.gc_duration_seconds\" GC pauses.\n"
                                     "# TYPE \"go.gc_duration_seconds\" summary\n"
                                     "{\"go.gc_duration_seconds\",quantile=\"0.5\"} 1.5e-05\n"
                                     "{\"my.dotted.metric\", \"error.message\"=\"Not Found\"} 3\n";
    const ParseResult r = parse(payload, Format::PrometheusText);
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    QCOMPARE(r.families.size(), size_t(2));
    QCOMPARE(r.families[0].name, std::string_view("go.gc_duration_seconds"));
    QCOMPARE(r.families[0].type, MetricType::Summary);
    QCOMPARE(r.families[0].help, std::string_view("GC pauses."));
    QCOMPARE(r.samples[0].value, 1.5e-05);
    QCOMPARE(r.samples[1].name, std::string_view("my.dotted.metric"));
    QCOMPARE(r.labels[r.samples[1].labelBegin].name, std::string_view("error.message"));
    QCOMPARE(r.labels[r.samples[1].labelBegin].value, std::string_view("Not Found"));
    QCOMPARE(r.samples[1].seriesText, std::string_view("{\"my.dotted.metric\", \"error.message\"=\"Not Found\"}"));
}

void TestPromText::escapes()
{
    const std::string_view payload = "# HELP a one\\\\two\\nthree \\\"q\\\" \\t\n"
                                     "a{b=\"x\\\\y\\\"z\\nw\",c=\"\\q\"} 1\n";
    const ParseResult r = parse(payload, Format::PrometheusText);
    QVERIFY(r.ok());
    // HELP: only \\ and \n are escapes; \" and \t stay as written.
    QCOMPARE(r.families[0].help, std::string_view("one\\two\nthree \\\"q\\\" \\t"));
    QCOMPARE(r.labels[0].value, std::string_view("x\\y\"z\nw"));
    // An unknown escape is kept literally, as Prometheus does.
    QCOMPARE(r.labels[1].value, std::string_view("\\q"));
}

void TestPromText::familyAssignment()
{
    const std::string_view payload = "# TYPE cc_total counter\ncc_total 1\n"
                                     "# TYPE cc_created gauge\ncc_created 1.7e9\n"
                                     "# TYPE h histogram\nh_count 2\nh_sum 3\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
                                     "loose 4\nloose_bucket 5\n"
                                     "# TYPE c counter\nc_total 6\n";
    const ParseResult r = parse(payload, Format::PrometheusText);
    QVERIFY(r.ok());
    QCOMPARE(r.families.size(), size_t(6));
    QCOMPARE(r.families[0].name, std::string_view("cc_total"));
    QCOMPARE(r.families[1].name, std::string_view("cc_created"));
    QCOMPARE(r.families[2].name, std::string_view("h"));
    QCOMPARE(r.families[2].sampleCount, 4u);
    // Without metadata, each distinct name is its own untyped family.
    QCOMPARE(r.families[3].name, std::string_view("loose"));
    QCOMPARE(r.families[3].type, MetricType::Untyped);
    QCOMPARE(r.families[4].name, std::string_view("loose_bucket"));
    // TYPE names the base, samples carry _total.
    QCOMPARE(r.families[5].name, std::string_view("c"));
    QCOMPARE(r.families[5].sampleCount, 1u);
}

void TestPromText::timestamps()
{
    const ParseResult r = parse("a 1 1718000000000\nb 2\n", Format::PrometheusText);
    QVERIFY(r.ok());
    QVERIFY(r.samples[0].hasTimestamp);
    QCOMPARE(r.samples[0].timestampMs, int64_t(1718000000000));
    QVERIFY(!r.samples[1].hasTimestamp);
}

void TestPromText::interleavedFamiliesStayContiguous()
{
    const ParseResult r = parse("# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 2\na{x=\"2\"} 3\n",
                                Format::PrometheusText);
    QVERIFY(r.ok());
    QCOMPARE(r.families.size(), size_t(2));
    QCOMPARE(r.families[0].sampleCount, 2u);
    QCOMPARE(r.samples[r.families[0].sampleBegin + 1].value, 3.0);
    QCOMPARE(r.samples[r.families[1].sampleBegin].value, 2.0);
}

void TestPromText::limits()
{
    ParseOptions small;
    small.maxBytes = 10;
    ParseResult r = parse("a 1\nb 2\nc 3\n", Format::PrometheusText, small);
    QVERIFY(!r.ok());
    QVERIFY2(r.error->reason.find("exceeds the 10 bytes limit") != std::string::npos, r.error->reason.c_str());
    QCOMPARE(ParseOptions{}.maxBytes, size_t(64) << 20);

    ParseOptions fewSamples;
    fewSamples.maxSamples = 2;
    r = parse("a 1\nb 2\nc 3\n", Format::PrometheusText, fewSamples);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->line, 3u);
    QVERIFY(r.error->reason.find("more than 2 samples") != std::string::npos);

    ParseOptions fewLabels;
    fewLabels.maxLabelsPerSample = 2;
    r = parse("a{a=\"1\",b=\"2\",c=\"3\"} 1\n", Format::PrometheusText, fewLabels);
    QVERIFY(!r.ok());
    QVERIFY(r.error->reason.find("more than 2 labels") != std::string::npos);
}

void TestPromText::invalidPayloadHasNoSamples()
{
    const ParseResult r = parse("a 1\nb 2\nc x\n", Format::PrometheusText);
    QVERIFY(!r.ok());
    QVERIFY(r.samples.empty());
    QVERIFY(r.families.empty());
    QCOMPARE(r.error->line, 3u);
    QCOMPARE(r.error->column, 3u);
}

QTEST_GUILESS_MAIN(TestPromText)
#include "tst_promtext.moc"
