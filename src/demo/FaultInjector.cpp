#include "FaultInjector.h"

#include "SyntheticData.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDemoFaults, "modelwatch.demo.faults")

namespace mw::demo {

using namespace Qt::Literals::StringLiterals;

FaultInjector::FaultInjector(uint64_t seed, QObject *parent)
    : QObject(parent)
    , m_rng(seed)
    , m_memoryTimer(this)
{
    m_memoryTimer.setInterval(kMemoryTickMs);
    connect(&m_memoryTimer, &QTimer::timeout, this, &FaultInjector::growBallast);
}

QString FaultInjector::name(Fault fault)
{
    switch (fault) {
    case Fault::Latency: return u"latency"_s;
    case Fault::Errors: return u"errors"_s;
    case Fault::Memory: return u"memory"_s;
    case Fault::AccuracyDrift: return u"accuracy_drift"_s;
    case Fault::Down: return u"down"_s;
    }
    return {};
}

std::optional<Fault> FaultInjector::fromName(QStringView faultName)
{
    for (Fault fault : kAll) {
        if (name(fault) == faultName)
            return fault;
    }
    return std::nullopt;
}

void FaultInjector::setActive(Fault fault, bool active)
{
    if (m_active[index(fault)] == active)
        return;
    m_active[index(fault)] = active;
    qCInfo(lcDemoFaults) << "fault" << name(fault) << (active ? "on" : "off");
    if (fault == Fault::Memory) {
        if (active) {
            growBallast(); // the first step at once: RSS moves before the first tick
            m_memoryTimer.start();
        } else {
            m_memoryTimer.stop();
            m_ballast.release();
        }
    }
    Q_EMIT faultChanged(fault, active);
}

double FaultInjector::extraLatencyUs()
{
    if (!isActive(Fault::Latency))
        return 0.0;
    std::uniform_real_distribution<double> jitter(-kLatencyJitterUs, kLatencyJitterUs);
    return kLatencyMeanUs + jitter(m_rng);
}

std::optional<RequestStatus> FaultInjector::injectedError()
{
    if (!isActive(Fault::Errors))
        return std::nullopt;
    std::uniform_real_distribution<double> draw(0.0, 1.0);
    const double u = draw(m_rng);
    if (u >= kErrorRate)
        return std::nullopt;
    return u < kErrorRate * 2.0 / 3.0 ? RequestStatus::Internal : RequestStatus::InvalidArgument;
}

double FaultInjector::inputShift() const
{
    return isActive(Fault::AccuracyDrift) ? SyntheticData::kDriftShift : 0.0;
}

void FaultInjector::growBallast()
{
    if (m_ballast.bytes() + kMemoryStepBytes > kMemoryCapBytes)
        return;
    if (!m_ballast.grow(kMemoryStepBytes))
        qCWarning(lcDemoFaults) << "memory fault: mmap failed at" << m_ballast.bytes() << "bytes";
}

} // namespace mw::demo
