#include "SecretResolver.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusError>
#include <QEventLoop>
#include <QObject>
#include <QPointer>
#include <QScopedPointer>

#include <qt6keychain/keychain.h>

namespace mw {

namespace {

SecretResult failure(const SecretRef &ref, const QString &reason)
{
    return SecretResult{false, {}, u"secret " + ref.toString() + u": " + reason, reason};
}

/// Why no keyring can answer in this session, or empty when a D-Bus session
/// bus with a Secret Service or KWallet is there.
QString missingKeyringService()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return u"no D-Bus session bus (" + bus.lastError().message() + u')';
    QDBusConnectionInterface *names = bus.interface();
    for (const char *service : {"org.freedesktop.secrets", "org.kde.kwalletd5", "org.kde.kwalletd6"}) {
        if (names && names->isServiceRegistered(QString::fromLatin1(service)).value())
            return {};
    }
    if (names) {
        const QStringList activatable = names->activatableServiceNames().value();
        if (activatable.contains(u"org.freedesktop.secrets") || activatable.contains(u"org.kde.kwalletd5"))
            return {};
    }
    return QStringLiteral("no Secret Service or KWallet on the D-Bus session bus");
}

/// Why a keyring lookup failed, without the reference (failure() adds it).
QString keyringReason(const SecretRef &ref, QKeychain::Error error, const QString &qtText)
{
    if (error == QKeychain::OtherError || error == QKeychain::NoBackendAvailable) {
        const QString missing = missingKeyringService();
        if (!missing.isEmpty() || error == QKeychain::NoBackendAvailable)
            return u"no keyring service is available: "
                + (missing.isEmpty() ? QStringLiteral("no Secret Service or KWallet") : missing)
                + u"; use env:VARNAME instead (QtKeychain said: " + qtText + u')';
    }
    switch (error) {
    case QKeychain::EntryNotFound:
        return u"no entry \"" + ref.name + u"\" for service \"" + ref.service + u"\" in the keyring";
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return u"access to the keyring was denied (" + qtText + u')';
    default:
        return u"the keyring failed: " + qtText;
    }
}

} // namespace

SecretResult SecretResolver::resolveEnv(const SecretRef &ref)
{
    if (ref.kind != SecretRef::Kind::Env)
        return failure(ref, QStringLiteral("not an environment reference"));
    const QByteArray variable = ref.name.toLocal8Bit();
    if (!qEnvironmentVariableIsSet(variable.constData()))
        return failure(ref, u"environment variable " + ref.name + u" is not set");
    return SecretResult{true, qgetenv(variable.constData()), {}, {}};
}

void SecretResolver::resolve(const SecretRef &ref, QObject *context, std::function<void(const SecretResult &)> done)
{
    if (ref.kind != SecretRef::Kind::Keyring) {
        const SecretResult result = ref.kind == SecretRef::Kind::Env
            ? resolveEnv(ref)
            : SecretResult{false, {}, QStringLiteral("no secret reference set"), QStringLiteral("no secret reference set")};
        QMetaObject::invokeMethod(context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(ref.service);
    job->setAutoDelete(true);
    job->setKey(ref.name);
    job->setInsecureFallback(false); // never a plain-text file
    QObject::connect(job, &QKeychain::Job::finished, context, [ref, done = std::move(done)](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (read->error() != QKeychain::NoError)
            return done(failure(ref, keyringReason(ref, read->error(), read->errorString())));
        done(SecretResult{true, read->binaryData(), {}, {}});
    });
    job->start(); // QtKeychain starts its work from the event loop
}

SecretResult SecretResolver::resolveBlocking(const SecretRef &ref)
{
    QEventLoop loop;
    SecretResult out;
    QScopedPointer<QObject> context(new QObject);
    resolve(ref, context.data(), [&](const SecretResult &result) {
        out = result;
        loop.quit();
    });
    loop.exec();
    return out;
}

} // namespace mw
