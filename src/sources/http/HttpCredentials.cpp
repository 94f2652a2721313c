#include "HttpCredentials.h"

#include "prometheus/SecretResolver.h"

#include <QFile>
#include <QNetworkRequest>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <memory>
#include <vector>

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

/// One secret to resolve: what it is for ("bearer token"), where it is, and
/// what its value becomes. `use` returns an error reason, or empty.
struct Secret
{
    QString role;
    SecretRef ref;
    std::function<QString(HttpCredentials &, const QByteArray &)> use;
};

/// The state of one resolve() call, kept alive by the callbacks.
struct Resolution
{
    HttpCredentials out;
    std::vector<Secret> secrets;
    std::size_t next = 0;
    QObject *context = nullptr;
    std::function<void(const HttpCredentials &)> done;
};

/// Delivers from the event loop (`context` is alive here: every path to this
/// runs inside resolve() or a callback bound to `context`).
void deliver(const std::shared_ptr<Resolution> &r)
{
    QMetaObject::invokeMethod(r->context, [r] { r->done(r->out); }, Qt::QueuedConnection);
}

/// Resolves the secrets one after another; the first failure ends it.
void resolveNext(const std::shared_ptr<Resolution> &r)
{
    if (r->next == r->secrets.size())
        return deliver(r);
    const Secret &secret = r->secrets[r->next++];
    SecretResolver::resolve(secret.ref, r->context, [r, &secret](const SecretResult &result) {
        const QString where = secret.role + u' ' + secret.ref.toString() + u": ";
        if (!result.ok) {
            r->out.error = where + result.reason;
            return deliver(r);
        }
        if (const QString why = secret.use(r->out, result.value); !why.isEmpty()) {
            r->out.error = where + why;
            return deliver(r);
        }
        resolveNext(r);
    });
}

} // namespace

void HttpCredentials::applyTo(QNetworkRequest &request) const
{
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    if (request.url().scheme().toLower() == u"https")
        request.setSslConfiguration(ssl);
    // HTTP/1.1 only. Against Prometheus' TLS listener ALPN picks HTTP/2, and
    // Qt 6.4.2's HTTP/2 path then turned a 401 into a truncated body, hung on
    // a mutual-TLS refusal, and once crashed in the network thread when the
    // client went away after a 401 (tst_prometheus_real). Prometheus scrapes
    // over HTTP/1.1 too; none of our requests gains from HTTP/2.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
}

QSslConfiguration HttpCredentials::loadTls(const HttpAuth &a, QString &error)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!a.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(a.caFile, QSsl::Pem);
        if (cas.isEmpty()) {
            error = u"cannot read CA certificates (PEM) from \"" + a.caFile + u'"';
            return ssl;
        }
        ssl.setCaCertificates(cas);
    }
    if (!a.clientCertFile.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(a.clientCertFile, QSsl::Pem);
        if (certs.isEmpty()) {
            error = u"cannot read the client certificate (PEM) from \"" + a.clientCertFile + u'"';
            return ssl;
        }
        QFile keyFile(a.clientKeyFile);
        if (!keyFile.open(QIODevice::ReadOnly)) {
            error = u"cannot open the client key \"" + a.clientKeyFile + u"\": " + keyFile.errorString();
            return ssl;
        }
        const QSslKey key = loadKey(keyFile.readAll());
        if (key.isNull()) {
            error = u"cannot read the client key \"" + a.clientKeyFile
                + u"\" (expected an unencrypted PEM RSA, EC or DSA private key)";
            return ssl;
        }
        ssl.setLocalCertificate(certs.first());
        ssl.setLocalCertificateChain(certs);
        ssl.setPrivateKey(key);
    }
    if (a.insecureSkipVerify)
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    return ssl;
}

void HttpCredentials::resolve(const HttpAuth &a, bool tls, QObject *context,
                              std::function<void(const HttpCredentials &)> done)
{
    auto r = std::make_shared<Resolution>();
    r->context = context;
    r->done = std::move(done);
    HttpCredentials &out = r->out;
    out.error = a.validate();
    if (out.ok() && tls)
        out.ssl = loadTls(a, out.error);
    if (!out.ok())
        return deliver(r);
    out.headers = a.headers;

    if (!a.basicAuthUser.isEmpty()) {
        const QByteArray user = a.basicAuthUser.toUtf8();
        if (!a.basicAuthPassword.isSet())
            out.authorization = "Basic " + QByteArray(user + ':').toBase64();
        else
            r->secrets.push_back({QStringLiteral("basic auth password"), a.basicAuthPassword,
                                  [user](HttpCredentials &c, const QByteArray &password) {
                                      c.authorization = "Basic " + QByteArray(user + ':' + password).toBase64();
                                      return QString();
                                  }});
    } else if (a.bearerToken.isSet()) {
        r->secrets.push_back({QStringLiteral("bearer token"), a.bearerToken,
                              [](HttpCredentials &c, const QByteArray &token) {
                                  if (token.trimmed().isEmpty())
                                      return QStringLiteral("the token is empty");
                                  c.authorization = "Bearer " + token.trimmed();
                                  return QString();
                              }});
    }
    for (const auto &header : a.secretHeaders) {
        const QByteArray name = header.first;
        r->secrets.push_back({u"header " + QString::fromLatin1(name), header.second,
                              [name](HttpCredentials &c, const QByteArray &value) {
                                  if (value.contains('\n') || value.contains('\r'))
                                      return QStringLiteral("the value holds a line break");
                                  c.headers.append({name, value});
                                  return QString();
                              }});
    }
    resolveNext(r);
}

} // namespace mw
