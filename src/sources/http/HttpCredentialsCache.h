#pragma once

#include "HttpAuth.h"
#include "HttpCredentials.h"

#include <functional>
#include <vector>

class QObject;

namespace mw {

/// The credentials of one polling client (the scraper, the feed poller),
/// resolved as the API clients' request runner does: once, before the first
/// request that needs them, and kept until the settings change. A failure is
/// not kept: the next request tries again (a variable may have been set, a
/// keyring unlocked). Without settings there is nothing to resolve and
/// requests go out at once.
class HttpCredentialsCache
{
public:
    using Ready = std::function<void(const HttpCredentials &)>;

    /// Callbacks run on `context`'s thread and are dropped when it dies.
    explicit HttpCredentialsCache(QObject *context);

    /// Takes effect for requests made afterwards; secrets resolve again.
    void setAuth(const HttpAuth &auth);
    const HttpAuth &auth() const { return m_auth; }

    /// Calls `ready` with the credentials (check ok()): at once when they are
    /// resolved already, else later from the event loop, never from inside
    /// this call.
    void request(Ready ready);

private:
    enum class State : uint8_t { Unresolved, Resolving, Resolved };
    void resolve();

    QObject *m_context;
    HttpAuth m_auth;
    State m_state = State::Resolved; ///< an empty HttpAuth needs nothing
    quint64 m_generation = 0;
    HttpCredentials m_credentials;
    std::vector<Ready> m_waiting;
};

} // namespace mw
