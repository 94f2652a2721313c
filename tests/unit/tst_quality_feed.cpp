// The labeled-prediction feed parser (quality/FeedParser.h): valid and broken
// records in both encodings with their `LINE:COL: reason`, size caps,
// streaming continuation, and the committed feed fixtures of
// tests/data/quality (written by make_fixtures.py) in JSON lines and CSV
// giving the same records. RFC 3339 times are checked against QDateTime.

#include "QualityFixture.h"

#include "quality/FeedParser.h"

#include <QDateTime>
#include <QTest>

#include <random>

using namespace mw::quality;

namespace {

FeedBatch parse(const QByteArray &bytes, FeedFormat format = FeedFormat::Auto, const FeedOptions &o = {})
{
    return parseFeed(std::string_view(bytes.constData(), std::size_t(bytes.size())), format, o);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestQualityFeed : public QObject
{
    Q_OBJECT

private slots:
    void validRecords_data();
    void validRecords();
    void invalidRecords_data();
    void invalidRecords();
    void rfc3339MatchesQDateTime_data();
    void rfc3339MatchesQDateTime();
    void errorsCarryLineAndGoOn();
    void caps();
    void csvContinuation();
    void fixtureFeedsAgree();
    void hostileBytesKeepInvariants();
};

void TestQualityFeed::validRecords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("timeMs");
    QTest::addColumn<double>("score"); // NaN: absent or NaN (see hasScore)
    QTest::addColumn<bool>("hasScore");
    QTest::addColumn<QList<double>>("scores");
    QTest::addColumn<QString>("predicted"); // "-" = absent
    QTest::addColumn<QString>("actual");
    const double nan = std::nan("");
    const QList<double> none;
    QTest::newRow("csv after a byte order mark") << QByteArray("\xEF\xBB\xBFid,time,actual\nb,1,x\n") << "b"
                                                 << qint64(1000) << nan << false << none << "-" << "x";
    QTest::newRow("json prediction") << QByteArray(R"({"id":"a1","time":1700000000.25,"score":0.75,"predicted":"1"})")
                                     << "a1" << qint64(1700000000250) << 0.75 << true << none << "1" << "-";
    QTest::newRow("json label, spaces, key order")
        << QByteArray(" { \"actual\" : \"cat\" ,\t\"time\": 17e8, \"id\" : \"x\" } ") << "x" << qint64(1700000000000)
        << nan << false << none << "-" << "cat";
    QTest::newRow("json integer and boolean labels")
        << QByteArray(R"({"id":42,"time":0,"predicted":true,"actual":-3})") << "42" << qint64(0) << nan << false << none
        << "1" << "-3";
    QTest::newRow("json escapes") << QByteArray(R"({"id":"\u00e9\ud83d\ude00\"\\\/\n","time":1,"actual":false})")
                                  << QString::fromUtf8("\xc3\xa9\xf0\x9f\x98\x80\"\\/\n") << qint64(1000) << nan
                                  << false << none << "-" << "0";
    QTest::newRow("json scores, null score, unknown nested keys")
        << QByteArray(R"({"meta":{"a":[1,{"b":null}],"c":"}"},"id":"m","time":2,"score":null,"scores":[0.1,0.2,0.7],"model":"v2"})")
        << "m" << qint64(2000) << nan << false << QList<double>{0.1, 0.2, 0.7} << "-" << "-";
    QTest::newRow("json NaN score (Python's json)") << QByteArray(R"({"id":"n","time":3,"score":NaN,"actual":"1"})")
                                                    << "n" << qint64(3000) << nan << true << none << "-" << "1";
    QTest::newRow("json -Infinity score, null predicted")
        << QByteArray(R"({"id":"i","time":3,"score":-Infinity,"predicted":null})") << "i" << qint64(3000)
        << -std::numeric_limits<double>::infinity() << true << none << "-" << "-";
    QTest::newRow("json RFC 3339 time") << QByteArray(R"({"id":"t","time":"2025-12-01T07:00:00.250Z","actual":"1"})")
                                        << "t" << qint64(1764572400250) << nan << false << none << "-" << "1";
    QTest::newRow("json negative fractional time")
        << QByteArray(R"({"id":"t","time":-1.5,"actual":"1"})") << "t" << qint64(-1500) << nan << false << none << "-" << "1";
    QTest::newRow("csv both halves") << QByteArray("id,time,score,predicted,actual\nr1,1700000000.5,0.25,0,1\n")
                                     << "r1" << qint64(1700000000500) << 0.25 << true << none << "0" << "1";
    QTest::newRow("csv quoted, CRLF, extra column, empty score")
        << QByteArray("extra,actual,time,id,score\r\n\"a,b\",\"say \"\"hi\"\"\",2,\"q\",\r\n") << "q" << qint64(2000) << nan
        << false << none << "-" << "say \"hi\"";
    QTest::newRow("csv scores and nan") << QByteArray("id,time,scores,score,predicted\nz,1,0.5;0.25;0.25,nan,b\n")
                                        << "z" << qint64(1000) << nan << true << QList<double>{0.5, 0.25, 0.25} << "b"
                                        << "-";
}

