// PrometheusClient against PromTestServer on 127.0.0.1: every success shape,
// the request encoding, and the connection settings that reach the wire.
#include "PromTestServer.h"
#include "prometheus/PromApi.h"
#include "prometheus/PrometheusClient.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace mw;
using mw::test::js;
using mw::test::PromTestServer;

namespace {
constexpr int kWaitMs = 10'000;

/// The decoded data of kind T, or an empty T when the response holds another kind.
template <typename T> T valueOf(const PromResponse &r)
{
    const T *p = r.get<T>();
    return p ? *p : T{};
}
} // namespace

class TestPrometheusApi : public QObject
{
    Q_OBJECT
    PromTestServer *m_server = nullptr;
    PrometheusClient *m_client = nullptr;
    QHash<quint64, QList<PromResponse>> m_results;

    void serveJson(const char *apiPath, const QByteArray &body)
    {
        m_server->respond(QByteArray("/prom") + apiPath, PromTestServer::json(body));
    }

#define AWAIT(id, r)                                                                                          \
    QTRY_VERIFY_WITH_TIMEOUT(m_results.contains(id), kWaitMs);                                                \
    QCOMPARE(m_results.value(id).size(), 1);                                                                  \
    const PromResponse r = m_results.value(id).first()

private Q_SLOTS:
    void init()
    {
        m_server = new PromTestServer(this);
        QVERIFY(m_server->listen());
        m_client = new PrometheusClient(this);
        PrometheusConnection c;
        c.baseUrl = m_server->url(QStringLiteral("/prom/"));
        m_client->setConnection(c);
        connect(m_client, &PrometheusClient::finished, this,
                [this](quint64 id, const PromResponse &r) { m_results[id].append(r); });
    }
    void cleanup()
    {
        delete m_client;
        delete m_server;
        m_results.clear();
    }

    void vectorQueryIsAFormPostUnderThePrefix()
    {
        serveJson("/api/v1/query", js("{'status':'success','data':{'resultType':'vector','result':["
            " {'metric':{'__name__':'up','job':'prometheus','instance':'localhost:9090'},'value':[1435781451.781,'1']},"
            " {'metric':{'__name__':'up','job':'node','instance':'localhost:9100'},'value':[1435781451.781,'0']}]}}"));
        const quint64 id = m_client->query(QStringLiteral("sum(up{job=\"a+b c\"}) / 2"), 1435781451781);
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 1);
        const auto *q = r.get<PromQueryData>();
        QVERIFY(q);
        QCOMPARE(q->type, PromResultType::Vector);
        QCOMPARE(q->series.size(), std::size_t{2});
        const PromLabels expected{{"__name__", "up"}, {"instance", "localhost:9090"}, {"job", "prometheus"}};
        QCOMPARE(q->series[0].labels, expected);
        QCOMPARE(q->series[0].points, (std::vector<Point>{{1435781451781, 1.0}}));
        QCOMPARE(q->series[1].points.at(0).v, 0.0);

        const auto &rq = m_server->requests().constLast();
        QCOMPARE(rq.method, QByteArray("POST"));
        QCOMPARE(rq.path, QByteArray("/prom/api/v1/query"));
        QCOMPARE(rq.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(rq.header("accept"), QByteArray("application/json"));
        QCOMPARE(rq.body, QByteArray("query=sum%28up%7Bjob%3D%22a%2Bb%20c%22%7D%29%20%2F%202&time=1435781451.781"));
    }

