#include "PromCredentials.h"

#include "SecretResolver.h"

#include <QFile>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <memory>

namespace mw {

namespace {

QSslKey loadKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

QSslConfiguration PromCredentials::loadTls(const PrometheusConnection &c, QString &error)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!c.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(c.caFile, QSsl::Pem);
        if (cas.isEmpty()) {
            error = u"cannot read CA certificates (PEM) from \"" + c.caFile + u'"';
            return ssl;
        }
        ssl.setCaCertificates(cas);
    }
    if (!c.clientCertFile.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(c.clientCertFile, QSsl::Pem);
        if (certs.isEmpty()) {
            error = u"cannot read the client certificate (PEM) from \"" + c.clientCertFile + u'"';
            return ssl;
        }
        QFile keyFile(c.clientKeyFile);
        if (!keyFile.open(QIODevice::ReadOnly)) {
            error = u"cannot open the client key \"" + c.clientKeyFile + u"\": " + keyFile.errorString();
            return ssl;
        }
        const QSslKey key = loadKey(keyFile.readAll());
        if (key.isNull()) {
            error = u"cannot read the client key \"" + c.clientKeyFile
                + u"\" (expected an unencrypted PEM RSA, EC or DSA private key)";
            return ssl;
        }
        ssl.setLocalCertificate(certs.first());
        ssl.setLocalCertificateChain(certs);
        ssl.setPrivateKey(key);
    }
    if (c.insecureSkipVerify)
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    return ssl;
}

void PromCredentials::resolve(const PrometheusConnection &c, QObject *context,
                              std::function<void(const PromCredentials &)> done)
{
    auto out = std::make_shared<PromCredentials>();
    auto deliver = [context, done = std::move(done), out] {
        QMetaObject::invokeMethod(context, [done, out] { done(*out); }, Qt::QueuedConnection);
    };
    out->error = c.validate();
    if (out->ok() && c.baseUrl.scheme().toLower() == u"https")
        out->ssl = loadTls(c, out->error);
    if (!out->ok())
        return deliver();

    if (!c.basicAuthUser.isEmpty()) {
        const QString user = c.basicAuthUser;
        if (!c.basicAuthPassword.isSet()) {
            out->authorization = "Basic " + QByteArray(user.toUtf8() + ':').toBase64();
            return deliver();
        }
        SecretResolver::resolve(c.basicAuthPassword, context, [out, user, deliver](const SecretResult &secret) {
            if (!secret.ok)
                out->error = secret.error;
            else
                out->authorization = "Basic " + QByteArray(user.toUtf8() + ':' + secret.value).toBase64();
            deliver();
        });
        return;
    }
    if (c.bearerToken.isSet()) {
        SecretResolver::resolve(c.bearerToken, context, [out, deliver](const SecretResult &secret) {
            if (!secret.ok)
                out->error = secret.error;
            else
                out->authorization = "Bearer " + secret.value.trimmed();
            deliver();
        });
        return;
    }
    deliver();
}

} // namespace mw
