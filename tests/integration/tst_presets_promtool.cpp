// The preset dashboards checked by Prometheus' own tooling (promtool, Debian
// package): every expression of every preset parses with the real PromQL
// grammar, and the latency quantile panels, evaluated by promtool over the
// sample payloads, give the reference values of model-servers.md.

#include "exposition/ExpositionParser.h"
#include "presets/Detector.h"
#include "presets/PresetBuilder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace mw;
using namespace mw::presets;

namespace {

struct Tool
{
    int exitCode = -1;
    QByteArray output;
};

Tool promtool(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStandardPaths::findExecutable(u"promtool"_s), args);
    if (!p.waitForStarted(10'000) || !p.waitForFinished(60'000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAll()};
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
QByteArray yamlString(const std::string &s)
{
    const QByteArray doc = QJsonDocument(QJsonArray{QJsonValue(QString::fromStdString(s))}).toJson(QJsonDocument::Compact);
    return doc.mid(1, doc.size() - 2);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray rulesFile(const std::vector<std::string> &exprs)
{
    QByteArray out = "groups:\n- name: presets\n  rules:\n";
    for (std::size_t i = 0; i < exprs.size(); ++i)
        out += "  - record: mw:preset:" + QByteArray::number(qulonglong(i)) + "\n    expr: " + yamlString(exprs[i])
            + "\n";
    return out;
}

struct Payload
{
    std::string bytes;
    expo::ParseResult result;
};

std::unique_ptr<Payload> load(const QString &file)
{
    QFile f(QStringLiteral(MW_TEST_DATA_DIR "/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return nullptr;
    auto p = std::make_unique<Payload>();
    p->bytes = f.readAll().toStdString();
    p->result = expo::parse(p->bytes, expo::guessFormat(p->bytes));
    return p->result.ok() ? std::move(p) : nullptr;
}

/// promtool input series for every sample named `metric` (every sample when
/// `metric` is empty; only those with `model="<onlyModel>"` when that is set):
/// 0, v/2, v at 0s, 30s, 60s.
QByteArray inputSeries(const expo::ParseResult &r, std::string_view metric, const std::string &onlyModel)
{
    QByteArray out;
    for (const expo::Sample &s : r.samples) {
        if ((!metric.empty() && s.name != metric) || !std::isfinite(s.value))
            continue;
        if (!onlyModel.empty() && r.labelValue(s, "model") != std::optional<std::string_view>(onlyModel))
            continue;
        std::string series(s.name);
        series += '{';
        for (auto l = r.labelsBegin(s); l != r.labelsEnd(s); ++l) {
            if (l != r.labelsBegin(s))
                series += ',';
            series += std::string(l->name) + "=\"";
            for (char c : l->value) {
                if (c == '\\' || c == '"')
                    series += '\\';
                series += c;
            }
            series += '"';
        }
        series += '}';
        out += "  - series: " + yamlString(series) + "\n    values: '0 " + QByteArray::number(s.value / 2, 'g', 17)
            + ' ' + QByteArray::number(s.value, 'g', 17) + "'\n";
    }
    return out;
}

} // namespace

class TestPresetsPromtool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"promtool"_s).isEmpty())
            QSKIP("promtool not installed (Debian package prometheus)");
    }

