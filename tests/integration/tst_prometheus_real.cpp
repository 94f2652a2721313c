// PrometheusClient against a REAL Prometheus (Debian package) on 127.0.0.1 with
// TLS, mutual TLS and basic auth switched on through --web.config.file. A
// throwaway CA, server and client certificate are made with the openssl CLI
// (TestCertificates) and the password is bcrypted with htpasswd (apache2-utils),
// all in a QTemporaryDir.
// Prometheus scrapes a PromTestServer fixture every second and evaluates one
// recording and one alerting rule on it.
#include "PromTestServer.h"
#include "PrometheusProcess.h"
#include "TestCertificates.h"
#include "prometheus/PrometheusClient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>

using namespace mw;
using mw::test::PrometheusProcess;
using mw::test::PromTestServer;
using mw::test::runTool;
using mw::test::TestCertificates;

namespace {

constexpr int kWaitMs = 20'000;
const char *const kPasswordVariable = "MW_TEST_REAL_PROM_PASSWORD";
const QByteArray kFixtureMetrics = "# HELP modelwatch_fixture_value A constant for ModelWatch's tests.\n"
                                   "# TYPE modelwatch_fixture_value gauge\n"
                                   "modelwatch_fixture_value{model=\"resnet\"} 42\n";

/// The data of kind T of a successful response, else nullptr.
template <typename T> const T *dataOf(const std::optional<PromResponse> &r)
{
    return r && r->ok() ? r->get<T>() : nullptr;
}

/// Why a response has no data: for failure messages.
const char *why(const std::optional<PromResponse> &r)
{
    static QByteArray text;
    text = r ? r->error.message.toUtf8() : QByteArray("finished() never came");
    return text.constData();
}

std::string labelValue(const PromLabels &labels, const std::string &name)
{
    const auto it = std::find_if(labels.begin(), labels.end(), [&](const auto &l) { return l.first == name; });
    return it == labels.end() ? std::string() : it->second;
}

} // namespace

