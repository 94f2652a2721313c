// Differential test: the local PromQL engine and a real Prometheus (Debian's
// 2.42) answer the same expressions on identical data. A deterministic
// OpenMetrics data set is backfilled into Prometheus with promtool and loaded
// into ModelWatch's store; every expression is run as a range query (two step
// sizes) and as instant queries at several times, and the results must agree
// series for series, point for point, to 1e-9 relative.

#include "PrometheusProcess.h"

#include "exposition/ExpositionParser.h"
#include "exposition/Lexer.h"
#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cmath>
#include <map>

using namespace mw;

namespace {

constexpr int64_t kStart = 1700000000; // the generator's --start (seconds)

struct Series
{
    std::vector<Point> points;
};
using SeriesMap = std::map<std::string, Series>; // by Labels::toString()

bool close(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    if (a == b)
        return true;
    const double scale = std::max(std::fabs(a), std::fabs(b));
    return std::fabs(a - b) <= 1e-9 * scale;
}

int64_t jsonTimeMs(const QJsonValue &v)
{
    return std::llround(v.toDouble() * 1000.0);
}

double jsonValue(const QJsonValue &v)
{
    const std::string s = v.toString().toStdString();
    double d = 0;
    if (!expo::lex::parseFloat(s, d))
        qFatal("unparsable value from Prometheus: %s", s.c_str());
    return d;
}

/// A query string with every value percent-encoded. QUrlQuery leaves `+`
/// as it is, and a server decoding the form reads it as a space.
QString formEncode(std::initializer_list<std::pair<QString, QString>> items)
{
    QString out;
    for (const auto &[key, value] : items) {
        if (!out.isEmpty())
            out += u'&';
        out += key + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    return out;
}

Labels jsonLabels(const QJsonObject &o)
{
    Labels l;
    for (auto it = o.begin(); it != o.end(); ++it)
        l.set(it.key().toStdString(), it.value().toString().toStdString());
    return l;
}

SeriesMap fromEngine(const promql::QueryResult &r)
{
    SeriesMap out;
    if (const auto *m = std::get_if<promql::Matrix>(&r.value)) {
        for (const auto &s : *m)
            out[s.labels.toString()].points = s.points;
    } else if (const auto *v = std::get_if<promql::Vector>(&r.value)) {
        for (const auto &s : *v)
            out[s.labels.toString()].points.push_back({s.t, s.value});
    } else if (const auto *sc = std::get_if<promql::ScalarValue>(&r.value)) {
        out["scalar"].points.push_back({sc->t, sc->value});
    }
    return out;
}

bool fromPrometheus(const QByteArray &body, SeriesMap &out, QString &error)
{
    const QJsonObject doc = QJsonDocument::fromJson(body).object();
    if (doc.value(u"status").toString() != u"success") {
        error = QString::fromUtf8(body.left(500));
        return false;
    }
    const QJsonObject data = doc.value(u"data").toObject();
    const QString type = data.value(u"resultType").toString();
    if (type == u"scalar") {
        const QJsonArray p = data.value(u"result").toArray();
        out["scalar"].points.push_back({jsonTimeMs(p.at(0)), jsonValue(p.at(1))});
        return true;
    }
    for (const QJsonValue &e : data.value(u"result").toArray()) {
        const QJsonObject o = e.toObject();
        Series &s = out[jsonLabels(o.value(u"metric").toObject()).toString()];
        if (type == u"vector") {
            const QJsonArray p = o.value(u"value").toArray();
            s.points.push_back({jsonTimeMs(p.at(0)), jsonValue(p.at(1))});
        } else {
            for (const QJsonValue &pv : o.value(u"values").toArray()) {
                const QJsonArray p = pv.toArray();
                s.points.push_back({jsonTimeMs(p.at(0)), jsonValue(p.at(1))});
            }
        }
    }
    return true;
}

QString compare(const SeriesMap &prom, const SeriesMap &ours)
{
    for (const auto &[labels, s] : prom)
        if (!ours.count(labels))
            return QStringLiteral("series %1 is missing locally").arg(QString::fromStdString(labels));
    for (const auto &[labels, s] : ours)
        if (!prom.count(labels))
            return QStringLiteral("series %1 is not in Prometheus' answer").arg(QString::fromStdString(labels));
    for (const auto &[labels, p] : prom) {
        const Series &o = ours.at(labels);
        if (p.points.size() != o.points.size())
            return QStringLiteral("%1: Prometheus has %2 points, local %3")
                .arg(QString::fromStdString(labels))
                .arg(p.points.size())
                .arg(o.points.size());
        for (std::size_t i = 0; i < p.points.size(); ++i) {
            if (p.points[i].t != o.points[i].t || !close(p.points[i].v, o.points[i].v))
                return QStringLiteral("%1 at %2: Prometheus %3 @%4, local %5 @%6")
                    .arg(QString::fromStdString(labels))
                    .arg(i)
                    .arg(p.points[i].v, 0, 'g', 17)
                    .arg(p.points[i].t)
                    .arg(o.points[i].v, 0, 'g', 17)
                    .arg(o.points[i].t);
        }
    }
    return {};
}

} // namespace

class TestDifferential : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void agrees_data();
    void agrees();

private:
    QTemporaryDir m_dir;
    std::string m_dataset;
    std::unique_ptr<test::PrometheusProcess> m_prometheus;
    std::unique_ptr<SeriesStore> m_store;
    std::unique_ptr<promql::StoreQueryable> m_queryable;
    std::unique_ptr<promql::Engine> m_engine;
};

