// Secrets of a Prometheus connection: references in dashboards, values from an
// environment variable or the system keyring (QtKeychain). No keyring daemon
// runs here (the session bus address points at nothing), so the keyring path
// must fail with a clear message, quickly, and never reach the server.
#include "PromTestServer.h"
#include "prometheus/PrometheusClient.h"
#include "prometheus/SecretResolver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace mw;
using mw::test::PromTestServer;

namespace {
constexpr int kWaitMs = 30'000;
} // namespace

class TestPrometheusSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // No Secret Service, no KWallet: a bus address that leads nowhere (and
        // no D-Bus autolaunch either).
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/modelwatch-test-bus");
    }

    void referencesRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("env") << QStringLiteral("env:PROM_PASSWORD") << true;
        QTest::newRow("keyring") << QStringLiteral("keyring:modelwatch/prod-prometheus") << true;
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("env bad name") << QStringLiteral("env:1X") << false;
        QTest::newRow("keyring no key") << QStringLiteral("keyring:modelwatch/") << false;
        QTest::newRow("plain secret") << QStringLiteral("hunter2") << false;
    }
    void referencesRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        const auto ref = SecretRef::parse(text, &error);
        QCOMPARE(ref.has_value(), valid);
        if (valid) {
            QCOMPARE(ref->toString(), text);
            QVERIFY(error.isEmpty());
        } else {
            QVERIFY2(error.contains(u"use env:VARNAME or keyring:<service>/<key>"), qPrintable(error));
        }
    }

    void environmentVariableResolves()
    {
        qputenv("MW_TEST_SECRET_A", "p@ss word");
        const SecretResult ok = SecretResolver::resolveEnv(SecretRef::env(QStringLiteral("MW_TEST_SECRET_A")));
        QVERIFY(ok.ok);
        QCOMPARE(ok.value, QByteArray("p@ss word"));
        qunsetenv("MW_TEST_SECRET_A");
        const SecretResult missing = SecretResolver::resolveEnv(SecretRef::env(QStringLiteral("MW_TEST_SECRET_A")));
        QVERIFY(!missing.ok);
        QCOMPARE(missing.error, QStringLiteral("secret env:MW_TEST_SECRET_A: environment variable MW_TEST_SECRET_A is not set"));
    }

    void keyringWithoutADaemonFailsClearly()
    {
        QElapsedTimer clock;
        clock.start();
        const SecretResult r = SecretResolver::resolveBlocking(
            SecretRef::keyring(QStringLiteral("modelwatch-test"), QStringLiteral("prometheus-password")));
        QVERIFY(!r.ok);
        QVERIFY(r.value.isEmpty());
        QVERIFY2(r.error.startsWith(u"secret keyring:modelwatch-test/prometheus-password: "), qPrintable(r.error));
        QVERIFY2(r.error.contains(u"no keyring service is available: no D-Bus session bus"), qPrintable(r.error));
        QVERIFY2(r.error.contains(u"use env:VARNAME instead"), qPrintable(r.error));
        QVERIFY2(clock.elapsed() < kWaitMs, "the keyring lookup must not hang");
    }

    void keyringFailureStopsTheRequestBeforeTheServer()
    {
        PromTestServer server;
        QVERIFY(server.listen());
        server.respond("/api/v1/labels", PromTestServer::json("{\"status\":\"success\",\"data\":[]}"));
        PrometheusClient client;
        PrometheusConnection c;
        c.baseUrl = server.url();
        c.basicAuthUser = QStringLiteral("alice");
        c.basicAuthPassword = SecretRef::keyring(QStringLiteral("modelwatch-test"), QStringLiteral("prometheus-password"));
        client.setConnection(c);
        QSignalSpy spy(&client, &PrometheusClient::finished);
        const quint64 id = client.labels();
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, kWaitMs);
        QCOMPARE(spy.at(0).at(0).toULongLong(), id);
        const auto r = spy.at(0).at(1).value<PromResponse>();
        QCOMPARE(promErrorKindName(r.error.kind), promErrorKindName(PromErrorKind::Configuration));
        QVERIFY2(r.error.message.contains(u"no keyring service is available"), qPrintable(r.error.message));
        QCOMPARE(server.requests().size(), 0);

        // The same connection with the password in an environment variable works.
        qputenv("MW_TEST_SECRET_B", "s3cret");
        c.basicAuthPassword = SecretRef::env(QStringLiteral("MW_TEST_SECRET_B"));
        client.setConnection(c);
        const quint64 second = client.labels();
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, kWaitMs);
        QCOMPARE(spy.at(1).at(0).toULongLong(), second);
        const auto ok = spy.at(1).at(1).value<PromResponse>();
        QVERIFY2(ok.ok(), qPrintable(ok.error.message));
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().constFirst().header("authorization"),
                 "Basic " + QByteArray("alice:s3cret").toBase64());
        qunsetenv("MW_TEST_SECRET_B");
    }
};

QTEST_GUILESS_MAIN(TestPrometheusSecrets)
#include "tst_prometheus_secrets.moc"
