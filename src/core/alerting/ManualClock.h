#pragma once

#include "Clock.h"

namespace mw::alerting {

/// A clock that moves only when told: what tests and replays drive the engine with.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(int64_t startMs = 0) : m_nowMs(startMs) {}
    int64_t nowMs() const override { return m_nowMs; }
    void setMs(int64_t ms) { m_nowMs = ms; }
    void advanceMs(int64_t ms) { m_nowMs += ms; }

private:
    int64_t m_nowMs;
};

} // namespace mw::alerting
