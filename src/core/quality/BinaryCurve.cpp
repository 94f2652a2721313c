#include "quality/BinaryCurve.h"

#include "quality/ScoreSort.h"

#include <algorithm>
#include <cmath>

namespace mw::quality {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Sorts by bound and merges equal bounds (summing), as Prometheus does for
/// `le="1"` next to `le="1.0"`. False on a NaN bound or a bad count.
bool normalise(std::span<const Bucket> in, std::vector<Bucket> &out, std::string &error)
{
    out.assign(in.begin(), in.end());
    for (const Bucket &b : out) {
        if (std::isnan(b.upperBound)) {
            error = "bucket bound is NaN";
            return false;
        }
        if (!std::isfinite(b.count) || b.count < 0.0) {
            error = "bucket count is negative, NaN or infinite";
            return false;
        }
    }
    std::sort(out.begin(), out.end(), [](const Bucket &a, const Bucket &b) { return a.upperBound < b.upperBound; });
    std::size_t w = 0;
    for (std::size_t r = 0; r < out.size(); ++r) {
        if (w > 0 && out[w - 1].upperBound == out[r].upperBound)
            out[w - 1].count += out[r].count;
        else
            out[w++] = out[r];
    }
    out.resize(w);
    if (out.empty() || out.back().upperBound != kInf) {
        error = "histogram has no +Inf bucket";
        return false;
    }
    return true;
}

bool fixMonotonicity(std::vector<Bucket> &b)
{
    bool forced = false;
    for (std::size_t i = 1; i < b.size(); ++i) {
        if (b[i].count < b[i - 1].count) {
            b[i].count = b[i - 1].count;
            forced = true;
        }
    }
    return forced;
}

} // namespace

BinaryCurve BinaryCurve::fromScores(std::span<const double> positiveScores, std::span<const double> negativeScores)
{
    BinaryCurve c;
    std::vector<uint64_t> pos, neg, scratch;
    c.m_nan = sortedDescendingKeys(positiveScores, pos, scratch);
    c.m_nan += sortedDescendingKeys(negativeScores, neg, scratch);
    c.m_positives = static_cast<double>(pos.size());
    c.m_negatives = static_cast<double>(neg.size());
    c.m_points.reserve(std::max(pos.size(), neg.size()));
    // Merge walk over both sorted key lists: each distinct key is one point.
    std::size_t i = 0, j = 0;
    while (i < pos.size() || j < neg.size()) {
        const uint64_t key = j == neg.size() || (i < pos.size() && pos[i] <= neg[j]) ? pos[i] : neg[j];
        while (i < pos.size() && pos[i] == key)
            ++i;
        while (j < neg.size() && neg[j] == key)
            ++j;
        c.m_points.push_back({scoreOfKey(key), static_cast<double>(i), static_cast<double>(j)});
    }
    return c;
}

BucketCurveResult BinaryCurve::fromBuckets(std::span<const Bucket> positives, std::span<const Bucket> negatives)
{
    BucketCurveResult r;
    std::vector<Bucket> pos, neg;
    if (!normalise(positives, pos, r.error) || !normalise(negatives, neg, r.error))
        return r;
    if (pos.size() != neg.size()
        || !std::equal(pos.begin(), pos.end(), neg.begin(),
                       [](const Bucket &a, const Bucket &b) { return a.upperBound == b.upperBound; })) {
        r.error = "positive and negative histograms have different bucket bounds";
        return r;
    }
    r.forcedMonotonicity = fixMonotonicity(pos);
    r.forcedMonotonicity = fixMonotonicity(neg) || r.forcedMonotonicity;

    BinaryCurve c;
    c.m_positives = pos.back().count;
    c.m_negatives = neg.back().count;
    // Highest bucket first: predicted positive at bound b_i are the scores in
    // buckets i..last, i.e. total - cumulative(b_{i-1}).
    for (std::size_t i = pos.size(); i-- > 0;) {
        const double belowPos = i > 0 ? pos[i - 1].count : 0.0;
        const double belowNeg = i > 0 ? neg[i - 1].count : 0.0;
        if (pos[i].count == belowPos && neg[i].count == belowNeg)
            continue; // empty bucket: no score has this value, so no point
        c.m_points.push_back({pos[i].upperBound, c.m_positives - belowPos, c.m_negatives - belowNeg});
    }
    r.curve = std::move(c);
    return r;
}

double BinaryCurve::rocAuc() const
{
    if (!rocDefined())
        return kNaN;
    double area = 0.0, tpPrev = 0.0, fpPrev = 0.0;
    for (const CurvePoint &p : m_points) {
        area += (p.fp - fpPrev) * (p.tp + tpPrev);
        tpPrev = p.tp;
        fpPrev = p.fp;
    }
    return area / (2.0 * m_positives * m_negatives);
}

double BinaryCurve::averagePrecision() const
{
    if (!averagePrecisionDefined())
        return kNaN;
    double sum = 0.0, tpPrev = 0.0;
    for (const CurvePoint &p : m_points) {
        if (p.tp != tpPrev)
            sum += (p.tp - tpPrev) * (p.tp / (p.tp + p.fp));
        tpPrev = p.tp;
    }
    return sum / m_positives;
}

std::vector<RocPoint> BinaryCurve::rocCurve(bool dropIntermediate) const
{
    std::vector<RocPoint> out;
    out.reserve(m_points.size() + 1);
    const double n = m_negatives > 0.0 ? m_negatives : kNaN;
    const double p = m_positives > 0.0 ? m_positives : kNaN;
    out.push_back({m_negatives > 0.0 ? 0.0 : kNaN, m_positives > 0.0 ? 0.0 : kNaN, kInf});
    const std::size_t last = m_points.size() - (m_points.empty() ? 0 : 1);
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const CurvePoint &c = m_points[i];
        if (dropIntermediate && m_points.size() > 2 && i > 0 && i < last) {
            const CurvePoint &a = m_points[i - 1];
            const CurvePoint &b = m_points[i + 1];
            // sklearn: keep where np.diff(x, 2) != 0 for fps or tps.
            const bool bendFp = (b.fp - c.fp) - (c.fp - a.fp) != 0.0;
            const bool bendTp = (b.tp - c.tp) - (c.tp - a.tp) != 0.0;
            if (!bendFp && !bendTp)
                continue;
        }
        out.push_back({c.fp / n, c.tp / p, c.threshold});
    }
    return out;
}

std::vector<PrPoint> BinaryCurve::prCurve() const
{
    std::vector<PrPoint> out;
    out.reserve(m_points.size() + 1);
    for (std::size_t i = m_points.size(); i-- > 0;) {
        const CurvePoint &c = m_points[i];
        const double predicted = c.tp + c.fp;
        out.push_back({predicted != 0.0 ? c.tp / predicted : 0.0, m_positives > 0.0 ? c.tp / m_positives : 1.0,
                       c.threshold});
    }
    out.push_back({1.0, 0.0, kNaN});
    return out;
}

} // namespace mw::quality