class TestPrometheusReal : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    PromTestServer m_target;
    std::unique_ptr<PrometheusProcess> m_prometheus;
    QByteArray m_password;

    QString file(const QString &name) const { return m_dir.filePath(name); }

    bool write(const QString &name, const QByteArray &content)
    {
        QFile f(file(name));
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
    }

    /// What a user would configure: https, the CA, the client certificate,
    /// basic auth with the password in an environment variable.
    PrometheusConnection connection() const
    {
        PrometheusConnection c;
        c.baseUrl = m_prometheus->baseUrl();
        c.caFile = file(QStringLiteral("ca.pem"));
        c.clientCertFile = file(QStringLiteral("client.pem"));
        c.clientKeyFile = file(QStringLiteral("client.key"));
        c.basicAuthUser = QStringLiteral("alice");
        c.basicAuthPassword = SecretRef::env(QString::fromLatin1(kPasswordVariable));
        return c;
    }

    /// One request on a fresh client; nullopt when finished() never came.
    template <typename Call>
    static std::optional<PromResponse> call(const PrometheusConnection &c, Call &&start)
    {
        PrometheusClient client;
        client.setConnection(c);
        PromRetryPolicy noRetries;
        noRetries.maxRetries = 0;
        client.setRetryPolicy(noRetries);
        QSignalSpy spy(&client, &PrometheusClient::finished);
        const quint64 id = start(client);
        if (spy.isEmpty() && !spy.wait(kWaitMs))
            return std::nullopt;
        if (spy.size() != 1 || spy.at(0).at(0).toULongLong() != id)
            return std::nullopt;
        return spy.at(0).at(1).value<PromResponse>();
    }

    /// Polls `expr` until it returns at least one series (bounded).
    std::optional<PromQueryData> waitForSeries(const QString &expr)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < kWaitMs) {
            const auto r = call(connection(), [&](PrometheusClient &client) { return client.query(expr); });
            const PromQueryData *q = r ? r->get<PromQueryData>() : nullptr;
            if (q && !q->series.empty())
                return *q;
            QTest::qWait(200);
        }
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (PrometheusProcess::binary().isEmpty())
            QSKIP("prometheus is not installed (Debian package prometheus; scripts/deps.sh installs it)");
        if (TestCertificates::openssl().isEmpty())
            QSKIP("openssl is not installed (Debian package openssl)");
        const QString htpasswd = QStandardPaths::findExecutable(QStringLiteral("htpasswd"));
        if (htpasswd.isEmpty())
            QSKIP("htpasswd is not installed (Debian package apache2-utils): it bcrypts the web.config password");
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(TestCertificates::make(m_dir.path(), error), qPrintable(error));

        m_password = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QByteArray hashed;
        QVERIFY2(runTool(htpasswd, {QStringLiteral("-nbBC"), QStringLiteral("10"), QStringLiteral("alice"),
                                QString::fromLatin1(m_password)},
                     error, &hashed),
                 qPrintable(error));
        const QByteArray hash = hashed.trimmed().mid(hashed.indexOf(':') + 1);
        QVERIFY2(hash.startsWith("$2"), hashed.constData());
        qputenv(kPasswordVariable, m_password);

        QVERIFY(m_target.listen());
        m_target.respond("/metrics", PromTestServer::response(200, "OK", "text/plain; version=0.0.4", kFixtureMetrics));
        const QByteArray dir = m_dir.path().toUtf8();
        QVERIFY(write(QStringLiteral("web.yml"),
                      "tls_server_config:\n  cert_file: " + dir + "/server.pem\n  key_file: " + dir
                          + "/server.key\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: " + dir
                          + "/ca.pem\nbasic_auth_users:\n  alice: '" + hash + "'\n"));
        QVERIFY(write(QStringLiteral("rules.yml"),
                      "groups:\n  - name: fixture\n    interval: 1s\n    rules:\n"
                      "      - record: job:modelwatch_fixture_value:sum\n"
                      "        expr: sum by (job) (modelwatch_fixture_value)\n"
                      "      - alert: FixtureValueHigh\n        expr: modelwatch_fixture_value > 10\n"
                      "        labels:\n          severity: page\n"
                      "        annotations:\n          summary: the fixture value is high\n"));
        QVERIFY(write(QStringLiteral("prometheus.yml"),
                      "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - " + dir
                          + "/rules.yml\nscrape_configs:\n  - job_name: fixture\n    static_configs:\n"
                            "      - targets: ['127.0.0.1:"
                          + QByteArray::number(m_target.url().port()) + "']\n"));

        m_prometheus = std::make_unique<PrometheusProcess>();
        PrometheusProcess::Access access;
        access.caFile = file(QStringLiteral("ca.pem"));
        access.clientCertFile = file(QStringLiteral("client.pem"));
        access.clientKeyFile = file(QStringLiteral("client.key"));
        access.user = "alice";
        access.password = m_password;
        m_prometheus->setAccess(access);
        QVERIFY2(m_prometheus->start(file(QStringLiteral("tsdb")), file(QStringLiteral("prometheus.yml")),
                                     {u"--web.config.file=" + file(QStringLiteral("web.yml"))},
                                     std::chrono::seconds(60)),
                 qPrintable(m_prometheus->error()));
        QCOMPARE(m_prometheus->baseUrl().scheme(), QStringLiteral("https"));
    }

    void cleanupTestCase()
    {
        m_prometheus.reset();
        qunsetenv(kPasswordVariable);
    }

    void queryWithTheRightPasswordWorks()
    {
        const auto q = waitForSeries(QStringLiteral("modelwatch_fixture_value"));
        QVERIFY2(q, "Prometheus never returned the scraped fixture");
        QCOMPARE(q->type, PromResultType::Vector);
        QCOMPARE(q->series.size(), std::size_t{1});
        const PromSeries &s = q->series.front();
        QCOMPARE(labelValue(s.labels, "model"), std::string("resnet"));
        QCOMPARE(labelValue(s.labels, "job"), std::string("fixture"));
        QCOMPARE(labelValue(s.labels, "instance"), "127.0.0.1:" + std::to_string(m_target.url().port()));
        QCOMPARE(s.points.size(), std::size_t{1});
        QCOMPARE(s.points.front().v, 42.0);
        QVERIFY(std::llabs(s.points.front().t - QDateTime::currentMSecsSinceEpoch()) < 60'000);
    }

    void wrongPasswordIsAnAuthenticationError()
    {
        PrometheusConnection c = connection();
        qputenv("MW_TEST_REAL_PROM_WRONG", "not-" + m_password);
        c.basicAuthPassword = SecretRef::env(QStringLiteral("MW_TEST_REAL_PROM_WRONG"));
        const auto r = call(c, [](PrometheusClient &client) { return client.query(QStringLiteral("up")); });
        qunsetenv("MW_TEST_REAL_PROM_WRONG");
        QVERIFY(r);
        QCOMPARE(promErrorKindName(r->error.kind), promErrorKindName(PromErrorKind::Authentication));
        QCOMPARE(r->error.httpStatus, 401);
        QVERIFY2(r->error.message.startsWith(u"HTTP 401 Unauthorized (authentication failed"), qPrintable(r->error.message));

        c.basicAuthUser.clear(); // no credentials at all
        c.basicAuthPassword = {};
        const auto none = call(c, [](PrometheusClient &client) { return client.labels(); });
        QVERIFY(none);
        QCOMPARE(none->error.httpStatus, 401);
    }

    void tlsVerificationNeedsTheCa()
    {
        PrometheusConnection c = connection();
        c.caFile.clear(); // the system CAs do not know the throwaway CA
        const auto r = call(c, [](PrometheusClient &client) { return client.healthy(); });
        QVERIFY(r);
        QCOMPARE(promErrorKindName(r->error.kind), promErrorKindName(PromErrorKind::Tls));
        QVERIFY2(r->error.message.startsWith(u"TLS error with 127.0.0.1:" + QString::number(c.baseUrl.port())),
                 qPrintable(r->error.message));
        QVERIFY2(r->error.message.contains(u"issuer certificate"), qPrintable(r->error.message)); // Qt's verdict

        c.insecureSkipVerify = true; // the user turned verification off
        const auto skipped = call(c, [](PrometheusClient &client) { return client.healthy(); });
        QVERIFY(skipped);
        QVERIFY2(skipped->ok(), qPrintable(skipped->error.message));

        const auto verified = call(connection(), [](PrometheusClient &client) { return client.healthy(); });
        QVERIFY(verified);
        QVERIFY2(verified->ok(), qPrintable(verified->error.message));
        const auto *sentence = verified->get<QString>();
        QVERIFY(sentence);
        QCOMPARE(*sentence, QStringLiteral("Prometheus Server is Healthy."));
    }

    void mutualTlsNeedsTheClientCertificate()
    {
        PrometheusConnection c = connection();
        c.clientCertFile.clear();
        c.clientKeyFile.clear();
        const auto r = call(c, [](PrometheusClient &client) { return client.labels(); });
        QVERIFY(r);
        QVERIFY2(!r->ok(), "the server requires a client certificate");
        QCOMPARE(promErrorKindName(r->error.kind), promErrorKindName(PromErrorKind::Tls));
        // The server ends the session with a TLS alert ("bad certificate").
        QVERIFY2(r->error.message.contains(u"alert"), qPrintable(r->error.message));
    }

    void queryRangeReturnsUpSamples()
    {
        QVERIFY(waitForSeries(QStringLiteral("count_over_time(up{job=\"fixture\"}[1m]) >= 3")));
        const int64_t end = QDateTime::currentMSecsSinceEpoch();
        const int64_t start = end - 60'000;
        const auto r = call(connection(), [&](PrometheusClient &client) {
            return client.queryRange(QStringLiteral("up{job=\"fixture\"}"), start, end, 1'000);
        });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        const auto *q = r->get<PromQueryData>();
        QVERIFY(q);
        QCOMPARE(q->type, PromResultType::Matrix);
        QCOMPARE(q->series.size(), std::size_t{1});
        QCOMPARE(labelValue(q->series[0].labels, "__name__"), std::string("up"));
        const auto &points = q->series[0].points;
        QVERIFY2(points.size() >= 3, qPrintable(QString::number(points.size())));
        for (std::size_t i = 0; i < points.size(); ++i) {
            QCOMPARE(points[i].v, 1.0);
            QCOMPARE((points[i].t - start) % 1'000, int64_t{0}); // on the step grid
            QVERIFY(points[i].t >= start && points[i].t <= end);
            if (i > 0)
                QVERIFY(points[i].t > points[i - 1].t);
        }

        // The same range through the point budget: 60 s in 10 points.
        const auto budget = call(connection(), [&](PrometheusClient &client) {
            return client.queryRangePoints(QStringLiteral("up{job=\"fixture\"}"), start, end, 10);
        });
        QVERIFY(budget);
        QVERIFY2(budget->ok(), qPrintable(budget->error.message));
        const auto *coarse = budget->get<PromQueryData>();
        QVERIFY(coarse);
        QCOMPARE(coarse->series.size(), std::size_t{1});
        QVERIFY(!coarse->series[0].points.empty());
        QVERIFY(coarse->series[0].points.size() <= 11);
    }

    void badQueryErrorComesThroughVerbatim()
    {
        const auto r = call(connection(), [](PrometheusClient &client) { return client.query(QStringLiteral("sum(up")); });
        QVERIFY(r);
        QCOMPARE(promErrorKindName(r->error.kind), promErrorKindName(PromErrorKind::Api));
        QCOMPARE(r->error.errorType, QStringLiteral("bad_data"));
        QCOMPARE(r->error.httpStatus, 400);
        QCOMPARE(r->attempts, 1); // bad_data is never retried

        // What Prometheus itself says, fetched independently.
        int status = 0;
        const QByteArray raw = m_prometheus->get(QStringLiteral("/api/v1/query?query=sum%28up"), status);
        QCOMPARE(status, 400);
        const QJsonObject envelope = QJsonDocument::fromJson(raw).object();
        QCOMPARE(envelope.value(u"errorType").toString(), QStringLiteral("bad_data"));
        const QString serverText = envelope.value(u"error").toString();
        QVERIFY2(serverText.contains(u"parse error"), qPrintable(serverText));
        QCOMPARE(r->error.message, u"bad_data: " + serverText);
    }

    void metadataLabelsSeriesRulesAndAlerts()
    {
        QVERIFY(waitForSeries(QStringLiteral("ALERTS{alertname=\"FixtureValueHigh\",alertstate=\"firing\"}")));
        const PrometheusConnection c = connection();

        const auto labels = call(c, [](PrometheusClient &client) { return client.labels(); });
        const auto *names = dataOf<std::vector<std::string>>(labels);
        QVERIFY2(names, why(labels));
        QVERIFY(std::find(names->begin(), names->end(), "model") != names->end());

        const auto values = call(c, [](PrometheusClient &client) { return client.labelValues(QStringLiteral("job")); });
        const auto *jobs = dataOf<std::vector<std::string>>(values);
        QVERIFY2(jobs, why(values));
        QCOMPARE(*jobs, std::vector<std::string>{"fixture"});

        const auto series = call(c, [](PrometheusClient &c2) { return c2.series({QStringLiteral("modelwatch_fixture_value")}); });
        const auto *matched = dataOf<std::vector<PromLabels>>(series);
        QVERIFY2(matched, why(series));
        QCOMPARE(matched->size(), std::size_t{1});
        QCOMPARE(labelValue(matched->front(), "model"), std::string("resnet"));

        const auto meta = call(c, [](PrometheusClient &c2) { return c2.metadata(QStringLiteral("modelwatch_fixture_value")); });
        const auto *m = dataOf<PromMetadata>(meta);
        QVERIFY2(m, why(meta));
        QCOMPARE(m->size(), std::size_t{1});
        QCOMPARE(m->front().second.at(0).type, std::string("gauge"));
        QCOMPARE(m->front().second.at(0).help, std::string("A constant for ModelWatch's tests."));

        const auto rules = call(c, [](PrometheusClient &client) { return client.rules(); });
        const auto *groups = dataOf<std::vector<PromRuleGroup>>(rules);
        QVERIFY2(groups, why(rules));
        QCOMPARE(groups->size(), std::size_t{1});
        QCOMPARE(groups->front().name, std::string("fixture"));
        QCOMPARE(groups->front().intervalSeconds, 1.0);
        QCOMPARE(groups->front().rules.size(), std::size_t{2});
        QCOMPARE(groups->front().rules[0].type, PromRule::Type::Recording);
        QCOMPARE(groups->front().rules[1].type, PromRule::Type::Alerting);
        QCOMPARE(groups->front().rules[1].name, std::string("FixtureValueHigh"));

        const auto alerts = call(c, [](PrometheusClient &client) { return client.alerts(); });
        const auto *list = dataOf<std::vector<PromAlert>>(alerts);
        QVERIFY2(list, why(alerts));
        QCOMPARE(list->size(), std::size_t{1});
        QCOMPARE(list->front().state, std::string("firing"));
        QCOMPARE(list->front().value, 42.0);
        QCOMPARE(labelValue(list->front().labels, "severity"), std::string("page"));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusReal)
#include "tst_prometheus_real.moc"
