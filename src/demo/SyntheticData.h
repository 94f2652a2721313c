#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace mw::demo {

inline constexpr std::size_t kFeatures = 8;
using Features = std::array<double, kFeatures>;

struct LabeledSample
{
    Features x{};
    int label = 0; ///< 0 or 1
};

/// A seeded, learnable data set: two Gaussian classes (unit variance) in 8
/// dimensions whose means sit at -m and +m on every axis. With
/// m = kSeparation the Bayes error is Phi(-m*sqrt(8)) ~ 10%, so a good model
/// reaches ~90% accuracy, not 100%.
///
/// `shift` moves every feature of every sample by the same amount (covariate
/// drift): the model is unchanged, its decision boundary no longer sits between
/// the classes, and accuracy falls to ~60% at kDriftShift.
class SyntheticData
{
public:
    static constexpr double kSeparation = 0.453;
    static constexpr double kDriftShift = 0.75;

    explicit SyntheticData(uint64_t seed);

    LabeledSample next(double shift = 0.0);
    std::vector<LabeledSample> batch(std::size_t n, double shift = 0.0);

private:
    std::mt19937_64 m_rng;
    std::normal_distribution<double> m_noise{0.0, 1.0};
    std::bernoulli_distribution m_class{0.5};
};

} // namespace mw::demo
