#include "Model.h"

#include <algorithm>
#include <cmath>

namespace mw::demo {

namespace {

double sigmoid(double z)
{
    // Split by sign so exp() never overflows.
    if (z >= 0.0)
        return 1.0 / (1.0 + std::exp(-z));
    const double e = std::exp(z);
    return e / (1.0 + e);
}

} // namespace

Model Model::train(const std::vector<LabeledSample> &data, const TrainOptions &options, TrainReport *report)
{
    Model model;
    if (data.empty())
        return model;
    const double n = static_cast<double>(data.size());
    double loss = 0.0;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        Features gradW{};
        double gradB = 0.0;
        loss = 0.0;
        for (const LabeledSample &s : data) {
            const double p = model.predict(s.x);
            const double err = p - static_cast<double>(s.label);
            for (std::size_t i = 0; i < kFeatures; ++i)
                gradW[i] += err * s.x[i];
            gradB += err;
            const double pc = std::clamp(p, 1e-12, 1.0 - 1e-12);
            loss -= s.label == 1 ? std::log(pc) : std::log(1.0 - pc);
        }
        for (std::size_t i = 0; i < kFeatures; ++i)
            model.m_weights[i] -= options.learningRate * gradW[i] / n;
        model.m_bias -= options.learningRate * gradB / n;
    }
    if (report) {
        report->epochs = options.epochs;
        report->finalLoss = loss / n;
        report->trainAccuracy = model.accuracy(data);
    }
    return model;
}

double Model::predict(std::span<const double, kFeatures> x) const
{
    double z = m_bias;
    for (std::size_t i = 0; i < kFeatures; ++i)
        z += m_weights[i] * x[i];
    return sigmoid(z);
}

double Model::accuracy(const std::vector<LabeledSample> &data) const
{
    if (data.empty())
        return 0.0;
    std::size_t correct = 0;
    for (const LabeledSample &s : data) {
        const int predicted = predict(s.x) >= 0.5 ? 1 : 0;
        if (predicted == s.label)
            ++correct;
    }
    return static_cast<double>(correct) / static_cast<double>(data.size());
}

} // namespace mw::demo