void TestQualityFeed::validRecords()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, id);
    QFETCH(qint64, timeMs);
    QFETCH(double, score);
    QFETCH(bool, hasScore);
    QFETCH(QList<double>, scores);
    QFETCH(QString, predicted);
    QFETCH(QString, actual);
    const FeedBatch b = parse(input);
    QVERIFY2(b.errors.empty(), b.errors.empty() ? "" : b.errors[0].toString().c_str());
    QCOMPARE(b.records.size(), std::size_t(1));
    const FeedRecord &r = b.records[0];
    QCOMPARE(QString::fromStdString(r.id), id);
    QCOMPARE(qint64(r.timeMs), timeMs);
    QCOMPARE(r.hasScore, hasScore);
    QVERIFY(std::isnan(score) ? std::isnan(r.score) : r.score == score);
    QCOMPARE(qsizetype(r.scoreCount), scores.size());
    for (qsizetype i = 0; i < scores.size(); ++i)
        QCOMPARE(b.scores[r.scoreBegin + std::size_t(i)], scores[i]);
    QCOMPARE(r.hasPredicted, predicted != u"-");
    if (r.hasPredicted)
        QCOMPARE(QString::fromStdString(r.predicted), predicted);
    QCOMPARE(r.hasActual, actual != u"-");
    if (r.hasActual)
        QCOMPARE(QString::fromStdString(r.actual), actual);
}

void TestQualityFeed::invalidRecords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error"); // full "LINE:COL: reason"
    const QByteArray csv = "id,time,score,actual\n";
    QTest::newRow("not an object") << QByteArray("{\"id\":\"a\",\"time\":1,\"actual\":\"1\"}\n[1]") << "2:1: expected '{'";
    QTest::newRow("no id") << QByteArray(R"({"time":1,"actual":"1"})") << "1:1: record has no id";
    QTest::newRow("empty id") << QByteArray(R"({"id":"","time":1,"actual":"1"})") << "1:1: record has no id";
    QTest::newRow("no time") << QByteArray(R"({"id":"a","actual":"1"})") << "1:1: record has no time";
    QTest::newRow("nothing to join") << QByteArray(R"({"id":"a","time":1})")
                                     << "1:1: record has neither a prediction (score, scores, predicted) nor a label (actual)";
    QTest::newRow("duplicate key") << QByteArray(R"({"id":"a","time":1,"id":"b"})") << "1:20: duplicate key \"id\"";
    QTest::newRow("trailing bytes") << QByteArray(R"({"id":"a","time":1,"actual":"1"} x)")
                                    << "1:34: unexpected characters after the object";
    QTest::newRow("trailing comma") << QByteArray(R"({"id":"a","time":1,})") << "1:20: expected a string";
    QTest::newRow("unterminated string") << QByteArray(R"({"id":"abc)") << "1:7: unterminated string";
    QTest::newRow("bad escape") << QByteArray(R"({"id":"a\x"})") << "1:9: bad escape in string";
    QTest::newRow("lone surrogate") << QByteArray(R"({"id":"\ud800x","time":1})")
                                    << "1:8: unpaired surrogate in \\u escape";
    QTest::newRow("control byte") << QByteArray("{\"id\":\"a\tb\"}") << "1:9: control character in string";
    QTest::newRow("leading zero") << QByteArray(R"({"id":"a","time":01,"actual":"1"})")
                                  << "1:18: time must be Unix seconds or an RFC 3339 date-time";
    QTest::newRow("bad score") << QByteArray(R"({"id":"a","time":1,"score":1.})")
                               << "1:28: invalid or out-of-range number";
    QTest::newRow("score overflow") << QByteArray(R"({"id":"a","time":1,"score":1e999})")
                                    << "1:28: invalid or out-of-range number";
    QTest::newRow("float label") << QByteArray(R"({"id":"a","time":1,"actual":1.5})")
                                 << "1:29: expected a string, an integer, a boolean or null";
    QTest::newRow("bad date") << QByteArray(R"({"id":"a","time":"2026-02-30T00:00:00Z","actual":"1"})")
                              << "1:18: time must be Unix seconds or an RFC 3339 date-time";
    QTest::newRow("time out of range") << QByteArray(R"({"id":"a","time":1e12,"actual":"1"})")
                                       << "1:18: time must be Unix seconds or an RFC 3339 date-time";
    QTest::newRow("boolean id") << QByteArray(R"({"id":true,"time":1,"actual":"1"})")
                                << "1:7: expected a string or an integer";
    QTest::newRow("id too long") << (QByteArray("{\"id\":\"") + QByteArray(257, 'x') + "\",\"time\":1}")
                                 << "1:7: string longer than 256 bytes";
    QTest::newRow("too deep") << (QByteArray("{\"x\":") + QByteArray(40, '[')) << "1:37: nesting deeper than 32";
    QTest::newRow("csv no header columns") << QByteArray("a,b\n") << "1:1: CSV header needs an id and a time column";
    QTest::newRow("csv duplicate column") << QByteArray("id,time,id\n") << "1:9: duplicate column \"id\"";
    QTest::newRow("csv bad score") << (csv + "a,1,x,1") << "2:5: score is not a number";
    QTest::newRow("csv too many fields") << (csv + "a,1,0.5,1,9") << "2:11: more fields than the header has columns";
    QTest::newRow("csv too few fields") << (csv + "a,1,0.5") << "2:8: fewer fields than the header has columns";
    QTest::newRow("csv unterminated quote") << (csv + "a,1,\"0.5,1") << "2:5: unterminated quoted field";
    QTest::newRow("csv stray quote") << (csv + "a,1,0\"5,1") << "2:6: quote inside an unquoted field";
    QTest::newRow("csv no time") << (csv + "a,,0.5,1") << "2:1: record has no time";
    QTest::newRow("csv hex score") << (csv + "a,1,0x1p3,1") << "2:5: score is not a number";
}

