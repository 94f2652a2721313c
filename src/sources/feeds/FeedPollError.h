#pragma once

// Why one poll of a feed endpoint failed, in one specific sentence, and
// whether polling again later may succeed.

#include <QByteArray>
#include <QMetaType>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

#include <cstdint>

namespace mw::feeds {

enum class FeedPollErrorKind : uint8_t {
    None,
    InvalidUrl,        ///< not an http(s) URL
    HostNotFound,
    ConnectionRefused, ///< nothing listens there (the demo server is not running?)
    Timeout,
    HttpStatus,        ///< 4xx and other non-2xx answers: the request is wrong
    Authentication,    ///< 401 or 403: credentials missing or refused
    Credentials,       ///< a secret or TLS file of the feed's auth did not load: nothing was sent
    ServerError,       ///< 5xx, 429: may heal
    ContentType,       ///< HTML or another non-feed type (a login page, a wrong path)
    BodyTooLarge,
    Network,           ///< reset, closed early, other transport failures
};

/// Stable lower-case name ("connection-refused").
const char *feedPollErrorKindName(FeedPollErrorKind kind);

struct FeedPollError
{
    FeedPollErrorKind kind = FeedPollErrorKind::None;
    QString message;
    int httpStatus = 0;

    bool ok() const { return kind == FeedPollErrorKind::None; }
    /// Connection refused, host not found, timeout, transport errors, 5xx, 429.
    bool retryable() const;

    /// A failure before any HTTP status arrived.
    static FeedPollError transport(QNetworkReply::NetworkError error, const QString &qtText, const QUrl &url);
    /// The checks of a complete response: status and Content-Type. None when
    /// fine. `sentCredentials`: the request carried Authorization or auth
    /// headers (a 401 then means they were refused).
    static FeedPollError response(int status, const QByteArray &reason, const QByteArray &contentType,
                                  const QByteArray &body, const QUrl &url, bool sentCredentials = false);
};

} // namespace mw::feeds

Q_DECLARE_METATYPE(mw::feeds::FeedPollError)