void TestDifferential::initTestCase()
{
    if (test::PrometheusProcess::binary().isEmpty() || test::PrometheusProcess::promtool().isEmpty())
        QSKIP("prometheus and promtool are not installed (Debian package 'prometheus'; scripts/deps.sh installs it)");
    QVERIFY(m_dir.isValid());

    // 1. The data set.
    QProcess gen;
    gen.start(QStringLiteral("python3"), {QStringLiteral(MW_DIFF_GENERATOR)});
    QVERIFY(gen.waitForFinished(60000));
    QCOMPARE(gen.exitCode(), 0);
    const QByteArray data = gen.readAllStandardOutput();
    QVERIFY(data.size() > 100000);
    m_dataset.assign(data.constData(), static_cast<std::size_t>(data.size()));
    const QString dataPath = m_dir.filePath(QStringLiteral("data.om"));
    QFile f(dataPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();

    // 2. Backfill it into a TSDB with promtool and serve it with Prometheus.
    const QString tsdb = m_dir.filePath(QStringLiteral("tsdb"));
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(test::PrometheusProcess::promtool(),
                   {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"), QStringLiteral("openmetrics"),
                    dataPath, tsdb});
    QVERIFY(promtool.waitForFinished(120000));
    QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());
    const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile cfg(config);
    QVERIFY(cfg.open(QIODevice::WriteOnly));
    cfg.write("global:\n  scrape_interval: 1h\n");
    cfg.close();
    m_prometheus = std::make_unique<test::PrometheusProcess>();
    QVERIFY2(m_prometheus->start(tsdb, config, {}), qPrintable(m_prometheus->error()));

    // 3. The same file into the local store.
    const expo::ParseResult parsed = expo::parse(m_dataset, expo::Format::OpenMetrics);
    QVERIFY2(parsed.ok(), parsed.error ? parsed.error->toString().c_str() : "");
    m_store = std::make_unique<SeriesStore>();
    const AppendReport report = m_store->appendScrape(1, 0, parsed);
    QCOMPARE(report.samplesAppended, uint32_t(parsed.samples.size()));
    m_queryable = std::make_unique<promql::StoreQueryable>(*m_store);
    m_engine = std::make_unique<promql::Engine>(*m_queryable);
}

void TestDifferential::cleanupTestCase()
{
    if (m_prometheus)
        m_prometheus->stop();
}

