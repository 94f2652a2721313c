// The dashboard document's model-quality parts: feed sources with their
// options, panels naming their source, the quality_curve and
// confusion_matrix panels with their own options; exact round trips, the
// defaults of absent parts, refusals with their place, and the check that a
// quality panel reads a feed source.

#include "DocumentRoundTrip.h"

#include "dashboard/DashboardFile.h"
#include "dashboard/DocumentCheck.h"
#include "dashboard/DocumentJson.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::Literals::StringLiterals;
using namespace mw;
using namespace mw::dashboard;
using nlohmann::json;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

Document qualityDocument()
{
    Document d;
    d.title = "Quality";
    Source scrape;
    scrape.name = "direct";
    scrape.kind = SourceKind::Scrape;
    scrape.targets = {"http://localhost:8501/metrics"};
    Source http;
    http.name = "demo-feed";
    http.kind = SourceKind::Feed;
    http.url = "http://127.0.0.1:8501/v1/feed";
    http.feed.format = FeedFormat::JsonLines;
    http.feed.joinWindowMs = 600'000;
    http.feed.windowMs = 0;
    http.feed.windowCount = 5000;
    http.feed.positiveClass = "1";
    http.feed.threshold = 0.7;
    http.feed.minSamples = 100;
    http.feed.evaluationIntervalMs = 5000;
    Source file;
    file.name = "file-feed";
    file.kind = SourceKind::Feed;
    file.url = "/var/log/model/predictions.csv";
    file.feed.format = FeedFormat::Csv;
    file.feed.classes = {"cat", "dog", "bird"};
    d.sources = {scrape, http, file};
    Panel recall;
    recall.id = 1;
    recall.title = "Recall";
    recall.source = "demo-feed";
    recall.queries = {{"A", "modelwatch_quality_recall{average=\"macro\"}", "", false}};
    Panel curve;
    curve.id = 2;
    curve.kind = PanelKind::QualityCurve;
    curve.source = "demo-feed";
    curve.qualityCurve.curve = QualityCurveKind::Roc;
    curve.grid = {12, 0, 12, 8};
    Panel matrix;
    matrix.id = 3;
    matrix.kind = PanelKind::ConfusionMatrix;
    matrix.source = "file-feed";
    matrix.confusionMatrix.normalize = ConfusionNormalize::Column;
    matrix.grid = {0, 8, 12, 8};
    d.panels = {recall, curve, matrix};
    return d;
}

const json *sourceNamed(const json &doc, const std::string &name)
{
    for (const json &s : doc.at("sources"))
        if (s.at("name") == name)
            return &s;
    return nullptr;
}

} // namespace

class TestDashboardQuality : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsAsValueAndBytes();
    void jsonShape();
    void absentPartsAreDefaults();
    void documentsWithoutTheNewPartsDoNotWriteThem();
    void refuses_data();
    void refuses();
    void qualityPanelsNeedAFeedSource();
    void rulesNameTheirSource();
};

void TestDashboardQuality::roundTripsAsValueAndBytes()
{
    const Document d = qualityDocument();
    mw::test::checkRoundTrip(d);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(checkPanelSources(d).empty());
    QVERIFY(checkExpressions(d).empty());
}