    void matrixQueryRangeWithSpecialValues()
    {
        serveJson("/api/v1/query_range", js("{'status':'success','data':{'resultType':'matrix','result':["
            " {'metric':{'job':'a'},'values':[[1700000000,'NaN'],[1700000015,'+Inf'],[1700000030,'-Inf'],"
            " [1700000045,'1e-07'],[1700000060.5,'1.5e+21'],[1700000075.001,'-0.25']]}]}}"));
        const quint64 id = m_client->queryRange(QStringLiteral("rate(x[5m])"), 1700000000000, 1700000075001, 15000);
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto *q = r.get<PromQueryData>();
        QVERIFY(q);
        QCOMPARE(q->type, PromResultType::Matrix);
        const auto &p = q->series.at(0).points;
        QCOMPARE(p.size(), std::size_t{6});
        QVERIFY(std::isnan(p[0].v));
        QCOMPARE(p[1].v, HUGE_VAL);
        QCOMPARE(p[2].v, -HUGE_VAL);
        QCOMPARE(p[3].v, 1e-07);
        QCOMPARE(p[4], (Point{1700000060500, 1.5e21}));
        QCOMPARE(p[5], (Point{1700000075001, -0.25}));
        QCOMPARE(m_server->requests().constLast().body,
                 QByteArray("query=rate%28x%5B5m%5D%29&start=1700000000&end=1700000075.001&step=15"));
    }

    void queryRangePointsDerivesANiceStep()
    {
        serveJson("/api/v1/query_range", js("{'status':'success','data':{'resultType':'matrix','result':[]}}"));
        // 1 day in 500 points: 172.8 s, rounded up to 5 min.
        const quint64 id = m_client->queryRangePoints(QStringLiteral("up"), 0, 86'400'000, 500);
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(m_server->requests().constLast().body.endsWith("&step=300"));
    }