void TestDifferential::agrees_data()
{
    QTest::addColumn<QString>("expr");
    const char *exprs[] = {
        // selectors and matchers
        "demo_queue_size",
        "demo_requests_total",
        "demo_requests_total{status=\"200\"}",
        "demo_requests_total{model=~\"a.*|g.*\"}",
        "demo_requests_total{model!=\"alpha\"}",
        "demo_requests_total{model!~\"al.*\",status=\"500\"}",
        "{__name__=~\"demo_(queue_size|temperature)\",model=\"beta\"}",
        "demo_queue_size offset 5m",
        // range functions
        "rate(demo_requests_total[5m])",
        "rate(demo_requests_total[1m])",
        "irate(demo_requests_total[5m])",
        "increase(demo_requests_total[10m])",
        "rate(demo_requests_total[5m] offset 10m)",
        "delta(demo_queue_size[5m])",
        "idelta(demo_queue_size[5m])",
        "resets(demo_requests_total[30m])",
        "changes(demo_queue_size[10m])",
        "avg_over_time(demo_queue_size[5m])",
        "min_over_time(demo_temperature[5m])",
        "max_over_time(demo_temperature[5m])",
        "sum_over_time(demo_queue_size[5m])",
        "count_over_time(demo_requests_total[5m])",
        "last_over_time(demo_queue_size[5m])",
        "stddev_over_time(demo_temperature[10m])",
        "stdvar_over_time(demo_queue_size[10m])",
        "quantile_over_time(0.9, demo_temperature[10m])",
        // histograms
        "histogram_quantile(0.5, rate(demo_latency_seconds_bucket[5m]))",
        "histogram_quantile(0.99, sum by (le, model) (rate(demo_latency_seconds_bucket[5m])))",
        "histogram_quantile(0.9, sum by (le) (rate(demo_latency_seconds_bucket[10m])))",
        "rate(demo_latency_seconds_sum[5m]) / rate(demo_latency_seconds_count[5m])",
        // aggregations
        "sum(rate(demo_requests_total[5m]))",
        "sum by (model) (rate(demo_requests_total[5m]))",
        "sum without (status) (demo_requests_total)",
        "avg by (model) (demo_temperature)",
        "min(demo_queue_size)",
        "max by (gpu) (demo_temperature)",
        "count(demo_requests_total)",
        "count by (status) (demo_requests_total)",
        "group by (model) (demo_temperature)",
        "stddev(demo_temperature)",
        "stdvar by (model) (demo_temperature)",
        "quantile(0.75, demo_temperature)",
        "topk(2, demo_temperature)",
        "bottomk(1, demo_queue_size)",
        "count_values(\"queue\", round(demo_queue_size))",
        // operators
        "demo_queue_size > 0",
        "demo_queue_size > bool 0",
        "0 < demo_queue_size",
        "demo_queue_size + 1",
        "2 * demo_queue_size - 3 / 4",
        "demo_queue_size ^ 2",
        "demo_queue_size % 2",
        "-demo_queue_size",
        "demo_requests_total{status=\"500\"} / ignoring(status) demo_requests_total{status=\"200\"}",
        "demo_requests_total / on(model, status) demo_requests_total",
        "demo_temperature / on(model) group_left sum by (model) (demo_temperature)",
        "sum by (model) (demo_temperature) / on(model) group_right demo_temperature",
        "demo_queue_size == bool on(model) demo_queue_size",
        "demo_queue_size and on(model) demo_temperature{gpu=\"0\"}",
        "demo_queue_size or demo_temperature",
        "demo_requests_total unless demo_requests_total{status=\"500\"}",
        "demo_requests_total unless on(model) demo_queue_size > 0",
        // functions
        "abs(demo_queue_size)",
        "clamp_min(demo_queue_size, 0)",
        "clamp_max(demo_queue_size, 2.5)",
        "clamp(demo_queue_size, -1, 1)",
        "round(demo_temperature, 0.5)",
        "ceil(demo_queue_size)",
        "floor(demo_queue_size)",
        "sqrt(demo_temperature)",
        "ln(demo_temperature) + log2(demo_temperature) - log10(demo_temperature) + exp(demo_temperature / 100)",
        "scalar(sum(demo_queue_size))",
        "scalar(demo_queue_size)",
        "vector(1)",
        "time()",
        "timestamp(demo_queue_size)",
        "demo_queue_size * scalar(count(demo_temperature))",
        "absent(nonexistent_metric{model=\"alpha\"})",
        "absent(demo_queue_size)",
        "1 + 2 * 3",
    };
    for (const char *e : exprs)
        QTest::newRow(e) << QString::fromUtf8(e);
}

void TestDifferential::agrees()
{
    QFETCH(QString, expr);
    const std::string e = expr.toStdString();
    // Range queries from 5 minutes in to 10 minutes past the data's end (so
    // lookback expiry shows), at an aligned and an unaligned step.
    for (const int64_t step : {int64_t(60), int64_t(37)}) {
        const int64_t start = kStart + 300;
        const int64_t end = kStart + 7200 + 600;
        int status = 0;
        const QByteArray body = m_prometheus->get(
            QStringLiteral("/api/v1/query_range?")
                + formEncode({{QStringLiteral("query"), expr},
                              {QStringLiteral("start"), QString::number(start)},
                              {QStringLiteral("end"), QString::number(end)},
                              {QStringLiteral("step"), QString::number(step)}}),
            status);
        SeriesMap prom;
        QString error;
        QVERIFY2(fromPrometheus(body, prom, error), qPrintable(error));
        const promql::QueryResult local = m_engine->rangeQuery(e, start * 1000, end * 1000, step * 1000);
        QVERIFY2(local.ok(), local.error.c_str());
        const QString diff = compare(prom, fromEngine(local));
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("range step %1s: ").arg(step) + diff));
        QVERIFY2(!prom.empty() || e.starts_with("absent(demo"), "Prometheus returned nothing: the case tests nothing");
    }
    // Instant queries, including times between samples and past the end.
    for (const int64_t t : {kStart + 1234, kStart + 3600, kStart + 5432, kStart + 7199, kStart + 7450}) {
        int status = 0;
        const QByteArray body = m_prometheus->get(
            QStringLiteral("/api/v1/query?")
                + formEncode({{QStringLiteral("query"), expr}, {QStringLiteral("time"), QString::number(t)}}),
            status);
        SeriesMap prom;
        QString error;
        QVERIFY2(fromPrometheus(body, prom, error), qPrintable(error));
        const promql::QueryResult local = m_engine->instantQuery(e, t * 1000);
        QVERIFY2(local.ok(), local.error.c_str());
        const QString diff = compare(prom, fromEngine(local));
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("instant at %1: ").arg(t) + diff));
    }
}

QTEST_GUILESS_MAIN(TestDifferential)
#include "tst_differential.moc"
