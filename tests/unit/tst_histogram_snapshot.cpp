// histogram_quantile over real payloads: tests/data/samples/ (copies of the
// reference metrics-samples). Expected values are those printed at the end of
// model-servers.md ("Expected histogram_quantile results on these fixtures"),
// compared at their printed precision (6 significant digits).

#include "exposition/ExpositionParser.h"
#include "query/HistogramSnapshot.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>
#include <string>

using namespace mw;

class TestHistogramSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void groupsByLabelsAndMergesLe();
};

void TestHistogramSnapshot::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("openMetrics");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("labelName");
    QTest::addColumn<QString>("labelValue");
    QTest::addColumn<QString>("p50");
    QTest::addColumn<QString>("p95");
    QTest::addColumn<QString>("p99");

    QTest::newRow("vllm ttft") << QStringLiteral("04_vllm_v1_metrics.txt") << false
                               << QStringLiteral("vllm:time_to_first_token_seconds") << QStringLiteral("engine")
                               << QStringLiteral("0") << QStringLiteral("0.0844521") << QStringLiteral("0.391786")
                               << QStringLiteral("0.610266");
    QTest::newRow("vllm e2e") << QStringLiteral("04_vllm_v1_metrics.txt") << false
                              << QStringLiteral("vllm:e2e_request_latency_seconds") << QStringLiteral("engine")
                              << QStringLiteral("0") << QStringLiteral("6.60156") << QStringLiteral("19.5883")
                              << QStringLiteral("32.9485");
    QTest::newRow("tfserving REST") << QStringLiteral("01_tfserving_monitoring_prometheus_metrics.txt") << false
                                    << QStringLiteral(":tensorflow:serving:request_latency")
                                    << QStringLiteral("entrypoint") << QStringLiteral("REST")
                                    << QStringLiteral("20863.2") << QStringLiteral("59848.2")
                                    << QStringLiteral("92334.2");
    QTest::newRow("triton text_encoder") << QStringLiteral("02_triton_8002_metrics.txt") << false
                                         << QStringLiteral("nv_inference_first_response_histogram_ms")
                                         << QStringLiteral("model") << QStringLiteral("text_encoder")
                                         << QStringLiteral("55.3293") << QStringLiteral("295.884")
                                         << QStringLiteral("465.039");
    QTest::newRow("openmetrics inference_latency") << QStringLiteral("08_openmetrics_1_0_exemplars.txt") << true
                                                   << QStringLiteral("inference_latency_seconds")
                                                   << QStringLiteral("model") << QStringLiteral("resnet50")
                                                   << QStringLiteral("0.0363736") << QStringLiteral("0.172659")
                                                   << QStringLiteral("0.243595");
}

void TestHistogramSnapshot::fixtures()
{
    QFETCH(QString, file);
    QFETCH(bool, openMetrics);
    QFETCH(QString, metric);
    QFETCH(QString, labelName);
    QFETCH(QString, labelValue);
    QFETCH(QString, p50);
    QFETCH(QString, p95);
    QFETCH(QString, p99);

    QFile f(QStringLiteral(MW_TEST_DATA_DIR "/samples/") + file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const QByteArray bytes = f.readAll();
    const std::string_view payload(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    const expo::ParseResult parsed =
        expo::parse(payload, openMetrics ? expo::Format::OpenMetrics : expo::Format::PrometheusText);
    QVERIFY2(parsed.ok(), parsed.error ? parsed.error->toString().c_str() : "");

    const std::vector<HistogramSeries> all = histogramSeries(parsed, metric.toStdString());
    QVERIFY(!all.empty());
    const std::string name = labelName.toStdString(), value = labelValue.toStdString();
    const HistogramSeries *series = nullptr;
    for (const HistogramSeries &s : all) {
        if (s.label(name) == std::optional<std::string_view>(value)) {
            QVERIFY2(!series, "label selects more than one series");
            series = &s;
        }
    }
    QVERIFY(series);
    QCOMPARE(series->badBucketLabels, 0u);
    QVERIFY(!std::isnan(series->count));
    std::vector<Bucket> scratch;
    const QString expected[] = {p50, p95, p99};
    const double qs[] = {0.5, 0.95, 0.99};
    for (int i = 0; i < 3; ++i) {
        const QuantileResult r = seriesQuantile(*series, qs[i], scratch);
        QCOMPARE(QString::number(r.value, 'g', 6), expected[i]);
        QVERIFY(!r.forcedMonotonicity);
    }
}

void TestHistogramSnapshot::groupsByLabelsAndMergesLe()
{
    // Labels in different orders are one series; le="1" and le="1.0" merge;
    // a malformed le (only possible in untyped families: the parser rejects
    // it in a histogram) is counted and skipped.
    const std::string_view text = "# TYPE h histogram\n"
                                  "h_bucket{a=\"x\",b=\"y\",le=\"1\"} 2\n"
                                  "h_bucket{b=\"y\",le=\"1.0\",a=\"x\"} 3\n"
                                  "h_bucket{a=\"x\",b=\"y\",le=\"2\"} 9\n"
                                  "h_bucket{a=\"x\",b=\"y\",le=\"+Inf\"} 10\n"
                                  "h_sum{a=\"x\",b=\"y\"} 12.5\n"
                                  "h_count{a=\"x\",b=\"y\"} 10\n"
                                  "h_bucket{a=\"z\",le=\"+Inf\"} 0\n"
                                  "g_bucket{le=\"bogus\"} 1\n"
                                  "g_bucket{le=\"+Inf\"} 1\n";
    const expo::ParseResult parsed = expo::parse(text, expo::Format::PrometheusText);
    QVERIFY2(parsed.ok(), parsed.error ? parsed.error->toString().c_str() : "");
    const auto all = histogramSeries(parsed, "h");
    QCOMPARE(all.size(), std::size_t{2});
    const HistogramSeries &xy = all[0];
    QCOMPARE(xy.labels.size(), std::size_t{2});
    QCOMPARE(xy.label("a"), std::optional<std::string_view>("x"));
    QCOMPARE(xy.badBucketLabels, 0u);
    QCOMPARE(xy.buckets.size(), std::size_t{4});
    QCOMPARE(xy.sum, 12.5);
    QCOMPARE(xy.count, 10.0);
    std::vector<Bucket> scratch;
    // Merged le=1 holds 5 of 10: the median is exactly 1.
    QCOMPARE(seriesQuantile(xy, 0.5, scratch).value, 1.0);
    // 0.75 -> rank 7.5 in (1, 2]: 1 + (7.5 - 5) / 4
    QCOMPARE(seriesQuantile(xy, 0.75, scratch).value, 1.625);
    QVERIFY(std::isnan(seriesQuantile(all[1], 0.5, scratch).value));

    const auto untyped = histogramSeries(parsed, "g");
    QCOMPARE(untyped.size(), std::size_t{1});
    QCOMPARE(untyped[0].badBucketLabels, 1u);
    QCOMPARE(untyped[0].buckets.size(), std::size_t{1});
    QVERIFY(std::isnan(untyped[0].count));
}

QTEST_GUILESS_MAIN(TestHistogramSnapshot)
#include "tst_histogram_snapshot.moc"
