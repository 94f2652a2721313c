#pragma once

#include "store/Point.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mw {

/// Why a Prometheus API request failed. `None` means success.
enum class PromErrorKind : uint8_t {
    None,
    InvalidRequest,    ///< bad base URL, empty label name, end before start, ...
    Configuration,     ///< a secret that does not resolve, an unreadable CA/cert/key file
    HostNotFound,      ///< DNS said no
    ConnectionRefused, ///< nothing listens on that port
    Tls,               ///< TLS handshake or certificate problem (Qt's text included)
    Authentication,    ///< HTTP 401 or 403
    NotFound,          ///< HTTP 404 without a Prometheus error envelope: wrong URL
    HttpStatus,        ///< any other non-2xx status without an envelope (4xx, 1xx, 3xx)
    ServerError,       ///< HTTP 5xx without a Prometheus error envelope
    Timeout,           ///< no complete response within the request timeout
    TruncatedBody,     ///< connection closed before the announced body arrived
    NotJson,           ///< the body does not parse as JSON
    ContentType,       ///< a Content-Type other than JSON (an HTML login page, ...)
    BodyTooLarge,      ///< response above the size cap
    BadResponse,       ///< valid JSON of the wrong shape (the message names the JSON path)
    Api,               ///< Prometheus answered with status "error": errorType and error verbatim
    Canceled,          ///< cancel(), a superseding request, or the client went away
    Network,           ///< any other transport failure (the message says which)
};

/// Stable lower-case name of an error kind ("connection-refused").
const char *promErrorKindName(PromErrorKind kind);

struct PromError
{
    PromErrorKind kind = PromErrorKind::None;
    QString message;   ///< one specific sentence for the user
    QString errorType; ///< Prometheus' errorType ("bad_data") for kind Api
    int httpStatus = 0;
};

using PromLabels = std::vector<std::pair<std::string, std::string>>; ///< sorted by name

/// One series of a vector (one point) or matrix (many points) result.
struct PromSeries
{
    PromLabels labels;
    std::vector<Point> points;
    friend bool operator==(const PromSeries &, const PromSeries &) = default;
};

enum class PromResultType : uint8_t { Vector, Matrix, Scalar, String };

/// data of /api/v1/query and /api/v1/query_range.
struct PromQueryData
{
    PromResultType type = PromResultType::Vector;
    std::vector<PromSeries> series; ///< Vector and Matrix
    Point scalar;                   ///< Scalar
    int64_t stringTime = 0;         ///< String: its timestamp in ms
    std::string string;             ///< String
};

struct PromMetricMetadata
{
    std::string type;
    std::string help;
    std::string unit;
};
/// data of /api/v1/metadata, metric names sorted.
using PromMetadata = std::vector<std::pair<std::string, std::vector<PromMetricMetadata>>>;

struct PromAlert
{
    PromLabels labels;
    PromLabels annotations;
    std::string state;    ///< "pending", "firing" (or "inactive" in rules)
    std::string activeAt; ///< RFC 3339 as sent, empty when absent
    double value = 0.0;
};

struct PromRule
{
    enum class Type : uint8_t { Alerting, Recording };
    Type type = Type::Recording;
    std::string name;
    std::string query;
    std::string health;
    std::string lastError;
    std::string state;           ///< alerting rules: inactive, pending, firing
    double durationSeconds = 0;  ///< alerting rules' `for`
    PromLabels labels;
    PromLabels annotations;
    std::vector<PromAlert> alerts;
};

struct PromRuleGroup
{
    std::string name;
    std::string file;
    double intervalSeconds = 0;
    std::vector<PromRule> rules;
};

/// The decoded `data` of one endpoint.
using PromData = std::variant<std::monostate,            ///< nothing (errors)
                              PromQueryData,             ///< query, query_range
                              std::vector<PromLabels>,   ///< series
                              std::vector<std::string>,  ///< labels, label values
                              PromMetadata,              ///< metadata
                              std::vector<PromAlert>,    ///< alerts
                              std::vector<PromRuleGroup>, ///< rules
                              QString>;                  ///< /-/healthy: the server's sentence

/// Everything one request produced. A plain value: safe to copy across threads.
struct PromResponse
{
    PromError error;
    PromData data;
    QStringList warnings;       ///< the server's `warnings`, verbatim
    QStringList infos;          ///< the server's `infos`, verbatim
    QStringList decodeWarnings; ///< what the client skipped (native histograms, ...)
    int attempts = 0;           ///< HTTP attempts made (1 + retries)

    bool ok() const { return error.kind == PromErrorKind::None; }
    template <typename T> const T *get() const { return std::get_if<T>(&data); }
};

} // namespace mw

Q_DECLARE_METATYPE(mw::PromResponse)
