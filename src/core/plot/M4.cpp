#include "plot/M4.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace mw {
namespace {

__extension__ typedef __int128 Int128;

/// First time offset (from t0) that belongs to column c: ceil(c * span / width).
int64_t columnStartOffset(int64_t c, int64_t span, int width)
{
    const Int128 num = static_cast<Int128>(c) * span;
    const Int128 q = num / width;
    return static_cast<int64_t>(q * width == num ? q : q + 1);
}

void push(std::vector<Point> &out, const Point &p)
{
    if (std::isnan(p.v) && !out.empty() && std::isnan(out.back().v))
        return; // one NaN is enough to break the line
    out.push_back(p);
}

} // namespace

int m4Column(int64_t t, int64_t t0, int64_t t1, int width)
{
    const int64_t span = t1 - t0;
    if (span <= 0 || width <= 1)
        return 0;
    const Int128 col = static_cast<Int128>(t - t0) * width / span;
    return static_cast<int>(std::min<Int128>(col, width - 1));
}

void m4Reduce(std::span<const Point> points, int64_t t0, int64_t t1, int width, std::vector<Point> &out)
{
    out.clear();
    if (width <= 0 || t1 < t0)
        return;
    const auto byTime = [](const Point &p, int64_t t) { return p.t < t; };
    const std::size_t begin = static_cast<std::size_t>(
        std::lower_bound(points.begin(), points.end(), t0, byTime) - points.begin());
    const std::size_t end = static_cast<std::size_t>(
        std::upper_bound(points.begin() + static_cast<std::ptrdiff_t>(begin), points.end(), t1,
                         [](int64_t t, const Point &p) { return t < p.t; })
        - points.begin());

    if (begin > 0)
        push(out, points[begin - 1]);

    const int64_t span = t1 - t0;
    // Column starts in plain int64 arithmetic when c * span cannot overflow.
    const bool narrow = span <= std::numeric_limits<int64_t>::max() / width;
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::size_t i = begin;
    for (int c = 0; c < width && i < end; ++c) {
        // Points of column c: those before the start of column c + 1.
        int64_t next = std::numeric_limits<int64_t>::max();
        if (c + 1 < width && span > 0) {
            const int64_t num = static_cast<int64_t>(c + 1) * span; // only used when narrow
            next = t0 + (narrow ? num / width + (num % width != 0 ? 1 : 0) : columnStartOffset(c + 1, span, width));
            if (points[i].t >= next) {
                // Empty column: jump to the column of the next point.
                c = m4Column(points[i].t, t0, t1, width) - 1;
                continue;
            }
        }

        std::size_t firstF = kNone, lastF = kNone, minI = kNone, maxI = kNone;
        std::size_t firstNaN = kNone, lastNaN = kNone;
        double minV = 0, maxV = 0;
        std::size_t k = i;
        for (; k < end && points[k].t < next; ++k) {
            const double v = points[k].v;
            if (std::isnan(v)) [[unlikely]] {
                if (firstNaN == kNone)
                    firstNaN = k;
                lastNaN = k;
                continue;
            }
            if (firstF == kNone) [[unlikely]] {
                firstF = minI = maxI = k;
                minV = maxV = v;
            } else {
                if (v < minV) {
                    minV = v;
                    minI = k;
                }
                if (v > maxV) {
                    maxV = v;
                    maxI = k;
                }
            }
            lastF = k;
        }

        // Emit the selected indices in order, each once (insertion sort of 6).
        std::array<std::size_t, 6> sel{firstF, minI, maxI, lastF, firstNaN, lastNaN};
        for (std::size_t a = 1; a < sel.size(); ++a) {
            const std::size_t x = sel[a];
            std::size_t b = a;
            while (b > 0 && sel[b - 1] > x) {
                sel[b] = sel[b - 1];
                --b;
            }
            sel[b] = x;
        }
        std::size_t prev = kNone;
        for (const std::size_t idx : sel) {
            if (idx == kNone)
                break;
            if (idx == prev)
                continue;
            push(out, points[idx]);
            prev = idx;
        }
        i = k;
    }

    if (end < points.size())
        push(out, points[end]);
}

} // namespace mw
