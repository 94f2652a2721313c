// `modelwatch-cli scrape` with the credentials `query --prometheus` takes
// (--bearer-token-ref, --basic-auth-user/--password-ref, --header, TLS
// files), run as a process against a local server on 127.0.0.1 that requires
// a bearer token (TestHttpServer): exit codes and the one-line messages.

#include "CliRun.h"
#include "TestHttpServer.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using mw::test::TestHttpServer;

#ifndef MW_CLI_PATH
#error "MW_CLI_PATH must name the modelwatch-cli executable"
#endif

namespace {

constexpr int kWaitMs = 30'000;
const QByteArray kMetrics = "# TYPE requests_total counter\nrequests_total{code=\"200\"} 1027\n";

} // namespace

class TestScrapeCliAuth : public QObject
{
    Q_OBJECT
    TestHttpServer *m_server = nullptr;

    std::optional<mw::test::CliRun> cli(const QStringList &args)
    {
        const QStringList all = QStringList{QStringLiteral("scrape")} + args;
        return mw::test::exited(mw::test::runCli(QStringLiteral(MW_CLI_PATH), all, {}, {kWaitMs, kWaitMs}));
    }
    QString url() const { return m_server->url(u"/metrics"_s).toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("MW_TEST_CLI_TOKEN", "cli-token");
        qputenv("MW_TEST_CLI_WRONG", "stale");
        qputenv("MW_TEST_CLI_PASSWORD", "pw");
        qunsetenv("MW_TEST_CLI_UNSET");
    }

    void init()
    {
        m_server = new TestHttpServer(this);
        QVERIFY(m_server->listen());
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4", kMetrics));
        m_server->requireHeader("/metrics", "Authorization", "Bearer cli-token");
        m_server->respond("/basic", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4", kMetrics));
        m_server->requireHeader("/basic", "Authorization", "Basic " + QByteArray("bob:pw").toBase64());
        m_server->requireHeader("/basic", "X-Scope-OrgID", "team-a");
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void bearerTokenScrapes()
    {
        const auto run = cli({u"--bearer-token-ref"_s, u"env:MW_TEST_CLI_TOKEN"_s, url()});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 0);
        QVERIFY2(run->out.contains("requests_total{code=\"200\"} 1027\n"), run->out.constData());
        QCOMPARE(m_server->requests().constFirst().header("authorization"), QByteArray("Bearer cli-token"));
    }

    void basicAuthAndHeaderScrape()
    {
        const auto run = cli({u"--basic-auth-user"_s, u"bob"_s, u"--password-ref"_s, u"env:MW_TEST_CLI_PASSWORD"_s,
                              u"--header"_s, u"X-Scope-OrgID: team-a"_s, m_server->url(u"/basic"_s).toString()});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 0);
        QCOMPARE(m_server->refusedRequests(), 0);
    }

    void wrongTokenIsA401()
    {
        const auto run = cli({u"--bearer-token-ref"_s, u"env:MW_TEST_CLI_WRONG"_s, url()});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 1);
        QVERIFY2(run->err.startsWith(QString(url() + u": HTTP 401 Unauthorized (authentication problem: the target refused "
                                              "the credentials sent"_s).toUtf8()),
                 run->err.constData());
    }

    void unsetSecretSendsNothing()
    {
        const auto run = cli({u"--bearer-token-ref"_s, u"env:MW_TEST_CLI_UNSET"_s, url()});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 1);
        QCOMPARE(run->err, QString(url() + u": bearer token env:MW_TEST_CLI_UNSET: environment variable MW_TEST_CLI_UNSET "
                                    "is not set (nothing was sent)\n"_s).toUtf8());
        QCOMPARE(m_server->requests().size(), 0);
    }

    void invalidOptionsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("plain secret") << QStringList{u"--bearer-token-ref"_s, u"hunter2"_s}
                                      << u"--bearer-token-ref: invalid secret reference \"hunter2\""_s;
        QTest::newRow("both") << QStringList{u"--basic-auth-user"_s, u"bob"_s, u"--bearer-token-ref"_s,
                                             u"env:MW_TEST_CLI_TOKEN"_s}
                              << u"basic auth and a bearer token are mutually exclusive"_s;
        QTest::newRow("tls on http") << QStringList{u"--ca-file"_s, u"/nonexistent/ca.pem"_s}
                                     << u"TLS files are set but the URL \""_s;
        QTest::newRow("header") << QStringList{u"--header"_s, u"no-colon"_s} << u"--header 'no-colon': expected"_s;
    }
    void invalidOptionsAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto run = cli(args + QStringList{url()});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 2);
        QVERIFY2(run->err.startsWith(QString(u"modelwatch-cli scrape: "_s + message).toUtf8()), run->err.constData());
        QCOMPARE(m_server->requests().size(), 0);
    }

    void helpNamesTheAuthOptions()
    {
        const auto run = cli({u"--help"_s});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 0);
        for (const char *option : {"--bearer-token-ref", "--basic-auth-user", "--password-ref", "--header",
                                   "--ca-file", "--cert-file", "--key-file", "--insecure-skip-verify"})
            QVERIFY2(run->out.contains(option), option);
        QVERIFY2(run->out.contains("Extra HTTP header for the target"), run->out.constData()); // not "for --prometheus"
    }
};

QTEST_GUILESS_MAIN(TestScrapeCliAuth)
#include "tst_scrape_cli_auth.moc"
