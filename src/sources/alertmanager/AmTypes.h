#pragma once

#include "prometheus/PromConnection.h"
#include "prometheus/PromTypes.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mw {

/// Alertmanager is reached like Prometheus: base URL (with a path prefix for
/// --web.route-prefix), basic auth or bearer token as secret references,
/// extra headers, TLS. One connection type serves both clients.
using AlertmanagerConnection = PrometheusConnection;

/// One silence matcher (openapi.yaml `matcher`): `name="value"`, `name=~"re"`,
/// `name!="value"`, `name!~"re"`.
struct AmMatcher
{
    std::string name;
    std::string value;
    bool isRegex = false;
    bool isEqual = true;
    friend bool operator==(const AmMatcher &, const AmMatcher &) = default;
};

/// One alert as GET /api/v2/alerts returns it (gettableAlert). Times are
/// milliseconds since the epoch (0 when absent); `state` is unprocessed,
/// active or suppressed.
struct AmAlert
{
    PromLabels labels;      ///< sorted by name
    PromLabels annotations; ///< sorted by name
    int64_t startsAtMs = 0;
    int64_t endsAtMs = 0;
    int64_t updatedAtMs = 0;
    std::string fingerprint;
    std::string generatorUrl;
    std::vector<std::string> receivers;
    std::string state;
    std::vector<std::string> silencedBy;
    std::vector<std::string> inhibitedBy;
    std::vector<std::string> mutedBy; ///< newer Alertmanagers only; empty otherwise
};

/// One silence as GET /api/v2/silences returns it (gettableSilence);
/// `state` is expired, active or pending.
struct AmSilence
{
    std::string id;
    std::vector<AmMatcher> matchers;
    int64_t startsAtMs = 0;
    int64_t endsAtMs = 0;
    int64_t updatedAtMs = 0;
    std::string createdBy;
    std::string comment;
    std::string state;
};

/// What POST /api/v2/silences takes (postableSilence). A non-empty `id`
/// updates that silence instead of creating one.
struct AmSilenceSpec
{
    std::string id;
    std::vector<AmMatcher> matchers; ///< at least one
    int64_t startsAtMs = 0;
    int64_t endsAtMs = 0;           ///< after startsAtMs
    std::string createdBy;          ///< required by Alertmanager
    std::string comment;            ///< required by Alertmanager
};

/// What POST /api/v2/alerts takes (postableAlert); an alert whose endsAt is
/// in the past is resolved. Unset times are left to Alertmanager (now, and
/// now + resolve_timeout).
struct AmPostableAlert
{
    PromLabels labels; ///< at least one
    PromLabels annotations;
    std::optional<int64_t> startsAtMs;
    std::optional<int64_t> endsAtMs;
    std::string generatorUrl;
};

/// The query parameters of GET /api/v2/alerts. Unset booleans keep
/// Alertmanager's default (true: include them).
struct AmAlertQuery
{
    QStringList filter; ///< matchers such as `alertname="HighLatency"`
    std::optional<bool> active;
    std::optional<bool> silenced;
    std::optional<bool> inhibited;
    std::optional<bool> unprocessed;
    QString receiver; ///< a regular expression; empty: every receiver
};

/// Per-request behaviour.
struct AmRequestOptions
{
    std::chrono::milliseconds timeout{30'000}; ///< each HTTP attempt
    std::optional<int> maxRetries;             ///< overrides the client's retry policy
};

/// Everything one request produced: a plain value, safe to copy across
/// threads. Errors use the Prometheus client's kinds, so one piece of UI
/// code explains both ("connection-refused", "not-found", "api", ...).
struct AmResponse
{
    PromError error;
    std::vector<AmAlert> alerts;     ///< GET /api/v2/alerts
    std::vector<AmSilence> silences; ///< GET /api/v2/silences
    std::string silenceId;           ///< POST /api/v2/silences
    QString text;                    ///< GET /-/healthy, /-/ready: the server's sentence
    QStringList decodeWarnings;      ///< what the client skipped
    int attempts = 0;                ///< HTTP attempts made (1 + retries)

    bool ok() const { return error.kind == PromErrorKind::None; }
};

/// A matcher that selects exactly `name="value"`.
AmMatcher exactMatcher(std::string name, std::string value);

/// RFC 3339 in UTC with milliseconds ("2026-12-01T08:00:00.123Z").
std::string formatRfc3339(int64_t ms);
/// RFC 3339 with any fraction (Go writes nanoseconds) and any offset;
/// nullopt when it is not one.
std::optional<int64_t> parseRfc3339(std::string_view text);

} // namespace mw

Q_DECLARE_METATYPE(mw::AmResponse)
