// The demo's model, request codec and delayed-label feed, without a server.
#include "demo/Model.h"
#include "demo/PredictJson.h"
#include "demo/PredictionFeed.h"
#include "demo/SyntheticData.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <variant>

using namespace mw::demo;

class TestDemoModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void learnsWellAboveChanceOnHeldOutData();
    void trainingIsDeterministic();
    void inputDriftLowersAccuracy();
    void parsesInstances();
    void rejectsBadRequests_data();
    void rejectsBadRequests();
    void rejectsOversizedBody();
    void writesTfServingResponse();
    void feedRevealsLabelsOnlyAfterDelay();
    void feedRingIsBounded();
};

namespace {

Model trainDefault(uint64_t seed, Model::TrainReport *report = nullptr)
{
    SyntheticData data(seed);
    return Model::train(data.batch(2000), {}, report);
}

} // namespace

void TestDemoModel::learnsWellAboveChanceOnHeldOutData()
{
    Model::TrainReport report;
    const Model model = trainDefault(1, &report);
    // Held-out data from another seed; the Bayes error is ~10%, chance 50%.
    SyntheticData heldOut(2);
    const double accuracy = model.accuracy(heldOut.batch(5000));
    QVERIFY2(accuracy > 0.85, qPrintable(QString::number(accuracy)));
    QVERIFY2(report.finalLoss < 0.35, qPrintable(QString::number(report.finalLoss))); // log(2) = 0.69 untrained
    // An untrained model (all weights 0) predicts 0.5 for everything.
    const Model untrained;
    QCOMPARE(untrained.predict(Features{}), 0.5);
}

void TestDemoModel::trainingIsDeterministic()
{
    const Model a = trainDefault(7);
    const Model b = trainDefault(7);
    QCOMPARE(a.bias(), b.bias());
    for (std::size_t i = 0; i < kFeatures; ++i)
        QCOMPARE(a.weights()[i], b.weights()[i]);
}

void TestDemoModel::inputDriftLowersAccuracy()
{
    const Model model = trainDefault(1);
    SyntheticData clean(3);
    SyntheticData drifted(3);
    const double before = model.accuracy(clean.batch(5000));
    const double after = model.accuracy(drifted.batch(5000, SyntheticData::kDriftShift));
    QVERIFY2(after < 0.72, qPrintable(QString::number(after)));
    QVERIFY(before - after > 0.15);
}

void TestDemoModel::parsesInstances()
{
    const auto parsed = PredictJson::parseRequest(R"({"instances": [[1,2,3,4,5,6,7,8], [0,0,0,0,0,0,0,-1.5e0]]})");
    const auto *instances = std::get_if<std::vector<Features>>(&parsed);
    QVERIFY(instances);
    QCOMPARE(instances->size(), std::size_t{2});
    QCOMPARE((*instances)[0][7], 8.0);
    QCOMPARE((*instances)[1][7], -1.5);
    // TF Serving's other key for the row format.
    QVERIFY(std::holds_alternative<std::vector<Features>>(PredictJson::parseRequest(R"({"inputs": [[0,0,0,0,0,0,0,0]]})")));
}

void TestDemoModel::rejectsBadRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("JSON Parse error");
    QTest::newRow("truncated") << QByteArray(R"({"instances": [[1,2)") << QStringLiteral("JSON Parse error");
    QTest::newRow("not an object") << QByteArray("[1,2,3]") << QStringLiteral("must be an object");
    QTest::newRow("no instances") << QByteArray(R"({"rows": []})") << QStringLiteral("Missing 'inputs' or 'instances'");
    QTest::newRow("instances not a list") << QByteArray(R"({"instances": 3})") << QStringLiteral("must be a list");
    QTest::newRow("no rows") << QByteArray(R"({"instances": []})") << QStringLiteral("is empty");
    QTest::newRow("short row") << QByteArray(R"({"instances": [[1,2,3,4,5,6,7,8],[1]]})")
                               << QStringLiteral("instance 1 has 1 values");
    QTest::newRow("string value") << QByteArray(R"({"instances": [[1,2,3,4,5,6,7,"x"]]})")
                                  << QStringLiteral("value 7 is not a number");
    QTest::newRow("row not a list") << QByteArray(R"({"instances": [{"a": 1}]})") << QStringLiteral("is not a list");
    QTest::newRow("too deep") << QByteArray(R"({"instances": [[[1,2,3,4,5,6,7,8]]]})")
                              << QStringLiteral("nesting deeper than 3");
    QTest::newRow("hostile nesting") << QByteArray(100000, '[') << QStringLiteral("JSON");
    QTest::newRow("number overflow") << QByteArray(R"({"instances": [[1e999,0,0,0,0,0,0,0]]})")
                                     << QStringLiteral("JSON Parse error");
    QByteArray many = R"({"instances": [)";
    for (std::size_t i = 0; i <= PredictJson::kMaxInstances; ++i)
        many += (i ? "," : "") + QByteArray("[0,0,0,0,0,0,0,0]");
    many += "]}";
    QTest::newRow("too many instances") << many << QStringLiteral("too many instances");
}

