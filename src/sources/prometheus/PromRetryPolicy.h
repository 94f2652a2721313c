#pragma once

#include "PromTypes.h"

#include <chrono>
#include <functional>

namespace mw {

/// Retries with exponential backoff and full jitter (AWS "Exponential Backoff
/// and Jitter"): before retry n (1-based) wait uniform[0, min(maxDelay,
/// baseDelay * 2^(n-1))]. Only failures that may heal by themselves are
/// retried: a name that does not resolve, connection refused or reset, timeout,
/// a truncated body, HTTP 5xx (an API envelope only with 502/503/504). Never
/// 401/403/404 or other 4xx, TLS, bad_data/execution, a wrong content type,
/// non-JSON or an oversized body: the same request would fail the same way.
struct PromRetryPolicy
{
    int maxRetries = 2;                          ///< retries after the first attempt (0: none)
    std::chrono::milliseconds baseDelay{250};
    std::chrono::milliseconds maxDelay{10'000};
    /// Uniform in [0, 1]; empty: QRandomGenerator::global(). Tests inject a fixed one.
    std::function<double()> random;

    /// The wait before retry `retry` (1-based).
    std::chrono::milliseconds delayBefore(int retry) const;
    static bool isRetryable(const PromError &error);
};

} // namespace mw
