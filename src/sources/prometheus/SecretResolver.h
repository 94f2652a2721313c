#pragma once

#include "SecretRef.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace mw {

struct SecretResult
{
    bool ok = false;
    QByteArray value; ///< the secret (only when ok)
    QString error;    ///< one sentence naming the reference (only when !ok)
    QString reason;   ///< `error` without its "secret <reference>: " start, for callers that name the role
};

/// Resolves SecretRefs at connect time: `env:` from the process environment,
/// `keyring:` through QtKeychain (Secret Service / KWallet over D-Bus). Where
/// no keyring service runs (CI, a bare session) the failure says so.
class SecretResolver
{
public:
    /// Calls `done` exactly once, later, from the event loop of `context`'s
    /// thread (never from inside this call). Dropped if `context` dies first.
    static void resolve(const SecretRef &ref, QObject *context, std::function<void(const SecretResult &)> done);
    /// Runs resolve() in a local QEventLoop (for the CLI). Needs a QCoreApplication.
    static SecretResult resolveBlocking(const SecretRef &ref);
    /// The environment variable path alone, synchronous.
    static SecretResult resolveEnv(const SecretRef &ref);
};

} // namespace mw
