#pragma once

#include "ParseResult.h"

#include <string>

namespace mw::expo::detail {

/// Collects the samples of one OpenMetrics MetricPoint of a histogram,
/// gauge histogram or summary and checks the specification's value rules:
/// buckets in ascending `le` order with non-decreasing integer counts, a +Inf
/// bucket, a Count equal to it (present exactly when Sum is), no negative
/// buckets beside a Sum, quantiles in [0, 1] with non-negative values, and
/// non-negative integer counts.
class MetricPointChecker
{
public:
    void begin(MetricType type, bool hasTimestamp, int64_t timestampMs, const char *at);
    bool active() const { return m_active; }
    bool sameTimestamp(bool hasTimestamp, int64_t timestampMs) const
    {
        return m_hasTimestamp == hasTimestamp && (!hasTimestamp || m_timestampMs == timestampMs);
    }

    // Each returns false and sets error() when the sample breaks a rule.
    bool addBucket(double le, double count);
    bool addCount(double count);
    bool addSum(double sum);
    bool addQuantile(double quantile, double value);
    /// Ends the point; false with error() when the point as a whole is invalid.
    bool finish();

    const std::string &error() const { return m_error; }
    const char *startedAt() const { return m_at; }

private:
    bool failWith(std::string message);

    MetricType m_type = MetricType::Untyped;
    bool m_active = false;
    bool m_hasTimestamp = false;
    int64_t m_timestampMs = 0;
    const char *m_at = nullptr;
    int m_buckets = 0;
    double m_lastLe = 0.0;
    double m_lastCount = 0.0;
    bool m_hasInf = false;
    bool m_negativeBucket = false;
    bool m_hasCount = false;
    bool m_hasSum = false;
    double m_count = 0.0;
    std::string m_error;
};

} // namespace mw::expo::detail
