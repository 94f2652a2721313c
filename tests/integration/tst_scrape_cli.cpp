// `modelwatch-cli scrape` run as a process against a local misbehaving HTTP
// server on 127.0.0.1: exit codes, stdout and the one-line stderr messages.

#include "CliRun.h"
#include "TestHttpServer.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using mw::test::TestHttpServer;

#ifndef MW_CLI_PATH
#error "MW_CLI_PATH must name the modelwatch-cli executable"
#endif

namespace {

const QByteArray kPromText = "# HELP requests_total Requests.\n"
                             "# TYPE requests_total counter\n"
                             "requests_total{code=\"200\"} 1027\n"
                             "requests_total{code=\"503\"} 3\n";
const QByteArray kOpenMetrics = "# TYPE tokens counter\n"
                                "tokens_total{model=\"m\"} 42\n"
                                "# EOF\n";

constexpr int kWaitMs = 30'000;

using Run = mw::test::CliRun;

} // namespace

class TestScrapeCli : public QObject
{
    Q_OBJECT

private:
    TestHttpServer *m_server = nullptr;

    /// Runs the CLI without blocking the event loop (the server lives on it).
    std::optional<Run> cli(const QStringList &args)
    {
        const QStringList all = QStringList{QStringLiteral("scrape")} + args;
        return mw::test::exited(mw::test::runCli(QStringLiteral(MW_CLI_PATH), all, {}, {kWaitMs, kWaitMs}));
    }

