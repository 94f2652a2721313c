#pragma once

#include <cstdint>

namespace mw::alerting {

/// The alert engine's time source. Every duration (`for`, repeat intervals,
/// acknowledgement and snooze expiry, resolved retention) is measured on it, so
/// tests step a ManualClock instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Milliseconds since the Unix epoch.
    virtual int64_t nowMs() const = 0;
};

/// Wall-clock time (QDateTime::currentMSecsSinceEpoch()).
class SystemClock final : public Clock
{
public:
    int64_t nowMs() const override;
};

} // namespace mw::alerting
