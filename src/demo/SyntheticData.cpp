#include "SyntheticData.h"

namespace mw::demo {

SyntheticData::SyntheticData(uint64_t seed)
    : m_rng(seed)
{
}

LabeledSample SyntheticData::next(double shift)
{
    LabeledSample sample;
    sample.label = m_class(m_rng) ? 1 : 0;
    const double mean = sample.label == 1 ? kSeparation : -kSeparation;
    for (double &v : sample.x)
        v = mean + shift + m_noise(m_rng);
    return sample;
}

std::vector<LabeledSample> SyntheticData::batch(std::size_t n, double shift)
{
    std::vector<LabeledSample> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(next(shift));
    return out;
}

} // namespace mw::demo