void TestDemoModel::rejectsBadRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    const auto parsed = PredictJson::parseRequest(std::string_view(body.constData(), body.size()));
    const auto *error = std::get_if<PredictJson::Error>(&parsed);
    QVERIFY(error);
    QVERIFY2(QString::fromStdString(error->message).contains(reason), error->message.c_str());
}

void TestDemoModel::rejectsOversizedBody()
{
    std::string body(PredictJson::kMaxBodyBytes + 1, ' ');
    const auto parsed = PredictJson::parseRequest(body);
    const auto *error = std::get_if<PredictJson::Error>(&parsed);
    QVERIFY(error);
    QVERIFY(error->message.find("exceeds the limit") != std::string::npos);
}

void TestDemoModel::writesTfServingResponse()
{
    const std::vector<double> scores{0.25, 0.75};
    const auto doc = nlohmann::json::parse(PredictJson::response(scores));
    QCOMPARE(doc["predictions"].size(), std::size_t{2});
    QCOMPARE(doc["predictions"][1][0].get<double>(), 0.75);
    const auto err = nlohmann::json::parse(PredictJson::error("bad \xff input"));
    QVERIFY(err["error"].is_string()); // invalid UTF-8 is replaced, not thrown
}

void TestDemoModel::feedRevealsLabelsOnlyAfterDelay()
{
    PredictionFeed feed(1000);
    int labeled = 0;
    feed.setOnLabeled([&labeled](const LabeledPrediction &) { ++labeled; });
    const uint64_t first = feed.addPending(10'000, 0.9, 1, 1);
    feed.addPending(10'500, 0.2, 0, 1);
    QCOMPARE(first, uint64_t{1});
    QCOMPARE(feed.releaseDue(10'999), std::size_t{0});
    QVERIFY(feed.since(0, 100).empty());
    QCOMPARE(feed.releaseDue(11'000), std::size_t{1});
    QCOMPARE(labeled, 1);
    QCOMPARE(feed.pending(), std::size_t{1});
    QCOMPARE(feed.releaseDue(20'000), std::size_t{1});
    const auto all = feed.since(0, 100);
    QCOMPARE(all.size(), std::size_t{2});
    QCOMPARE(all[1].seq, uint64_t{2});
    QCOMPARE(all[1].actual, 1);
    QCOMPARE(all[1].predicted, 0);
    QCOMPARE(all[1].timeMs, int64_t{10'500});
    QVERIFY(feed.since(2, 100).empty());
    QCOMPARE(feed.since(1, 100).size(), std::size_t{1});

    const std::string lines = PredictionFeed::toJsonLines(all);
    const auto second = nlohmann::json::parse(lines.substr(lines.find('\n') + 1, lines.rfind('\n') - lines.find('\n') - 1));
    QCOMPARE(second["id"].get<int>(), 2);
    QCOMPARE(second["time"].get<double>(), 10.5);
    QCOMPARE(second["score"].get<double>(), 0.2);
}

void TestDemoModel::feedRingIsBounded()
{
    PredictionFeed feed(0, 5);
    for (int i = 0; i < 12; ++i)
        feed.addPending(i, 0.5, 1, 0);
    QCOMPARE(feed.releaseDue(100), std::size_t{12});
    QCOMPARE(feed.size(), std::size_t{5});
    const auto kept = feed.since(0, 100); // older than the ring: from the oldest kept
    QCOMPARE(kept.size(), std::size_t{5});
    QCOMPARE(kept.front().seq, uint64_t{8});
    QCOMPARE(kept.back().seq, uint64_t{12});
    QCOMPARE(feed.since(9, 2).size(), std::size_t{2});
    QCOMPARE(feed.since(9, 2).front().seq, uint64_t{10});
}

QTEST_GUILESS_MAIN(TestDemoModel)
#include "tst_demo_model.moc"
