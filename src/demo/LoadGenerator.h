#pragma once

#include "SyntheticData.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <random>

namespace mw::demo {

class FaultInjector;
class PredictionFeed;
class PredictionService;

/// The demo's own traffic, so its numbers move with nothing else running:
/// on a timer it draws labeled samples from the synthetic distribution
/// (shifted while the accuracy-drift fault is on), asks PredictionService
/// for predictions (1 to 4 instances per request) and hands each prediction
/// with its true label to the feed, which reveals the label after the delay.
/// Calls are direct and synchronous: under the latency fault its requests
/// record the injected latency like HTTP ones but are not held back, so the
/// request rate stays what was asked for.
class LoadGenerator : public QObject
{
    Q_OBJECT

public:
    static constexpr int kTickMs = 50;
    static constexpr int kMaxPerTick = 1000; ///< bounds the catch-up after a stall
    static constexpr int kMaxInstancesPerRequest = 4;

    LoadGenerator(PredictionService &service, PredictionFeed &feed, FaultInjector &faults, uint64_t seed,
                  std::function<int64_t()> clockMs, QObject *parent = nullptr);

    /// Requests per second; 0 stops the timer (a test then calls generate()).
    void setRate(double requestsPerSecond);
    double rate() const { return m_rate; }

    /// Issues `requests` requests now.
    void generate(int requests);
    uint64_t requestsSent() const { return m_sent; }

Q_SIGNALS:
    void generated(int requests);

private:
    void tick();

    PredictionService &m_service;
    PredictionFeed &m_feed;
    FaultInjector &m_faults;
    std::function<int64_t()> m_clockMs;
    SyntheticData m_data;
    std::mt19937_64 m_rng;
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    double m_rate = 0.0;
    double m_carry = 0.0; ///< fractional requests owed from earlier ticks
    uint64_t m_sent = 0;
};

} // namespace mw::demo
