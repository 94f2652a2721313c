#pragma once

// The scraper's words and header values, as pure functions over bytes:
// durations and host:port in messages, the scrape-timeout header, the
// encodings it accepts, and the sentence for a status other than 200.

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>

namespace mw::scrapetext {

/// "10 s", "250 ms".
QString durationText(std::chrono::milliseconds d);
/// Seconds as Prometheus writes them (strconv.FormatFloat(s, 'f', -1, 64)):
/// "10", "0.3", "2.5".
QByteArray timeoutSecondsHeader(std::chrono::milliseconds timeout);
/// "host:port", the port defaulted by scheme, an IPv6 host in brackets.
QString hostPort(const QUrl &url);
bool isGzipEncoding(const QByteArray &encoding);
bool isIdentityEncoding(const QByteArray &encoding);
/// The first ~200 characters of an error body when it is text, on one line.
QString textSnippet(const QByteArray &contentType, const QByteArray &body);

/// A response whose status is not 200, as the scraper reports it:
/// "HTTP 503 Service Unavailable: <snippet of the (inflated) body>"; 401 and
/// 403 say it is an authentication problem, and whether the credentials
/// sent (`sentCredentials`) were refused or none were sent.
struct HttpStatusFacts
{
    int status = 0;
    QByteArray reason;
    QByteArray contentType;
    QByteArray contentEncoding;
    QByteArray body; ///< its beginning, as received (maybe gzip)
    bool sentCredentials = false;
};
QString httpStatusMessage(const HttpStatusFacts &facts);

} // namespace mw::scrapetext
