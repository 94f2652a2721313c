#include "LoadGenerator.h"

#include "FaultInjector.h"
#include "PredictionFeed.h"
#include "PredictionService.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mw::demo {

LoadGenerator::LoadGenerator(PredictionService &service, PredictionFeed &feed, FaultInjector &faults, uint64_t seed,
                             std::function<int64_t()> clockMs, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_feed(feed)
    , m_faults(faults)
    , m_clockMs(std::move(clockMs))
    , m_data(seed)
    , m_rng(seed ^ 0x9e3779b97f4a7c15ULL)
    , m_timer(this)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &LoadGenerator::tick);
}

void LoadGenerator::setRate(double requestsPerSecond)
{
    m_rate = std::isfinite(requestsPerSecond) ? std::max(0.0, requestsPerSecond) : 0.0;
    m_carry = 0.0;
    if (m_rate > 0.0) {
        m_sinceTick.start();
        m_timer.start();
    } else {
        m_timer.stop();
    }
}

void LoadGenerator::tick()
{
    // Requests owed for the time that really passed, not for the nominal
    // interval: a late timer does not lower the rate.
    const double seconds = static_cast<double>(m_sinceTick.restart()) / 1000.0;
    m_carry += m_rate * seconds;
    const double whole = std::floor(m_carry);
    m_carry -= whole;
    generate(static_cast<int>(std::min<double>(whole, kMaxPerTick)));
}

void LoadGenerator::generate(int requests)
{
    if (requests <= 0)
        return;
    std::uniform_int_distribution<int> batchSize(1, kMaxInstancesPerRequest);
    std::vector<Features> instances;
    std::vector<int> labels;
    for (int r = 0; r < requests; ++r) {
        const double shift = m_faults.inputShift();
        instances.clear();
        labels.clear();
        const int n = batchSize(m_rng);
        for (int i = 0; i < n; ++i) {
            const LabeledSample sample = m_data.next(shift);
            instances.push_back(sample.x);
            labels.push_back(sample.label);
        }
        const PredictResult result = m_service.predict(instances);
        ++m_sent;
        if (result.status != RequestStatus::Ok)
            continue; // a failed request has no prediction to label
        const int64_t now = m_clockMs();
        for (std::size_t i = 0; i < result.scores.size(); ++i) {
            const double score = result.scores[i];
            m_feed.addPending(now, score, score >= 0.5 ? 1 : 0, labels[i]);
        }
    }
    Q_EMIT generated(requests);
}

} // namespace mw::demo
