#include "quality/QualityWindow.h"

#include <cmath>

namespace mw::quality {

QualityWindow::QualityWindow(WindowOptions options) : m_options(std::move(options))
{
    if (m_options.classes.empty())
        m_options.classes = {"0", "1"};
    if (m_options.positiveClass >= m_options.classes.size())
        m_options.positiveClass = m_options.classes.size() - 1;
    if (m_options.maxSamples == 0)
        m_options.maxSamples = 1;
    m_confusion = ConfusionMatrix(m_options.classes.size());
    m_confusion.setClassNames(m_options.classes);
}

std::optional<uint32_t> QualityWindow::classIndex(std::string_view name) const
{
    for (std::size_t i = 0; i < m_options.classes.size(); ++i)
        if (m_options.classes[i] == name)
            return static_cast<uint32_t>(i);
    return std::nullopt;
}

void QualityWindow::add(std::span<const LabeledPrediction> samples)
{
    for (const LabeledPrediction &s : samples)
        add(s);
}

void QualityWindow::add(const LabeledPrediction &in)
{
    const std::size_t k = m_options.classes.size();
    const auto actual = classIndex(in.actual);
    if (!actual) {
        ++m_stats.unknownLabels;
        return;
    }
    Sample s{in.labelTimeMs, *actual, 0, std::numeric_limits<double>::quiet_NaN(), false};
    if (isBinary()) {
        if (in.hasScore) {
            s.score = in.score;
            s.hasScore = true;
        } else if (in.scores.size() == k) {
            s.score = in.scores[m_options.positiveClass];
            s.hasScore = true;
        }
    } else {
        s.hasScore = in.scores.size() == k;
    }
    if (in.hasPredicted) {
        const auto predicted = classIndex(in.predicted);
        if (!predicted) {
            ++m_stats.unknownLabels;
            return;
        }
        s.predicted = *predicted;
    } else if (isBinary() && s.hasScore && !std::isnan(s.score)) {
        const auto positive = static_cast<uint32_t>(m_options.positiveClass);
        s.predicted = s.score >= m_options.threshold ? positive : 1u - positive;
    } else {
        ++m_stats.noPrediction;
        return;
    }
    if (m_options.maxAgeMs > 0 && m_now != std::numeric_limits<int64_t>::min()
        && s.timeMs <= m_now - m_options.maxAgeMs) {
        ++m_stats.late;
        return;
    }
    if (!s.hasScore)
        ++m_stats.missingScores;
    m_samples.push_back(s);
    if (s.hasScore && !isBinary())
        m_classScores.insert(m_classScores.end(), in.scores.begin(), in.scores.end());
    m_confusion.add(s.predicted, s.actual);
    ++m_stats.added;
    if (s.timeMs > m_now)
        m_now = s.timeMs;
    evict();
}

void QualityWindow::advanceTo(int64_t nowMs)
{
    if (nowMs > m_now)
        m_now = nowMs;
    evict();
}

void QualityWindow::evictFront()
{
    const Sample &s = m_samples.front();
    m_confusion.add(s.predicted, s.actual, -1.0);
    if (s.hasScore && !isBinary())
        m_classScores.erase(m_classScores.begin(),
                            m_classScores.begin() + static_cast<std::ptrdiff_t>(m_options.classes.size()));
    m_samples.pop_front();
}

void QualityWindow::evict()
{
    std::size_t cap = m_options.maxSamples;
    if (m_options.maxCount > 0 && m_options.maxCount < cap)
        cap = m_options.maxCount;
    while (m_samples.size() > cap) {
        evictFront();
        ++m_stats.evictedByCount;
    }
    if (m_options.maxAgeMs <= 0)
        return;
    while (!m_samples.empty() && m_samples.front().timeMs <= m_now - m_options.maxAgeMs) {
        evictFront();
        ++m_stats.evictedByAge;
    }
}

ClassificationReport QualityWindow::report() const
{
    return classificationReport(m_confusion, m_options.metrics);
}

RankingReport QualityWindow::ranking() const
{
    if (isBinary()) {
        std::vector<double> pos, neg;
        pos.reserve(m_samples.size());
        neg.reserve(m_samples.size());
        const auto positive = m_options.positiveClass;
        for (const Sample &s : m_samples)
            if (s.hasScore)
                (s.actual == positive ? pos : neg).push_back(s.score);
        return binaryRanking(pos, neg, m_options.metrics);
    }
    std::vector<uint32_t> actual;
    actual.reserve(m_samples.size());
    for (const Sample &s : m_samples)
        if (s.hasScore)
            actual.push_back(s.actual);
    const std::vector<double> scores(m_classScores.begin(), m_classScores.end());
    return oneVsRestRanking(scores, actual, m_options.classes.size(), m_options.metrics);
}

} // namespace mw::quality