void TestDashboardQuality::jsonShape()
{
    const json j = documentToJson(qualityDocument());
    QCOMPARE(j.at("schemaVersion").get<int>(), 2);
    const json *feed = sourceNamed(j, "demo-feed");
    QVERIFY(feed);
    QCOMPARE(q(feed->at("kind").get<std::string>()), u"feed"_s);
    QCOMPARE(q(feed->at("url").get<std::string>()), u"http://127.0.0.1:8501/v1/feed"_s);
    QVERIFY(!feed->contains("targets"));
    const json expected = json::parse(R"({"format":"jsonl","joinWindow":"10m","window":"0s","windowCount":5000,
        "classes":[],"positiveClass":"1","threshold":0.7,"minSamples":100,"evaluationInterval":"5s"})");
    QCOMPARE(q(feed->at("feed").dump()), q(expected.dump()));
    QCOMPARE(q(sourceNamed(j, "file-feed")->at("feed").at("classes").dump()), u"[\"cat\",\"dog\",\"bird\"]"_s);
    // Scrape sources have no feed part.
    QVERIFY(!sourceNamed(j, "direct")->contains("feed"));

    const json &panels = j.at("panels");
    QCOMPARE(q(panels[0].at("source").get<std::string>()), u"demo-feed"_s);
    QCOMPARE(q(panels[1].at("type").get<std::string>()), u"quality_curve"_s);
    QCOMPARE(q(panels[1].at("options").dump()), uR"({"curve":"roc"})"_s);
    QCOMPARE(q(panels[2].at("type").get<std::string>()), u"confusion_matrix"_s);
    QCOMPARE(q(panels[2].at("options").dump()), uR"({"normalize":"column"})"_s);
}

void TestDashboardQuality::absentPartsAreDefaults()
{
    const json j = json::parse(R"({"schemaVersion":2,
        "sources":[{"name":"f","kind":"feed","url":"preds.jsonl"}],
        "panels":[{"id":1,"type":"quality_curve","gridPos":{"x":0,"y":0,"w":6,"h":6}},
                  {"id":2,"type":"confusion_matrix","gridPos":{"x":6,"y":0,"w":6,"h":6},"options":{}}]})");
    const ReadResult r = documentFromJson(j);
    QVERIFY2(r.document, r.error ? r.error->toString().c_str() : "");
    QVERIFY(r.warnings.empty());
    const Source &s = r.document->sources.front();
    QCOMPARE(s.kind, SourceKind::Feed);
    QCOMPARE(q(s.url), u"preds.jsonl"_s);
    QVERIFY(s.feed == FeedSourceOptions{});
    QCOMPARE(s.feed.windowMs, int64_t(3'600'000));
    QCOMPARE(s.feed.minSamples, int64_t(30));
    QCOMPARE(r.document->panels[0].qualityCurve.curve, QualityCurveKind::Both);
    QCOMPARE(r.document->panels[1].confusionMatrix.normalize, ConfusionNormalize::None);
    QVERIFY(r.document->panels[0].source.empty());
    QCOMPARE(r.document->sourceOf(r.document->panels[0]), &s);
    // The first source is a feed: the panels need not name it.
    QVERIFY(checkPanelSources(*r.document).empty());
}

void TestDashboardQuality::documentsWithoutTheNewPartsDoNotWriteThem()
{
    Document d = qualityDocument();
    d.sources.resize(1);
    for (Panel &p : d.panels) {
        p.kind = PanelKind::Timeseries;
        p.source.clear();
    }
    const json j = documentToJson(d);
    for (const json &p : j.at("panels")) {
        QVERIFY(!p.contains("source"));
        QCOMPARE(q(p.at("options").dump()), uR"({"legendCalcs":[]})"_s);
    }
    QVERIFY(!j.at("sources")[0].contains("feed"));
    // What an older ModelWatch wrote reads back to the same bytes.
    const std::string text = documentToText(d);
    const ReadResult r = DashboardFile::parse(text);
    QVERIFY(r.document);
    QCOMPARE(q(documentToText(*r.document)), q(text));
}

