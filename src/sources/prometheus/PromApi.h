#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>

namespace mw {

/// Pure helpers for building Prometheus API requests.
class PromApi
{
public:
    /// Prometheus refuses a range query with more points per series than this
    /// ("exceeded maximum resolution of 11,000 points per timeseries").
    static constexpr int64_t kMaxPointsPerSeries = 11'000;

    enum class StepRounding : uint8_t {
        WholeMs, ///< the smallest whole-millisecond step that fits
        Nice,    ///< rounded up to 1/2/5 ms..s, 10/15/30 s, 1/2/5/10/15/30 min, 1/2/3/6/12 h, whole days
    };

    /// The step (ms, >= 1) for a range query over [startMs, endMs] with at most
    /// `points` points per series, never more than 11,000:
    /// step >= ceil(range / min(points, 11000)). points < 1 counts as 1; an empty
    /// or inverted range gives 1 ms.
    static int64_t deriveStepMs(int64_t startMs, int64_t endMs, int64_t points,
                                StepRounding rounding = StepRounding::WholeMs);
    /// Points per series Prometheus will return: floor(range / step) + 1.
    static int64_t pointCount(int64_t startMs, int64_t endMs, int64_t stepMs);

    /// Unix seconds with millisecond precision as an exact decimal: "1435781451.781", "-0.5", "12".
    static QByteArray formatTime(int64_t ms);
    /// A duration parameter that Prometheus parses without float rounding:
    /// "15" (whole seconds) or "1500ms".
    static QByteArray formatDuration(int64_t ms);

    /// Prometheus' `U__` value-encoding escape (model.EscapeName with
    /// ValueEncodingEscaping) for a label name in a URL path: legacy names stay
    /// as they are; anything else, and names that already start with "U__",
    /// becomes "U__" + the name with "_" doubled and other characters as
    /// "_<hex code point>_" ("http.status" -> "U__http_2e_status").
    static QByteArray escapeLabelName(const QString &name);

    /// application/x-www-form-urlencoded with every reserved byte
    /// percent-encoded ('+' as %2B, ' ' as %20): safe in a body and in a URL query.
    static QByteArray formEncode(const QList<QPair<QByteArray, QString>> &params);
};

} // namespace mw
