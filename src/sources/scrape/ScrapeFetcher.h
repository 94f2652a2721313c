#pragma once

#include "ScrapeResult.h"

#include "http/HttpCredentialsCache.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <optional>
#include <cstdint>
#include <memory>

class QNetworkAccessManager;

namespace mw {

/// How one scrape behaves. Defaults follow Prometheus 3's scrape config.
struct ScrapeOptions
{
    std::chrono::milliseconds timeout{10'000}; ///< whole request, redirects included
    qint64 maxBodyBytes = qint64{64} << 20;    ///< wire bytes and decompressed bytes
    int maxRedirects = 10;                     ///< Go's http.Client default, as Prometheus
    QByteArray userAgent;                      ///< empty: "ModelWatch/<version>"
    /// Parser for a blank or unknown Content-Type, like Prometheus 3's
    /// fallback_scrape_protocol; without it such scrapes fail.
    std::optional<expo::Format> fallbackFormat;
};

/// Fetches /metrics endpoints the way Prometheus 3 does: its Accept header,
/// `Accept-Encoding: gzip` (inflated here with a cap, never by Qt),
/// `X-Prometheus-Scrape-Timeout-Seconds`, redirects followed, and a refusal of
/// blank or unknown Content-Types. Authenticates as the Prometheus client does
/// (setAuth(): basic auth or bearer token, extra headers, TLS files; secrets
/// resolved before the first scrape and kept); a secret that does not resolve
/// fails the scrape with ScrapeError::Credentials and sends nothing.
/// Asynchronous: the QNetworkAccessManager
/// lives on the thread that owns the fetcher; each scrape ends with exactly one
/// finished() signal carrying a value.
class ScrapeFetcher : public QObject
{
    Q_OBJECT
public:
    /// Prometheus 3's default Accept header (escaping=allow-utf-8).
    static const QByteArray &acceptHeader();
    /// "ModelWatch/<version>".
    static QByteArray defaultUserAgent();

    explicit ScrapeFetcher(QObject *parent = nullptr);
    /// Scrapes still in flight are dropped without a finished() signal.
    ~ScrapeFetcher() override;

    /// Takes effect for scrapes started afterwards; secrets resolve again.
    void setAuth(const HttpAuth &auth) { m_credentials.setAuth(auth); }
    const HttpAuth &auth() const { return m_credentials.auth(); }

    /// Starts a scrape and returns its id. finished() is always emitted later,
    /// from the event loop, never from inside this call.
    quint64 fetch(const QUrl &url, const ScrapeOptions &options = {});

    /// Aborts every scrape in flight; each still gets its finished() signal.
    void abortAll();

    /// Runs one scrape to the end in a local QEventLoop (for the CLI and
    /// scripts). Needs a QCoreApplication.
    static ScrapeResult fetchBlocking(const QUrl &url, const ScrapeOptions &options = {}, const HttpAuth &auth = {});

Q_SIGNALS:
    void finished(quint64 id, const mw::ScrapeResult &result);

private:
    struct Job;
    void start(const std::shared_ptr<Job> &job, const HttpCredentials &credentials);
    void onMetaData(const std::shared_ptr<Job> &job);
    void onReadyRead(const std::shared_ptr<Job> &job);
    void onFinished(const std::shared_ptr<Job> &job);
    void fail(const std::shared_ptr<Job> &job, ScrapeError error, const QString &message);
    void failHttpStatus(const std::shared_ptr<Job> &job);
    void complete(const std::shared_ptr<Job> &job);

    QNetworkAccessManager *m_nam;
    HttpCredentialsCache m_credentials;
    quint64 m_nextId = 1;
    std::vector<std::shared_ptr<Job>> m_jobs;
};

} // namespace mw
