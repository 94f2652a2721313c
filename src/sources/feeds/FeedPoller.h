#pragma once

// Polls a labeled-prediction feed endpoint (the demo server's
// GET /v1/feed?since=SEQ&limit=N, NDJSON with a `seq` per line) and hands
// each page, parsed by the core FeedParser, as a value on the owning thread.
//  - The cursor is the largest `seq` seen; a page without seq fields moves it
//    by its line count (an offset-style feed). A full page (limit lines) is
//    followed at once by the next; a shorter one means caught up.
//  - Requests authenticate as the Prometheus client's do (`auth`: basic auth or
//    a bearer token, extra headers, TLS files), the secrets resolved before
//    the first request and kept; one that does not resolve is a Credentials
//    failure and nothing is sent.
//  - Failures are specific (FeedPollError) and retried with PromRetryPolicy's
//    exponential backoff with jitter while retryable; a non-retryable one
//    (4xx, a wrong Content-Type) stops the poller.
//  - start(): poll every `interval` until stop(). drain(): poll until caught up
//    (caughtUp()) or until `backoff.maxRetries` retries failed (failed(.., true)).

#include "FeedLineBuffer.h"
#include "FeedPollError.h"

#include "http/HttpCredentialsCache.h"
#include "prometheus/PromRetryPolicy.h"
#include "quality/FeedRecord.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

class QNetworkAccessManager;
class QNetworkReply;

namespace mw::feeds {

struct FeedPollOptions
{
    QUrl url;               ///< the endpoint, e.g. http://127.0.0.1:8501/v1/feed
    uint64_t since = 0;     ///< the first cursor
    int limit = 1000;       ///< lines per page (limit=N); 0: the server's default, no limit sent
    std::chrono::milliseconds interval{1000};
    std::chrono::milliseconds timeout{10'000};
    qint64 maxBodyBytes = qint64{16} << 20;
    PromRetryPolicy backoff;
    quality::FeedFormat format = quality::FeedFormat::Auto;
    quality::FeedOptions parse;
    HttpAuth auth;          ///< credentials and TLS material (none by default)
};

class FeedPoller : public QObject
{
    Q_OBJECT

public:
    explicit FeedPoller(FeedPollOptions options, QObject *parent = nullptr);
    ~FeedPoller() override;

    void start();
    void drain();
    void stop();
    bool isActive() const { return m_mode != Mode::Stopped; }

    uint64_t cursor() const { return m_cursor; }
    int consecutiveFailures() const { return m_failures; }
    uint64_t pages() const { return m_pages; }
    const FeedPollOptions &options() const { return m_options; }

    /// base?since=SEQ[&limit=N], other query items of `base` kept.
    static QUrl pageUrl(const QUrl &base, uint64_t since, int limit);
    /// The largest "seq" integer of the body's lines; nullopt when none has one.
    static std::optional<uint64_t> lastSeq(std::string_view body);

Q_SIGNALS:
    void batchReady(const mw::quality::FeedBatch &batch);
    void caughtUp();
    /// `givingUp`: the poller stopped (not retryable, or drain()'s retries spent).
    void failed(const mw::feeds::FeedPollError &error, bool givingUp);

private:
    enum class Mode : uint8_t { Stopped, Continuous, Drain };

    void request();
    void send(const HttpCredentials &credentials);
    void onFinished();
    void succeed(const QByteArray &body);
    void fail(const FeedPollError &error);
    void schedule(std::chrono::milliseconds delay);

    FeedPollOptions m_options;
    QNetworkAccessManager *m_nam;
    HttpCredentialsCache m_credentials;
    bool m_resolving = false;         ///< a request waits for its credentials
    bool m_sentCredentials = false;   ///< the request in flight carries them
    QNetworkReply *m_reply = nullptr; ///< in flight; deleted (later) when finished
    QByteArray m_body;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    QTimer m_next;
    QTimer m_timeout;
    Mode m_mode = Mode::Stopped;
    uint64_t m_cursor = 0;
    uint64_t m_pages = 0;
    int m_failures = 0;
};

} // namespace mw::feeds
