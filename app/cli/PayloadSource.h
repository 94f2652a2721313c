#pragma once

#include "exposition/ParseResult.h"
#include "http/HttpAuth.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace mw::cli {

/// A parsed payload and the bytes its views point into.
struct LoadedPayload
{
    QString shownName; ///< the path, `<stdin>`, or the URL as given
    QByteArray raw;    ///< the bytes read or scraped
    std::string inflated; ///< the payload when `raw` was a gzip file
    expo::ParseResult result;
};

/// Where a command reads a payload from and how.
struct PayloadRequest
{
    QString command; ///< "detect": messages start "modelwatch-cli detect: "
    QString target;  ///< a FILE, `-` for standard input, or an http(s):// URL
    /// For URLs: the parser for a blank or unknown Content-Type (else refused).
    std::optional<expo::Format> fallbackFormat;
    /// For URLs: the time limit of the whole request and the size limit of the
    /// body (wire and decompressed); ScrapeOptions' defaults when empty.
    std::optional<std::chrono::milliseconds> timeout;
    std::optional<qint64> maxBodyBytes;
    /// For URLs: credentials and TLS material (none by default).
    HttpAuth auth;
};

/// Whether `target` names a URL (http:// or https://, any case) rather than a file.
bool isUrlTarget(const QString &target);

/// `target` as a URL when it is a valid http:// or https:// URL with a host.
std::optional<QUrl> httpUrl(const QString &target);

/// The parser a --fallback-format NAME asks for (`prometheus` or
/// `openmetrics`); false with `error` set for any other name.
bool parseFallbackFormat(const QString &name, std::optional<expo::Format> &format, QString &error);

/// Reads and parses the payload `request` names: a file (gzip inflated, the
/// format guessed from the content, as `parse` does) or a URL (scraped with
/// ScrapeFetcher as `scrape` does, the format from its Content-Type). On
/// failure prints one line to stderr in the conventions of `parse` and
/// `scrape` and returns nullptr with `exitCode` set: 1 for an invalid payload
/// or a failed target, 2 for usage (a malformed URL) or I/O errors.
std::unique_ptr<LoadedPayload> loadPayload(const PayloadRequest &request, int &exitCode);

} // namespace mw::cli