void TestQualityFeed::invalidRecords()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    const FeedBatch b = parse(input);
    QCOMPARE(b.errors.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(b.errors[0].toString()), error);
    QCOMPARE(b.rejectedLines, std::size_t(1));
    for (const FeedRecord &r : b.records) // only the valid first line of "not an object"
        QCOMPARE(r.line, 1u);
}

void TestQualityFeed::rfc3339MatchesQDateTime_data()
{
    QTest::addColumn<QString>("text");
    for (const char *t : {"1970-01-01T00:00:00Z", "2026-12-01T07:00:00.250Z", "2024-02-29T23:59:59.999+05:30",
                          "1999-12-31T23:00:00-01:00", "1969-07-20T20:17:40.1Z", "2000-03-01T00:00:00.123456Z"})
        QTest::newRow(t) << QString::fromLatin1(t);
}

void TestQualityFeed::rfc3339MatchesQDateTime()
{
    QFETCH(QString, text);
    const QByteArray line = "{\"id\":\"a\",\"time\":\"" + text.toLatin1() + "\",\"actual\":\"1\"}";
    const FeedBatch b = parse(line);
    QCOMPARE(b.records.size(), std::size_t(1));
    QDateTime expected = QDateTime::fromString(text, Qt::ISODateWithMs);
    QVERIFY(expected.isValid());
    QCOMPARE(qint64(b.records[0].timeMs), expected.toMSecsSinceEpoch());
}

void TestQualityFeed::errorsCarryLineAndGoOn()
{
    const FeedBatch b = parse("{\"id\":\"a\",\"time\":1,\"actual\":\"1\"}\r\n\n   \n{bad\n{\"id\":\"b\",\"time\":2,\"score\":0.5}");
    QCOMPARE(b.format, FeedFormat::JsonLines);
    QCOMPARE(b.records.size(), std::size_t(2));
    QCOMPARE(b.records[1].line, 5u);
    QCOMPARE(b.errors.size(), std::size_t(1));
    QCOMPARE(b.errors[0].line, 4u);
    QCOMPARE(b.errors[0].column, 2u);
}

