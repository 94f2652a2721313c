#pragma once

#include "exposition/ParseResult.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <chrono>
#include <cstdint>
#include <optional>

namespace mw {

/// Why a scrape failed. `None` means the target answered 200 with a body of a
/// content type we can parse.
enum class ScrapeError : uint8_t {
    None,
    InvalidUrl,             ///< not an absolute http/https URL
    HostNotFound,           ///< DNS said no
    ConnectionRefused,      ///< nothing listens on that port
    Tls,                    ///< TLS handshake or certificate problem (Qt's text included)
    Timeout,                ///< no complete response within the scrape timeout
    TooManyRedirects,       ///< redirect chain longer than ScrapeOptions::maxRedirects
    HttpStatus,             ///< any status other than 200 except 401/403
    Authentication,         ///< 401 or 403
    Credentials,            ///< a secret or TLS file of the target's auth did not load: nothing was sent
    UnsupportedContentType, ///< blank or unknown Content-Type (Prometheus 3 refuses these)
    BodyTooLarge,           ///< announced, downloaded or decompressed size above the limit
    TruncatedBody,          ///< fewer bytes than Content-Length, or connection closed early
    BadGzip,                ///< Content-Encoding: gzip but the body does not inflate
    Network,                ///< any other transport failure (message says which)
};

/// Stable lower-case name of an error kind ("host-not-found"), for logs and JSON.
const char *scrapeErrorName(ScrapeError error);

/// Everything one scrape produced. A plain value: safe to copy across threads.
struct ScrapeResult
{
    QUrl url;                        ///< the URL that was asked for
    QUrl finalUrl;                   ///< after redirects
    int httpStatus = 0;              ///< 0 when no HTTP response arrived
    QByteArray httpReason;           ///< "Service Unavailable"
    QByteArray contentType;          ///< raw response header
    QByteArray contentEncoding;      ///< raw response header ("gzip" or empty)
    std::optional<expo::Format> format; ///< parser chosen from contentType (set on success)
    QByteArray body;                 ///< decompressed body (set on success)
    qint64 wireBytes = 0;            ///< body bytes received on the wire (before gunzip)
    std::chrono::milliseconds duration{0};
    ScrapeError error = ScrapeError::None;
    QString errorMessage;            ///< one specific sentence, empty on success

    bool ok() const { return error == ScrapeError::None; }
};

} // namespace mw

Q_DECLARE_METATYPE(mw::ScrapeResult)
