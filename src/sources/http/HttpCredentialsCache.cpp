#include "HttpCredentialsCache.h"

#include <QObject>

#include <utility>

namespace mw {

HttpCredentialsCache::HttpCredentialsCache(QObject *context)
    : m_context(context)
{
}

void HttpCredentialsCache::setAuth(const HttpAuth &auth)
{
    m_auth = auth;
    ++m_generation;
    m_credentials = HttpCredentials();
    m_state = auth.isSet() ? State::Unresolved : State::Resolved;
    if (!m_waiting.empty()) {
        if (m_state == State::Resolved) {
            QMetaObject::invokeMethod(
                m_context,
                [waiting = std::exchange(m_waiting, {})] {
                    for (const Ready &ready : waiting)
                        ready(HttpCredentials());
                },
                Qt::QueuedConnection);
        } else {
            resolve();
        }
    }
}

void HttpCredentialsCache::request(Ready ready)
{
    if (m_state == State::Resolved)
        return ready(m_credentials);
    m_waiting.push_back(std::move(ready));
    if (m_state == State::Unresolved)
        resolve();
}

void HttpCredentialsCache::resolve()
{
    m_state = State::Resolving;
    const quint64 generation = m_generation;
    // TLS files are read for every URL: a source's settings cover all its
    // targets, and they are applied to https requests only.
    HttpCredentials::resolve(m_auth, true, m_context, [this, generation](const HttpCredentials &credentials) {
        if (generation != m_generation)
            return; // the settings changed meanwhile; a newer resolution runs
        m_state = credentials.ok() ? State::Resolved : State::Unresolved;
        if (credentials.ok())
            m_credentials = credentials;
        for (const Ready &ready : std::exchange(m_waiting, {}))
            ready(credentials);
    });
}

} // namespace mw
