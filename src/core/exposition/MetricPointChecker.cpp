#include "MetricPointChecker.h"

#include <cmath>

namespace mw::expo::detail {

namespace {

bool isCount(double v)
{
    return std::isfinite(v) && v >= 0.0 && std::floor(v) == v;
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

} // namespace

void MetricPointChecker::begin(MetricType type, bool hasTimestamp, int64_t timestampMs, const char *at)
{
    *this = MetricPointChecker{};
    m_type = type;
    m_active = true;
    m_hasTimestamp = hasTimestamp;
    m_timestampMs = timestampMs;
    m_at = at;
}

bool MetricPointChecker::failWith(std::string message)
{
    m_error = std::move(message);
    return false;
}

bool MetricPointChecker::addBucket(double le, double count)
{
    if (std::isnan(le))
        return failWith("bucket bound le must not be NaN");
    if (!isCount(count))
        return failWith("bucket count must be a non-negative integer, got " + number(count));
    if (m_buckets > 0) {
        if (!(le > m_lastLe))
            return failWith("buckets must be in ascending le order (" + number(le) + " after " + number(m_lastLe)
                            + ")");
        if (count < m_lastCount)
            return failWith("bucket counts must not decrease (" + number(count) + " after " + number(m_lastCount)
                            + ")");
    }
    ++m_buckets;
    m_lastLe = le;
    m_lastCount = count;
    if (le < 0)
        m_negativeBucket = true;
    if (std::isinf(le) && le > 0)
        m_hasInf = true;
    return true;
}

bool MetricPointChecker::addCount(double count)
{
    if (m_hasCount)
        return failWith("count given twice in one metric point");
    if (!isCount(count))
        return failWith("count must be a non-negative integer, got " + number(count));
    m_hasCount = true;
    m_count = count;
    return true;
}

bool MetricPointChecker::addSum(double sum)
{
    if (m_hasSum)
        return failWith("sum given twice in one metric point");
    (void)sum; // any float, NaN included
    m_hasSum = true;
    return true;
}

bool MetricPointChecker::addQuantile(double quantile, double value)
{
    if (!(quantile >= 0.0 && quantile <= 1.0))
        return failWith("quantile must be between 0 and 1, got " + number(quantile));
    if (value < 0.0)
        return failWith("quantile values must not be negative, got " + number(value));
    return true;
}

bool MetricPointChecker::finish()
{
    m_active = false;
    if (m_type == MetricType::Summary)
        return true;
    if (m_buckets == 0)
        return failWith("histogram metric point has no buckets");
    if (!m_hasInf)
        return failWith("histogram metric point has no +Inf bucket");
    if (m_hasSum && !m_hasCount)
        return failWith("histogram has a sum but no count");
    if (m_hasCount && m_count != m_lastCount)
        return failWith("histogram count " + number(m_count) + " differs from its +Inf bucket "
                        + number(m_lastCount));
    if (m_negativeBucket && m_hasSum)
        return failWith("histogram with negative bucket bounds must not have a sum");
    return true;
}

} // namespace mw::expo::detail