void TestDashboardQuality::refuses_data()
{
    QTest::addColumn<QString>("source"); // one source object
    QTest::addColumn<QString>("panel");  // one panel object (may be empty)
    QTest::addColumn<QString>("error");
    const QString feed = uR"({"name":"f","kind":"feed","url":"preds.jsonl"})"_s;
    QTest::newRow("no url") << uR"({"name":"f","kind":"feed"})"_s << QString() << u"/sources/0/url: missing"_s;
    QTest::newRow("empty url") << uR"({"name":"f","kind":"feed","url":""})"_s << QString()
                               << u"/sources/0/url: empty: an http(s):// URL to poll or a file path to follow"_s;
    QTest::newRow("ftp url") << uR"({"name":"f","kind":"feed","url":"ftp://x/feed"})"_s << QString()
                             << u"/sources/0/url: not an http://, https:// or file:// URL, nor a file path"_s;
    QTest::newRow("format") << uR"({"name":"f","kind":"feed","url":"x","feed":{"format":"xml"}})"_s << QString()
                            << u"/sources/0/feed/format: unknown feed format (auto, jsonl, csv) 'xml'"_s;
    QTest::newRow("join window") << uR"({"name":"f","kind":"feed","url":"x","feed":{"joinWindow":"soon"}})"_s << QString()
                                 << u"/sources/0/feed/joinWindow: not a duration of at least 1s: 'soon'"_s;
    QTest::newRow("window") << uR"({"name":"f","kind":"feed","url":"x","feed":{"window":"-1h"}})"_s << QString()
                            << u"/sources/0/feed/window: not a duration of at least 0s: '-1h'"_s;
    QTest::newRow("window count") << uR"({"name":"f","kind":"feed","url":"x","feed":{"windowCount":-5}})"_s << QString()
                                  << u"/sources/0/feed/windowCount: out of range (-5, expected 0..1000000000)"_s;
    QTest::newRow("one class") << uR"({"name":"f","kind":"feed","url":"x","feed":{"classes":["a"]}})"_s << QString()
                               << u"/sources/0/feed/classes: needs at least two classes (or none: the labels of the feed)"_s;
    QTest::newRow("repeated class") << uR"({"name":"f","kind":"feed","url":"x","feed":{"classes":["a","b","a"]}})"_s
                                    << QString() << u"/sources/0/feed/classes/2: repeated class 'a'"_s;
    QTest::newRow("positive class")
        << uR"({"name":"f","kind":"feed","url":"x","feed":{"classes":["a","b"],"positiveClass":"c"}})"_s << QString()
        << u"/sources/0/feed/positiveClass: 'c' is not one of the classes"_s;
    QTest::newRow("threshold") << uR"({"name":"f","kind":"feed","url":"x","feed":{"threshold":"high"}})"_s << QString()
                               << u"/sources/0/feed/threshold: wrong type (string)"_s;
    QTest::newRow("min samples") << uR"({"name":"f","kind":"feed","url":"x","feed":{"minSamples":2.5}})"_s << QString()
                                 << u"/sources/0/feed/minSamples: wrong type (number)"_s;
    QTest::newRow("interval") << uR"({"name":"f","kind":"feed","url":"x","feed":{"evaluationInterval":"100ms"}})"_s
                              << QString() << u"/sources/0/feed/evaluationInterval: not a duration of at least 1s: '100ms'"_s;
    QTest::newRow("unknown panel source")
        << feed << uR"({"id":1,"type":"timeseries","gridPos":{"x":0,"y":0,"w":6,"h":1},"source":"nope"})"_s
        << u"/panels/0/source: no source is named 'nope'"_s;
    QTest::newRow("panel source type")
        << feed << uR"({"id":1,"type":"timeseries","gridPos":{"x":0,"y":0,"w":6,"h":1},"source":7})"_s
        << u"/panels/0/source: wrong type (number)"_s;
    QTest::newRow("curve option")
        << feed << uR"({"id":1,"type":"quality_curve","gridPos":{"x":0,"y":0,"w":6,"h":1},"options":{"curve":"lift"}})"_s
        << u"/panels/0/options/curve: unknown curve (roc, pr, both) 'lift'"_s;
    QTest::newRow("normalize option")
        << feed
        << uR"({"id":1,"type":"confusion_matrix","gridPos":{"x":0,"y":0,"w":6,"h":1},"options":{"normalize":"all"}})"_s
        << u"/panels/0/options/normalize: unknown normalization (none, row, column) 'all'"_s;
}

