#include "MetricSequence.h"

#include <algorithm>

namespace mw::expo::detail {

void MetricSequence::reset()
{
    m_seen.clear();
    m_currentKey.clear();
    m_previous = Sample{};
}

bool MetricSequence::sameLabelsAsPrevious(const ParseResult &result, const Sample &s, std::string_view ignored) const
{
    if (m_seen.empty() || m_previous.labelCount != s.labelCount)
        return false;
    const Label *labels = result.labelsBegin(s);
    const Label *prev = result.labels.data() + m_previous.labelBegin;
    for (uint32_t i = 0; i < s.labelCount; ++i) {
        if (labels[i].name == ignored && prev[i].name == ignored)
            continue;
        if (labels[i].name != prev[i].name || labels[i].value != prev[i].value)
            return false;
    }
    return true;
}

MetricSequence::Step MetricSequence::next(const ParseResult &result, const Sample &s, std::string_view ignored)
{
    // Consecutive samples of one metric usually repeat its labels in the same
    // order: compare with the previous sample before building a sorted key.
    const bool same = sameLabelsAsPrevious(result, s, ignored);
    m_previous = s;
    if (same)
        return Step::SameMetric;

    const Label *labels = result.labelsBegin(s);
    m_sorted.clear();
    for (uint32_t i = 0; i < s.labelCount; ++i)
        if (labels[i].name != ignored)
            m_sorted.push_back(labels + i);
    std::sort(m_sorted.begin(), m_sorted.end(), [](const Label *x, const Label *y) { return x->name < y->name; });
    m_key.clear();
    for (const Label *l : m_sorted) {
        m_key.append(l->name);
        m_key.push_back('\0');
        m_key.append(l->value);
        m_key.push_back('\0');
    }
    // The same labels in another order are still the same metric.
    if (!m_seen.empty() && m_key == m_currentKey)
        return Step::SameMetric;
    if (m_seen.count(m_key))
        return Step::Interleaved;
    m_seen.insert(m_key);
    m_currentKey = m_key;
    return Step::NewMetric;
}

} // namespace mw::expo::detail