void TestQualityFeed::caps()
{
    const QByteArray line = R"({"id":"a","time":1,"actual":"1"})";
    FeedOptions o;
    o.maxBytes = 10;
    FeedBatch b = parse(line, FeedFormat::Auto, o);
    QVERIFY(b.aborted && b.records.empty());
    QCOMPARE(QString::fromStdString(b.errors.at(0).toString()), u"1:1: feed larger than 10 bytes");

    o = {};
    o.maxRecords = 2;
    b = parse(line + "\n" + line + "\n" + line + "\n" + line, FeedFormat::Auto, o);
    QVERIFY(b.aborted);
    QCOMPARE(b.records.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(b.errors.at(0).toString()), u"3:1: more than 2 records");

    o = {};
    o.maxErrors = 3;
    QByteArray bad;
    for (int i = 0; i < 10; ++i)
        bad += "x\n";
    b = parse("{}\n" + bad, FeedFormat::JsonLines, o);
    QCOMPARE(b.errors.size(), std::size_t(3));
    QCOMPARE(b.droppedErrors, std::size_t(8));
    QCOMPARE(b.rejectedLines, std::size_t(11));

    o = {};
    o.maxLineBytes = 20;
    b = parse(line + "\n{\"id\":\"b\",\"time\":1}", FeedFormat::Auto, o);
    QCOMPARE(QString::fromStdString(b.errors.at(0).toString()), u"1:21: line longer than 20 bytes");

    o = {};
    o.maxScores = 2;
    b = parse(R"({"id":"a","time":1,"scores":[1,2,3]})", FeedFormat::Auto, o);
    QCOMPARE(QString::fromStdString(b.errors.at(0).toString()), u"1:34: more than 2 scores");
    QVERIFY(b.scores.empty()); // the rejected line's scores are rolled back
}

void TestQualityFeed::csvContinuation()
{
    FeedOptions o;
    o.csvHeader = "id,time,actual\r";
    o.firstLine = 101;
    const FeedBatch b = parse("a,1,1\nb,x,0\n", FeedFormat::Csv, o);
    QCOMPARE(b.records.size(), std::size_t(1));
    QCOMPARE(b.records[0].line, 101u);
    QCOMPARE(QString::fromStdString(b.errors.at(0).toString()),
             u"102:3: time must be Unix seconds or an RFC 3339 date-time");
}

void TestQualityFeed::fixtureFeedsAgree()
{
    const nlohmann::json fx = mwtest::loadQualityFixture(QStringLiteral("feed_e2e.json"));
    const FeedBatch j = parse(readFile(mwtest::qualityDataPath(QStringLiteral("feed_e2e.jsonl"))));
    const FeedBatch c = parse(readFile(mwtest::qualityDataPath(QStringLiteral("feed_e2e.csv"))));
    QCOMPARE(j.format, FeedFormat::JsonLines);
    QCOMPARE(c.format, FeedFormat::Csv);
    QVERIFY(j.errors.empty() && c.errors.empty());
    QCOMPARE(j.records.size(), fx["records"].get<std::size_t>());
    QCOMPARE(c.records.size(), j.records.size());
    for (std::size_t i = 0; i < j.records.size(); ++i) {
        const FeedRecord &a = j.records[i], &b = c.records[i];
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.timeMs, b.timeMs);
        QCOMPARE(a.hasScore, b.hasScore);
        QVERIFY(a.score == b.score || (std::isnan(a.score) && std::isnan(b.score)));
        QCOMPARE(a.predicted, b.predicted);
        QCOMPARE(a.actual, b.actual);
        QCOMPARE(a.line + 1, b.line); // the CSV header line
    }
}

void TestQualityFeed::hostileBytesKeepInvariants()
{
    std::mt19937 rng(7);
    const QByteArray alphabet = "{}[]\",:\\u0123456789.eE+-NaIfinytrulsd \t\r\nidtmescorpaxz\x01\xff";
    for (int round = 0; round < 300; ++round) {
        QByteArray bytes;
        const int n = int(rng() % 400);
        for (int i = 0; i < n; ++i)
            bytes += alphabet[int(rng() % uint32_t(alphabet.size()))];
        if (round % 3 == 0)
            bytes.prepend("id,time,score,scores,actual\n");
        FeedOptions o;
        o.maxErrors = 1000;
        const FeedBatch b = parse(bytes, FeedFormat::Auto, o);
        const uint32_t lines = uint32_t(bytes.count('\n')) + 1;
        QCOMPARE(b.errors.size() + b.droppedErrors, b.rejectedLines);
        for (const FeedError &e : b.errors)
            QVERIFY(e.line >= 1 && e.line <= lines && e.column >= 1 && !e.reason.empty());
        for (const FeedRecord &r : b.records) {
            QVERIFY(!r.id.empty() && (r.isPrediction() || r.isLabel()));
            QVERIFY(std::size_t(r.scoreBegin) + r.scoreCount <= b.scores.size());
        }
    }
}

QTEST_GUILESS_MAIN(TestQualityFeed)
#include "tst_quality_feed.moc"
