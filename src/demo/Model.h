#pragma once

#include "SyntheticData.h"

#include <span>
#include <vector>

namespace mw::demo {

/// A binary classifier: logistic regression trained by full-batch gradient
/// descent on the log loss. predict() returns P(class 1).
class Model
{
public:
    struct TrainOptions
    {
        int epochs = 300;
        double learningRate = 0.5;
    };

    struct TrainReport
    {
        int epochs = 0;
        double finalLoss = 0.0;
        double trainAccuracy = 0.0;
    };

    /// Trains on `data` from zero weights. Deterministic for a given data set.
    static Model train(const std::vector<LabeledSample> &data, const TrainOptions &options,
                       TrainReport *report = nullptr);

    /// P(class 1) for one instance of exactly kFeatures values.
    double predict(std::span<const double, kFeatures> x) const;
    double predict(const Features &x) const { return predict(std::span<const double, kFeatures>(x)); }

    /// Share of samples whose thresholded prediction (p >= 0.5) matches the label.
    double accuracy(const std::vector<LabeledSample> &data) const;

    const Features &weights() const { return m_weights; }
    double bias() const { return m_bias; }

private:
    Features m_weights{};
    double m_bias = 0.0;
};

} // namespace mw::demo