    void derivedStepNeverExceedsTheServerLimit_data()
    {
        QTest::addColumn<qint64>("rangeMs");
        QTest::addColumn<qint64>("points");
        QTest::addColumn<qint64>("wholeMsStep");
        QTest::newRow("1 h in 720") << qint64{3'600'000} << qint64{720} << qint64{5'000};
        QTest::newRow("1 day in 100000 (capped)") << qint64{86'400'000} << qint64{100'000} << qint64{7'855};
        QTest::newRow("exactly 11000") << qint64{11'000'000} << qint64{11'000} << qint64{1'000};
        QTest::newRow("11001 s in 11001") << qint64{11'001'000} << qint64{11'001} << qint64{1'001};
        QTest::newRow("30 days in 1") << qint64{2'592'000'000} << qint64{1} << qint64{2'592'000'000};
        QTest::newRow("short range") << qint64{10} << qint64{500} << qint64{1};
        QTest::newRow("0 points counts as 1") << qint64{60'000} << qint64{0} << qint64{60'000};
    }
    void derivedStepNeverExceedsTheServerLimit()
    {
        QFETCH(qint64, rangeMs);
        QFETCH(qint64, points);
        QFETCH(qint64, wholeMsStep);
        const int64_t start = 1'700'000'000'000;
        const int64_t step = PromApi::deriveStepMs(start, start + rangeMs, points);
        QCOMPARE(step, wholeMsStep);
        const int64_t nice = PromApi::deriveStepMs(start, start + rangeMs, points, PromApi::StepRounding::Nice);
        QVERIFY(nice >= step);
        for (const int64_t s : {step, nice}) {
            // Prometheus refuses range/step > 11000 (integer division).
            QVERIFY2(rangeMs / s <= PromApi::kMaxPointsPerSeries, qPrintable(QString::number(s)));
            QVERIFY(PromApi::pointCount(start, start + rangeMs, s) <= std::max<int64_t>(points, 1) + 1);
        }
        // The client accepts every derived step.
        QVERIFY(PromRequestBuilder::queryRange(QStringLiteral("up"), start, start + rangeMs, step).invalid.isEmpty());
        QVERIFY(PromRequestBuilder::queryRange(QStringLiteral("up"), start, start + rangeMs, nice).invalid.isEmpty());
    }

    void scalarAndString()
    {
        serveJson("/api/v1/query", js("{'status':'success','data':{'resultType':'scalar','result':[1435781451.781,'2.5']}}"));
        const quint64 a = m_client->query(QStringLiteral("2.5"));
        AWAIT(a, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(valueOf<PromQueryData>(r).type, PromResultType::Scalar);
        QCOMPARE(valueOf<PromQueryData>(r).scalar, (Point{1435781451781, 2.5}));
        QCOMPARE(m_server->requests().constLast().body, QByteArray("query=2.5"));

        serveJson("/api/v1/query", js("{'status':'success','data':{'resultType':'string','result':[1435781451.781,'hello \\u00e9']}}"));
        const quint64 b = m_client->query(QStringLiteral("\"hello\""));
        AWAIT(b, s);
        QVERIFY2(s.ok(), qPrintable(s.error.message));
        QCOMPARE(valueOf<PromQueryData>(s).type, PromResultType::String);
        QCOMPARE(valueOf<PromQueryData>(s).string, std::string("hello \xc3\xa9"));
        QCOMPARE(valueOf<PromQueryData>(s).stringTime, int64_t{1435781451781});
    }

    void warningsAndInfosPassThrough()
    {
        serveJson("/api/v1/query", js("{'status':'success','data':{'resultType':'vector','result':[]},"
            " 'warnings':['PromQL warning: encountered a mix of histograms and floats'],'infos':['PromQL info: metric might not be a counter']}"));
        const quint64 id = m_client->query(QStringLiteral("rate(x[1m])"));
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.warnings, QStringList{QStringLiteral("PromQL warning: encountered a mix of histograms and floats")});
        QCOMPARE(r.infos, QStringList{QStringLiteral("PromQL info: metric might not be a counter")});
    }

    void nativeHistogramsAreSkippedWithAWarning()
    {
        serveJson("/api/v1/query", js("{'status':'success','data':{'resultType':'vector','result':["
            " {'metric':{'__name__':'h'},'histogram':[1700000000,{'count':'3','sum':'2','buckets':[[0,'0','1','3']]}]}]}}"));
        const quint64 id = m_client->query(QStringLiteral("h"));
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(valueOf<PromQueryData>(r).series.at(0).points.empty());
        QCOMPARE(r.decodeWarnings.size(), 1);
        QVERIFY2(r.decodeWarnings.at(0).contains(u"data.result[0].histogram"), qPrintable(r.decodeWarnings.at(0)));
    }

    void seriesSendsEveryMatcher()
    {
        serveJson("/api/v1/series", js("{'status':'success','data':[{'__name__':'up','job':'prometheus'},{'__name__':'up','job':'node'}]}"));
        const quint64 id = m_client->series({QStringLiteral("up"), QStringLiteral("{job=~\"n.*\"}")}, 1000, 2000);
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto *s = r.get<std::vector<PromLabels>>();
        QVERIFY(s);
        QCOMPARE(s->size(), std::size_t{2});
        QCOMPARE(s->at(1), (PromLabels{{"__name__", "up"}, {"job", "node"}}));
        QCOMPARE(m_server->requests().constLast().body,
                 QByteArray("match%5B%5D=up&match%5B%5D=%7Bjob%3D~%22n.%2A%22%7D&start=1&end=2"));
    }

    void labelsAndEscapedLabelValues()
    {
        serveJson("/api/v1/labels", js("{'status':'success','data':['__name__','instance','job']}"));
        const quint64 a = m_client->labels();
        AWAIT(a, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(valueOf<std::vector<std::string>>(r), (std::vector<std::string>{"__name__", "instance", "job"}));
        QCOMPARE(m_server->requests().constLast().method, QByteArray("GET"));

        serveJson("/api/v1/label/U__http_2e_status_2f_code/values", js("{'status':'success','data':['200','404']}"));
        const quint64 b = m_client->labelValues(QStringLiteral("http.status/code"));
        AWAIT(b, v);
        QVERIFY2(v.ok(), qPrintable(v.error.message));
        QCOMPARE(valueOf<std::vector<std::string>>(v), (std::vector<std::string>{"200", "404"}));

        serveJson("/api/v1/label/job/values", js("{'status':'success','data':[]}"));
        const quint64 c = m_client->labelValues(QStringLiteral("job"));
        AWAIT(c, e);
        QVERIFY2(e.ok(), qPrintable(e.error.message));
        QVERIFY(e.get<std::vector<std::string>>());
        QVERIFY(valueOf<std::vector<std::string>>(e).empty());
    }

    void metadata()
    {
        serveJson("/api/v1/metadata", js("{'status':'success','data':{"
            " 'go_goroutines':[{'type':'gauge','help':'Number of goroutines that currently exist.','unit':''}],"
            " 'http_requests_total':[{'type':'counter','help':'Requests.','unit':''},{'type':'counter','help':'Other help.','unit':''}]}}"));
        const quint64 id = m_client->metadata(QStringLiteral("http_requests_total"));
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto *m = r.get<PromMetadata>();
        QVERIFY(m);
        QCOMPARE(m->size(), std::size_t{2});
        QCOMPARE(m->at(1).first, std::string("http_requests_total"));
        QCOMPARE(m->at(1).second.size(), std::size_t{2});
        QCOMPARE(m->at(0).second.at(0).type, std::string("gauge"));
        QCOMPARE(m_server->requests().constLast().target, QByteArray("/prom/api/v1/metadata?metric=http_requests_total"));
    }

    void alerts()
    {
        serveJson("/api/v1/alerts", js("{'status':'success','data':{'alerts':[{'activeAt':'2018-07-04T20:27:12.60602144+02:00',"
            " 'annotations':{},'labels':{'alertname':'my-alert'},'state':'firing','value':'1e+00'}]}}"));
        const quint64 id = m_client->alerts();
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto *a = r.get<std::vector<PromAlert>>();
        QVERIFY(a);
        QCOMPARE(a->size(), std::size_t{1});
        QCOMPARE(a->at(0).labels, (PromLabels{{"alertname", "my-alert"}}));
        QCOMPARE(a->at(0).state, std::string("firing"));
        QCOMPARE(a->at(0).value, 1.0);
        QCOMPARE(a->at(0).activeAt, std::string("2018-07-04T20:27:12.60602144+02:00"));
    }

    void rules()
    {
        serveJson("/api/v1/rules", js("{'status':'success','data':{'groups':[{'name':'example','file':'/rules.yaml','interval':60,"
            " 'rules':[{'type':'alerting','name':'HighErrorRate','query':'job:request_latency_seconds:mean5m{job=\\\"myjob\\\"} > 0.5',"
            " 'duration':600,'labels':{'severity':'page'},'annotations':{'summary':'High request latency'},"
            " 'alerts':[{'labels':{'alertname':'HighErrorRate'},'state':'pending','activeAt':'2018-07-04T20:27:12Z','value':'5.5e-01'}],"
            " 'health':'ok','state':'pending'},"
            " {'type':'recording','name':'job:http_inprogress_requests:sum','query':'sum by (job) (http_inprogress_requests)','health':'ok'}]}]}}"));
        const quint64 id = m_client->rules();
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto *g = r.get<std::vector<PromRuleGroup>>();
        QVERIFY(g);
        QCOMPARE(g->size(), std::size_t{1});
        QCOMPARE(g->at(0).intervalSeconds, 60.0);
        QCOMPARE(g->at(0).rules.size(), std::size_t{2});
        const PromRule &alerting = g->at(0).rules[0];
        QCOMPARE(alerting.type, PromRule::Type::Alerting);
        QCOMPARE(alerting.durationSeconds, 600.0);
        QCOMPARE(alerting.alerts.at(0).value, 0.55);
        QCOMPARE(g->at(0).rules[1].type, PromRule::Type::Recording);
        QVERIFY(g->at(0).rules[1].labels.empty());
    }

    void healthy()
    {
        m_server->respond("/prom/-/healthy",
                          PromTestServer::response(200, "OK", "text/plain; charset=utf-8", "Prometheus Server is Healthy.\n"));
        const quint64 id = m_client->healthy();
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(valueOf<QString>(r), QStringLiteral("Prometheus Server is Healthy."));
        QCOMPARE(m_server->requests().constLast().method, QByteArray("GET"));
    }

    void headersBasicAuthFromEnv()
    {
        qputenv("MW_TEST_PROM_PASSWORD", "s3cret:x");
        PrometheusConnection c = m_client->connection();
        c.basicAuthUser = QStringLiteral("alice");
        c.basicAuthPassword = SecretRef::env(QStringLiteral("MW_TEST_PROM_PASSWORD"));
        c.headers = {{"X-Scope-OrgID", "tenant-1"}};
        m_client->setConnection(c);
        serveJson("/api/v1/labels", js("{'status':'success','data':[]}"));
        const quint64 id = m_client->labels();
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        const auto &rq = m_server->requests().constLast();
        QCOMPARE(rq.header("authorization"), "Basic " + QByteArray("alice:s3cret:x").toBase64());
        QCOMPARE(rq.header("x-scope-orgid"), QByteArray("tenant-1"));
        qunsetenv("MW_TEST_PROM_PASSWORD");
    }

    void bearerTokenFromEnv()
    {
        qputenv("MW_TEST_PROM_TOKEN", "tok-123\n");
        PrometheusConnection c = m_client->connection();
        c.bearerToken = SecretRef::env(QStringLiteral("MW_TEST_PROM_TOKEN"));
        m_client->setConnection(c);
        serveJson("/api/v1/labels", js("{'status':'success','data':[]}"));
        const quint64 id = m_client->labels();
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(m_server->requests().constLast().header("authorization"), QByteArray("Bearer tok-123"));
        qunsetenv("MW_TEST_PROM_TOKEN");
    }

    void missingSecretFailsBeforeAnyRequest()
    {
        qunsetenv("MW_TEST_PROM_UNSET");
        PrometheusConnection c = m_client->connection();
        c.bearerToken = SecretRef::env(QStringLiteral("MW_TEST_PROM_UNSET"));
        m_client->setConnection(c);
        const quint64 id = m_client->labels();
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::Configuration);
        QVERIFY2(r.error.message.contains(u"environment variable MW_TEST_PROM_UNSET is not set"), qPrintable(r.error.message));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void invalidRequestsNeverReachTheServer()
    {
        const quint64 a = m_client->queryRange(QStringLiteral("up"), 0, 11'001'000, 1000); // 11,002 points
        const quint64 b = m_client->labelValues(QString());
        const quint64 c = m_client->queryRange(QStringLiteral("up"), 10, 0, 1);
        AWAIT(a, ra);
        AWAIT(b, rb);
        AWAIT(c, rc);
        QCOMPARE(ra.error.kind, PromErrorKind::InvalidRequest);
        QVERIFY2(ra.error.message.contains(u"11,000"), qPrintable(ra.error.message));
        QCOMPARE(rb.error.kind, PromErrorKind::InvalidRequest);
        QCOMPARE(rc.error.kind, PromErrorKind::InvalidRequest);
        QCOMPARE(m_server->requests().size(), 0);
    }

    void waitForBlocks()
    {
        serveJson("/api/v1/labels", js("{'status':'success','data':['job']}"));
        const PromResponse r = m_client->waitFor(m_client->labels());
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(valueOf<std::vector<std::string>>(r).size(), std::size_t{1});
        QCOMPARE(m_client->waitFor(9999).error.kind, PromErrorKind::InvalidRequest);
    }
};

QTEST_GUILESS_MAIN(TestPrometheusApi)
#include "tst_prometheus_api.moc"
