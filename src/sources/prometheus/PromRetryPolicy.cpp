#include "PromRetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace mw {

std::chrono::milliseconds PromRetryPolicy::delayBefore(int retry) const
{
    const int exponent = std::clamp(retry - 1, 0, 30);
    const double base = static_cast<double>(std::max<int64_t>(0, baseDelay.count()));
    const double cap = std::min(static_cast<double>(std::max<int64_t>(0, maxDelay.count())),
                                base * std::ldexp(1.0, exponent));
    const double r = std::clamp(random ? random() : QRandomGenerator::global()->generateDouble(), 0.0, 1.0);
    return std::chrono::milliseconds(std::llround(r * cap));
}

bool PromRetryPolicy::isRetryable(const PromError &error)
{
    switch (error.kind) {
    case PromErrorKind::HostNotFound: // Qt reports a failing resolver the same way
    case PromErrorKind::ConnectionRefused:
    case PromErrorKind::Timeout:
    case PromErrorKind::TruncatedBody:
    case PromErrorKind::Network: // reset, closed early, temporary failures
    case PromErrorKind::ServerError: // 5xx without an envelope: a proxy, a restarting server
        return true;
    case PromErrorKind::Api: // Prometheus' errorType timeout (503) or a gateway in front of it
        return error.httpStatus == 502 || error.httpStatus == 503 || error.httpStatus == 504;
    default:
        return false;
    }
}

} // namespace mw