    void everyExpressionParses()
    {
        std::vector<std::string> exprs;
        std::vector<std::vector<PresetPanel>> all;
        for (ServerKind kind : kAllServerKinds)
            all.push_back(PresetBuilder::panels(kind));
        for (Collector c : kAllCollectors)
            all.push_back(PresetBuilder::panels(c));
        for (const auto &panels : all)
            for (const PresetPanel &p : panels)
                for (const PanelQuery &q : p.panel.queries)
                    exprs.push_back(q.expr);
        QVERIFY(exprs.size() > 100);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"rules.yml"_s);
        QVERIFY(writeFile(path, rulesFile(exprs)));
        const Tool ok = promtool({u"check"_s, u"rules"_s, path});
        QVERIFY2(ok.exitCode == 0, ok.output.constData());
        QVERIFY2(ok.output.contains(QByteArray("SUCCESS: " + QByteArray::number(qulonglong(exprs.size())) + " rules found")),
                 ok.output.constData());
        // The check can fail: one broken expression is refused.
        QVERIFY(writeFile(path, rulesFile({"sum by (le) (rate(x[1m])"})));
        QCOMPARE(promtool({u"check"_s, u"rules"_s, path}).exitCode, 1);
    }

    void quantilesMatchReference_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("panel");
        QTest::addColumn<QString>("model"); // only this model's series as input (empty: all)
        QTest::addColumn<QList<double>>("expected"); // p50, p95, p99
        QTest::newRow("vllm ttft") << u"samples/04_vllm_v1_metrics.txt"_s << u"Time to first token p50/p95/p99"_s
                                   << QString() << QList<double>{0.0844521, 0.391786, 0.610266};
        QTest::newRow("vllm e2e") << u"samples/04_vllm_v1_metrics.txt"_s << u"End-to-end latency p50/p95/p99"_s
                                  << QString() << QList<double>{6.60156, 19.5883, 32.9485};
        QTest::newRow("triton first response")
            << u"samples/02_triton_8002_metrics.txt"_s << u"Time to first response p50/p95/p99"_s
            << u"text_encoder"_s << QList<double>{55.3293, 295.884, 465.039};
    }

    void quantilesMatchReference()
    {
        QFETCH(QString, file);
        QFETCH(QString, panel);
        QFETCH(QString, model);
        const QByteArray labels = model.isEmpty() ? QByteArray("{}") : QByteArray("{model=\"" + model.toUtf8() + "\"}");
        QFETCH(QList<double>, expected);
        const std::unique_ptr<Payload> p = load(file);
        QVERIFY(p);
        const Dashboard d = PresetBuilder::build(Detector::detect(p->result), MetricNameSet::fromPayload(p->result));
        const auto it = std::find_if(d.panels.begin(), d.panels.end(),
                                     [&](const Panel &x) { return QString::fromStdString(x.title) == panel; });
        QVERIFY(it != d.panels.end());
        QCOMPARE(it->queries.size(), std::size_t{3});

        // Each quantile within 1e-5 relative of the 6-digit reference: the
        // expression yields 1 exactly when it is.
        QByteArray tests;
        std::string bucket;
        for (int i = 0; i < 3; ++i) {
            const std::string &expr = it->queries[std::size_t(i)].expr;
            const std::size_t at = expr.find("rate(") + 5;
            bucket = expr.substr(at, expr.find('[', at) - at);
            const QByteArray want = QByteArray::number(expected[i], 'g', 17);
            tests += "  - expr: " + yamlString("abs((" + expr + ") / " + want.toStdString() + " - 1) < bool 1e-5")
                + "\n    eval_time: 1m\n    exp_samples:\n    - labels: '" + labels + "'\n      value: 1\n";
        }
        QByteArray unit = "tests:\n- interval: 30s\n  input_series:\n" + inputSeries(p->result, bucket, model.toStdString())
            + "  promql_expr_test:\n" + tests;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"test.yml"_s);
        QVERIFY(writeFile(path, unit));
        const Tool run = promtool({u"test"_s, u"rules"_s, path});
        QVERIFY2(run.exitCode == 0, QByteArray(run.output + "\n" + unit.left(2000)).constData());
    }

    // Prometheus itself, evaluating every panel of the dashboard built for a
    // sample over that sample's series, gets at least one series per query:
    // no panel is born empty.
    void everyQueryHasSeries_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"samples/01_tfserving_monitoring_prometheus_metrics.txt", "samples/02_triton_8002_metrics.txt",
                              "samples/03_torchserve_8082_metrics.txt", "samples/04_vllm_v1_metrics.txt",
                              "samples/05_tgi_router_metrics.txt", "samples/06_llamacpp_server_metrics.txt",
                              "samples/07_python_prometheus_client_process.txt",
                              "presets/node_exporter_1.8_metrics.txt"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void everyQueryHasSeries()
    {
        QFETCH(QString, file);
        const std::unique_ptr<Payload> p = load(file);
        QVERIFY(p);
        const Dashboard d = PresetBuilder::build(Detector::detect(p->result), MetricNameSet::fromPayload(p->result));
        QVERIFY(!d.panels.empty());
        QByteArray tests;
        int queries = 0;
        for (const Panel &panel : d.panels) {
            for (const PanelQuery &q : panel.queries) {
                tests += "  - expr: " + yamlString("count((" + q.expr + ")) > bool 0")
                    + "\n    eval_time: 1m\n    exp_samples:\n    - labels: '{}'\n      value: 1\n";
                ++queries;
            }
        }
        const QByteArray unit = "tests:\n- interval: 30s\n  input_series:\n" + inputSeries(p->result, {}, {})
            + "  promql_expr_test:\n" + tests;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"test.yml"_s);
        QVERIFY(writeFile(path, unit));
        const Tool run = promtool({u"test"_s, u"rules"_s, path});
        QVERIFY2(run.exitCode == 0, run.output.left(4000).constData());
        QVERIFY(queries >= int(d.panels.size()));
    }
};

QTEST_GUILESS_MAIN(TestPresetsPromtool)
#include "tst_presets_promtool.moc"