    QString url(const char *path) const { return m_server->url(QString::fromLatin1(path)).toString(); }

private Q_SLOTS:
    void init()
    {
        m_server = new TestHttpServer(this);
        QVERIFY(m_server->listen());
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no URL") << QStringList{} << u"exactly one URL"_s;
        QTest::newRow("two URLs") << QStringList{u"http://127.0.0.1:1/a"_s, u"http://127.0.0.1:1/b"_s}
                                  << u"exactly one URL"_s;
        QTest::newRow("ftp") << QStringList{u"ftp://127.0.0.1/metrics"_s} << u"not an http:// or https:// URL"_s;
        QTest::newRow("no scheme") << QStringList{u"127.0.0.1:9090/metrics"_s} << u"not an http"_s;
        QTest::newRow("timeout not a number") << QStringList{u"--timeout"_s, u"soon"_s, u"http://127.0.0.1:1/"_s}
                                              << u"--timeout"_s;
        QTest::newRow("timeout zero") << QStringList{u"--timeout"_s, u"0"_s, u"http://127.0.0.1:1/"_s}
                                      << u"--timeout"_s;
        QTest::newRow("timeout negative") << QStringList{u"--timeout=-2"_s, u"http://127.0.0.1:1/"_s}
                                          << u"--timeout"_s;
        QTest::newRow("max-bytes zero") << QStringList{u"--max-bytes"_s, u"0"_s, u"http://127.0.0.1:1/"_s}
                                        << u"--max-bytes"_s;
        QTest::newRow("max-bytes text") << QStringList{u"--max-bytes"_s, u"lots"_s, u"http://127.0.0.1:1/"_s}
                                        << u"--max-bytes"_s;
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s, u"http://127.0.0.1:1/"_s}
                                        << u"frobnicate"_s;
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const auto run = cli(args);
        QVERIFY(run);
        QCOMPARE(run->exitCode, 2);
        QVERIFY2(QString::fromUtf8(run->err).contains(mentions), run->err.constData());
        QVERIFY(run->out.isEmpty());
        QVERIFY(m_server->requests().isEmpty());
    }

    void targetFailures_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QStringList>("extraArgs");
        QTest::addColumn<QString>("reason");
        QTest::newRow("503") << TestHttpServer::response(503, "Service Unavailable", "text/plain", "warming up\n")
                             << QStringList{} << u"HTTP 503 Service Unavailable: warming up"_s;
        QTest::newRow("401") << TestHttpServer::response(401, "Unauthorized", "text/plain", "")
                             << QStringList{} << u"HTTP 401 Unauthorized (authentication problem"_s;
        QTest::newRow("text/html") << TestHttpServer::response(200, "OK", "text/html", "<html/>") << QStringList{}
                                   << u"unsupported Content-Type \"text/html\""_s;
        QTest::newRow("blank content type") << TestHttpServer::response(200, "OK", "", kPromText) << QStringList{}
                                            << u"blank Content-Type"_s;
        QTest::newRow("fallback names the wrong format")
            << TestHttpServer::response(200, "OK", "application/octet-stream", kPromText)
            << QStringList{u"--fallback-format"_s, u"openmetrics"_s}
            << u"3:1: sample \"requests_total\" is not valid in the counter family"_s;
        QTest::newRow("over --max-bytes") << TestHttpServer::response(200, "OK", "text/plain", kPromText)
                                          << QStringList{u"--max-bytes"_s, u"16"_s}
                                          << u"body too large"_s;
        QTest::newRow("gzip bomb") << TestHttpServer::response(200, "OK", "text/plain",
                                                               TestHttpServer::gzip(QByteArray(8 << 20, '0')),
                                                               "Content-Encoding: gzip\r\n")
                                   << QStringList{u"--max-bytes"_s, u"100000"_s} << u"bad gzip body"_s;
        QTest::newRow("truncated") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                                 "Content-Length: 500\r\nConnection: close\r\n\r\nx 1\n")
                                   << QStringList{} << u"truncated body"_s;
    }
    void targetFailures()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QStringList, extraArgs);
        QFETCH(QString, reason);
        m_server->respond("/metrics", raw);
        const QString target = url("/metrics");
        const auto run = cli(extraArgs + QStringList{target});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 1);
        const QString err = QString::fromUtf8(run->err);
        QVERIFY2(err.startsWith(target + u": " + reason) || err.startsWith(target + u":" + reason),
                 run->err.constData());
        QVERIFY2(err.endsWith(u'\n') && err.count(u'\n') == 1, run->err.constData()); // one line
        QVERIFY(run->out.isEmpty());
        QCOMPARE(m_server->requests().size(), 1);
    }

    void help()
    {
        const auto run = cli({u"--help"_s});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 0);
        QVERIFY2(run->out.startsWith("Usage: modelwatch-cli scrape [--json] [--timeout SECONDS] [--max-bytes N] "
                                     "[--fallback-format FORMAT] URL\n"),
                 run->out.constData());
        QVERIFY(run->out.contains("--max-bytes"));
    }

    void fallbackFormat()
    {
        // Prometheus 3 refuses a blank or unknown Content-Type unless the target
        // names a fallback protocol; so does scrape, and says how to proceed.
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "application/octet-stream", kPromText));
        const QString target = url("/metrics");
        const auto refused = cli({target});
        QVERIFY(refused);
        QCOMPARE(refused->exitCode, 1);
        QVERIFY2(refused->err.contains("(--fallback-format prometheus parses it anyway)"), refused->err.constData());
        const auto parsed = cli({u"--fallback-format"_s, u"prometheus"_s, target});
        QVERIFY(parsed);
        QCOMPARE(parsed->exitCode, 0);
        QVERIFY2(parsed->out.contains("requests_total{code=\"503\"} 3\n"), parsed->out.constData());
        const auto bad = cli({u"--fallback-format"_s, u"xml"_s, target});
        QVERIFY(bad);
        QCOMPARE(bad->exitCode, 2);
        QVERIFY(bad->err.contains("--fallback-format is prometheus or openmetrics, not 'xml'"));
    }

    void timeoutOption()
    {
        m_server->hang("/metrics");
        const QString target = url("/metrics");
        const auto run = cli({u"--timeout"_s, u"0.3"_s, target});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 1);
        QCOMPARE(QString::fromUtf8(run->err), QString(target + u": timed out after 300 ms waiting for a response\n"));
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().at(0).header("X-Prometheus-Scrape-Timeout-Seconds"), QByteArray("0.3"));
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        QUrl u(QStringLiteral("http://127.0.0.1/metrics"));
        u.setPort(probe.serverPort());
        probe.close();
        const auto run = cli({u.toString()});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 1);
        QVERIFY2(run->err.startsWith((u.toString() + u": connection refused").toUtf8()), run->err.constData());
    }

    // The tests below need the exposition parser and the printer.

    void validScrapes_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("expectedName");
        QTest::newRow("text 0.0.4") << TestHttpServer::response(200, "OK", "text/plain; version=0.0.4; charset=utf-8",
                                                                kPromText)
                                    << u"requests_total"_s;
        QTest::newRow("openmetrics")
            << TestHttpServer::response(200, "OK", "application/openmetrics-text; version=1.0.0; charset=utf-8",
                                        kOpenMetrics)
            << u"tokens_total"_s;
        QTest::newRow("gzip") << TestHttpServer::response(200, "OK", "text/plain", TestHttpServer::gzip(kPromText),
                                                          "Content-Encoding: gzip\r\n")
                              << u"requests_total"_s;
    }
    void validScrapes()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, expectedName);
        m_server->respond("/metrics", raw);
        const auto run = cli({url("/metrics")});
        QVERIFY(run);
        QVERIFY2(run->exitCode == 0, run->err.constData());
        QVERIFY2(run->err.isEmpty(), run->err.constData());
        QVERIFY2(QString::fromUtf8(run->out).contains(expectedName), run->out.constData());
    }

    void jsonOutput()
    {
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4", kPromText));
        const auto run = cli({u"--json"_s, url("/metrics")});
        QVERIFY(run);
        QVERIFY2(run->exitCode == 0, run->err.constData());
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(run->out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(!doc.isNull());
        QVERIFY(run->out.contains("requests_total"));
        QVERIFY(run->out.contains("1027"));
    }

    void invalidPayloadNamesLineAndColumn()
    {
        // Line 2 is not a valid sample line (no value).
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4",
                                                               "ok_metric 1\nbroken_metric{a=\"1\"}\n"));
        const QString target = url("/metrics");
        const auto run = cli({target});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 1);
        const QString err = QString::fromUtf8(run->err);
        static const QRegularExpression shape(u"^(.*):(\\d+):(\\d+): .+\n$"_s);
        const QRegularExpressionMatch m = shape.match(err);
        QVERIFY2(m.hasMatch(), run->err.constData());
        QCOMPARE(m.captured(1), target);
        QCOMPARE(m.captured(2), u"2"_s);
        QVERIFY(run->out.isEmpty());
    }

    void openMetricsWithoutEofIsInvalid()
    {
        // The Content-Type picks the strict OpenMetrics parser, which needs # EOF.
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "application/openmetrics-text; version=1.0.0",
                                                               "# TYPE tokens counter\ntokens_total 1\n"));
        const QString target = url("/metrics");
        const auto run = cli({target});
        QVERIFY(run);
        QCOMPARE(run->exitCode, 1);
        QVERIFY2(run->err.startsWith((target + u':').toUtf8()), run->err.constData());
        static const QRegularExpression shape(u"^.*:\\d+:\\d+: .+\n$"_s);
        QVERIFY2(shape.match(QString::fromUtf8(run->err)).hasMatch(), run->err.constData());
    }
};

QTEST_GUILESS_MAIN(TestScrapeCli)
#include "tst_scrape_cli.moc"
