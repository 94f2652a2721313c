#pragma once

#include "MemoryBallast.h"
#include "RequestStatus.h"

#include <QObject>
#include <QTimer>

#include <array>
#include <cstdint>
#include <optional>
#include <random>

namespace mw::demo {

enum class Fault : uint8_t {
    Latency,       ///< +600 ms +- 150 ms on every request's recorded latency (HTTP replies are delayed too)
    Errors,        ///< 30% of requests fail: 2/3 INTERNAL, 1/3 INVALID_ARGUMENT
    Memory,        ///< a real buffer grows by 4 MiB/s up to 256 MiB; released when switched off
    AccuracyDrift, ///< the input distribution shifts (the model is unchanged): accuracy ~60%
    Down,          ///< the metrics endpoint answers 503
};

/// Run-time switchable faults. Lives on the server's thread; the memory fault
/// grows its buffer from a timer, never by blocking.
class FaultInjector : public QObject
{
    Q_OBJECT

public:
    static constexpr std::array<Fault, 5> kAll{Fault::Latency, Fault::Errors, Fault::Memory,
                                                Fault::AccuracyDrift, Fault::Down};
    static constexpr double kLatencyMeanUs = 600'000.0;
    static constexpr double kLatencyJitterUs = 150'000.0;
    static constexpr double kErrorRate = 0.3;
    static constexpr std::size_t kMemoryStepBytes = std::size_t{1} << 20; ///< per tick
    static constexpr int kMemoryTickMs = 250;
    static constexpr std::size_t kMemoryCapBytes = std::size_t{256} << 20;

    explicit FaultInjector(uint64_t seed, QObject *parent = nullptr);

    static QString name(Fault fault);
    static std::optional<Fault> fromName(QStringView name);

    bool isActive(Fault fault) const { return m_active[index(fault)]; }
    void setActive(Fault fault, bool active);

    /// Extra latency to add to one request (0 unless the latency fault is on).
    double extraLatencyUs();
    /// The status to fail one request with, or nullopt (always nullopt unless
    /// the errors fault is on).
    std::optional<RequestStatus> injectedError();
    /// Shift added to every feature of generated inputs.
    double inputShift() const;
    std::size_t ballastBytes() const { return m_ballast.bytes(); }

Q_SIGNALS:
    void faultChanged(mw::demo::Fault fault, bool active);

private:
    static std::size_t index(Fault fault) { return static_cast<std::size_t>(fault); }
    void growBallast();

    std::array<bool, kAll.size()> m_active{};
    std::mt19937_64 m_rng;
    MemoryBallast m_ballast;
    QTimer m_memoryTimer;
};

} // namespace mw::demo
