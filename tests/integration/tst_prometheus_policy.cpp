// The pure policy behind PrometheusClient's failures: which failures are
// retried, the backoff with jitter, and how a transport failure is named.
#include "prometheus/PromReplyClassifier.h"
#include "prometheus/PromRetryPolicy.h"

#include <QTest>

using namespace mw;

class TestPrometheusPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoffIsCappedAndJittered()
    {
        PromRetryPolicy p;
        p.baseDelay = std::chrono::milliseconds(100);
        p.maxDelay = std::chrono::milliseconds(1000);
        p.random = [] { return 1.0; };
        QCOMPARE(p.delayBefore(1).count(), 100);
        QCOMPARE(p.delayBefore(4).count(), 800);
        QCOMPARE(p.delayBefore(5).count(), 1000);
        QCOMPARE(p.delayBefore(60).count(), 1000);
        p.random = [] { return 0.25; };
        QCOMPARE(p.delayBefore(3).count(), 100);
        p.random = nullptr;
        for (int i = 0; i < 100; ++i)
            QVERIFY(p.delayBefore(3).count() >= 0 && p.delayBefore(3).count() <= 400);
    }

    void onlyFailuresThatMayHealAreRetried_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("retryable");
        auto row = [](const char *name, PromErrorKind kind, int status, bool retryable) {
            QTest::newRow(name) << static_cast<int>(kind) << status << retryable;
        };
        row("name not resolved", PromErrorKind::HostNotFound, 0, true);
        row("refused", PromErrorKind::ConnectionRefused, 0, true);
        row("timeout", PromErrorKind::Timeout, 0, true);
        row("truncated", PromErrorKind::TruncatedBody, 200, true);
        row("reset", PromErrorKind::Network, 0, true);
        row("500 plain", PromErrorKind::ServerError, 500, true);
        row("envelope 503 (errorType timeout)", PromErrorKind::Api, 503, true);
        row("envelope 500 (internal)", PromErrorKind::Api, 500, false);
        row("bad_data", PromErrorKind::Api, 400, false);
        row("execution", PromErrorKind::Api, 422, false);
        row("401", PromErrorKind::Authentication, 401, false);
        row("404", PromErrorKind::NotFound, 404, false);
        row("tls", PromErrorKind::Tls, 0, false);
        row("content type", PromErrorKind::ContentType, 200, false);
        row("not json", PromErrorKind::NotJson, 200, false);
        row("too large", PromErrorKind::BodyTooLarge, 200, false);
        row("canceled", PromErrorKind::Canceled, 0, false);
        row("configuration", PromErrorKind::Configuration, 0, false);
    }
    void onlyFailuresThatMayHealAreRetried()
    {
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(bool, retryable);
        QCOMPARE(PromRetryPolicy::isRetryable(PromError{static_cast<PromErrorKind>(kind), {}, {}, status}), retryable);
    }

    void transportErrorsAreNamed_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("qtText");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("sslErrors");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("dns") << int(QNetworkReply::HostNotFoundError) << QStringLiteral("Host x.invalid not found")
                             << QStringLiteral("http://x.invalid:9090/api/v1/query") << QStringList()
                             << int(PromErrorKind::HostNotFound) << QStringLiteral("host not found: \"x.invalid\" does not resolve");
        QTest::newRow("certificate") << int(QNetworkReply::SslHandshakeFailedError) << QStringLiteral("SSL handshake failed")
                                     << QStringLiteral("https://127.0.0.1:9090/") << QStringList{QStringLiteral("The certificate is self-signed, and untrusted")}
                                     << int(PromErrorKind::Tls)
                                     << QStringLiteral("TLS error with 127.0.0.1:9090: The certificate is self-signed, and untrusted");
        QTest::newRow("tls alert after the handshake")
            << int(QNetworkReply::UnknownNetworkError)
            << QStringLiteral("Error while reading: error:0A000412:SSL routines::sslv3 alert bad certificate")
            << QStringLiteral("https://[::1]/") << QStringList() << int(PromErrorKind::Tls)
            << QStringLiteral("TLS error with [::1]:443: Error while reading: error:0A000412:SSL routines::sslv3 alert bad certificate");
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << QStringLiteral("Connection refused")
                                 << QStringLiteral("http://127.0.0.1/") << QStringList() << int(PromErrorKind::ConnectionRefused)
                                 << QStringLiteral("connection refused by 127.0.0.1:80 (is Prometheus running on that port?)");
        QTest::newRow("other") << int(QNetworkReply::TemporaryNetworkFailureError) << QStringLiteral("Temporary network failure.")
                               << QStringLiteral("http://127.0.0.1:9090/") << QStringList() << int(PromErrorKind::Network)
                               << QStringLiteral("network error with 127.0.0.1:9090: Temporary network failure.");
    }
    void transportErrorsAreNamed()
    {
        QFETCH(int, error);
        QFETCH(QString, qtText);
        QFETCH(QString, url);
        QFETCH(QStringList, sslErrors);
        QFETCH(int, kind);
        QFETCH(QString, message);
        const PromError e = PromReplyClassifier::transportError(static_cast<QNetworkReply::NetworkError>(error), qtText,
                                                                QUrl(url), sslErrors);
        QCOMPARE(promErrorKindName(e.kind), promErrorKindName(static_cast<PromErrorKind>(kind)));
        QVERIFY2(e.message.startsWith(message), qPrintable(e.message));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusPolicy)
#include "tst_prometheus_policy.moc"