void TestDashboardQuality::refuses()
{
    QFETCH(QString, source);
    QFETCH(QString, panel);
    QFETCH(QString, error);
    json j = {{"schemaVersion", 2}, {"sources", json::array({json::parse(source.toStdString())})}};
    if (!panel.isEmpty())
        j["panels"] = json::array({json::parse(panel.toStdString())});
    const ReadResult r = documentFromJson(j);
    QVERIFY(!r.document);
    QVERIFY(r.error);
    QCOMPARE(q(r.error->toString()), error);
}

void TestDashboardQuality::qualityPanelsNeedAFeedSource()
{
    Document d = qualityDocument();
    QVERIFY(checkPanelSources(d).empty());

    // Named, but a scrape source.
    d.panels[1].source = "direct";
    // Unnamed, and the first source is a scrape source.
    d.panels[2].source.clear();
    std::vector<Issue> issues = checkPanelSources(d);
    QCOMPARE(issues.size(), std::size_t(2));
    QCOMPARE(q(issues[0].toString()), u"/panels/1/source: a quality_curve panel reads a feed source (or a score_buckets source, or score-bucket queries A and B); 'direct' is a scrape source"_s);
    QCOMPARE(q(issues[1].toString()),
             u"/panels/2: a confusion_matrix panel reads a feed source: name one in \"source\" (the first source, 'direct', is a scrape source)"_s);

    // A curve panel with score-bucket queries A and B may read a counters source.
    d.panels[1].queries = {{"A", "sum by (le) (increase(model_score_positive_bucket[10m]))", "", false},
                           {"B", "sum by (le) (increase(model_score_negative_bucket[10m]))", "", false}};
    issues = checkPanelSources(d);
    QCOMPARE(issues.size(), std::size_t(1));
    QCOMPARE(issues[0].pointer, std::string("/panels/2"));

    // A time-series panel may read any source, a feed's derived series included.
    d.panels[1].source = "demo-feed";
    d.panels[2].kind = PanelKind::Timeseries;
    QVERIFY(checkPanelSources(d).empty());

    Document none;
    Panel p;
    p.id = 1;
    p.kind = PanelKind::ConfusionMatrix;
    none.panels = {p};
    issues = checkPanelSources(none);
    QCOMPARE(issues.size(), std::size_t(1));
    QCOMPARE(q(issues[0].toString()), u"/panels/0: a confusion_matrix panel reads a feed source, and the document has no sources"_s);
}

void TestDashboardQuality::rulesNameTheirSource()
{
    const auto doc = [](const char *ruleSource) {
        json rule = {{"id", "quality/RecallLow"},
                     {"name", "RecallLow"},
                     {"expr", "modelwatch_quality_recall{class=\"1\"}"},
                     {"condition", {{"kind", "threshold"}, {"op", "<"}, {"threshold", 0.8}}}};
        if (ruleSource)
            rule["source"] = ruleSource;
        return json{{"schemaVersion", 2},
                    {"sources", json::array({json::parse(R"({"name":"f","kind":"feed","url":"preds.jsonl"})")})},
                    {"rules", json::array({rule})}};
    };
    ReadResult r = documentFromJson(doc("f"));
    QVERIFY2(r.document, r.error ? r.error->toString().c_str() : "");
    QCOMPARE(r.document->rules.at(0).source, std::string("f"));
    // Written only when set, and read back the same.
    const std::string text = documentToText(*r.document);
    QVERIFY(text.find("\"source\": \"f\"") != std::string::npos);
    QVERIFY(*DashboardFile::parse(text).document == *r.document);
    r = documentFromJson(doc(nullptr));
    QVERIFY(r.document);
    QVERIFY(r.document->rules.at(0).source.empty());
    QVERIFY(documentToText(*r.document).find("\"source\"") == std::string::npos);
    r = documentFromJson(doc("nope"));
    QVERIFY(!r.document);
    QCOMPARE(q(r.error->toString()), u"/rules/0/source: no source is named 'nope'"_s);
}

QTEST_GUILESS_MAIN(TestDashboardQuality)
#include "tst_dashboard_quality.moc"
