#pragma once

// Confusion counts of a K-class classifier, laid out predicted × actual as the
// counters a model server exports (`model_predictions_total{predicted,actual}`)
// read after increase() over a window. Counts are doubles because increase()
// extrapolates and gives fractional values; integer counts stay exact up to
// 2^53. The matrix keeps its row and column sums current so the windowed
// accumulator can add and remove one prediction in O(1).

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mw::quality {

/// One cell read from a counter series: label values and the window's count.
struct LabeledCount
{
    std::string_view predicted;
    std::string_view actual;
    double count = 0.0;
};

class ConfusionMatrix
{
public:
    ConfusionMatrix() = default;
    /// `classes` rows and columns, all zero. Class i is index i everywhere.
    explicit ConfusionMatrix(std::size_t classes);

    /// A matrix from row-major counts (row = predicted, column = actual).
    /// nullopt when counts.size() != classes², or a count is negative, NaN or
    /// infinite: such input comes from a broken query, and metrics computed
    /// from it would look plausible.
    static std::optional<ConfusionMatrix> fromCounts(std::span<const double> rowMajor, std::size_t classes);

    /// A matrix from labeled counter cells. Class names are the sorted union of
    /// the label values seen plus `extraClasses` (a class that never occurred
    /// still belongs in a macro average if the model can output it), the order
    /// sklearn uses for its `labels`. Cells naming the same pair are summed.
    /// nullopt for a negative/NaN/infinite count.
    static std::optional<ConfusionMatrix> fromLabeledCounts(std::span<const LabeledCount> cells,
                                                            std::span<const std::string> extraClasses = {});

    std::size_t classes() const { return m_classes; }
    /// Names set by fromLabeledCounts() or setClassNames(); empty otherwise.
    const std::vector<std::string> &classNames() const { return m_names; }
    /// Ignored unless names.size() == classes().
    void setClassNames(std::vector<std::string> names);

    /// Adds `count` (may be negative to take a prediction back out of a
    /// window). Indices must be < classes(); out-of-range indices are ignored.
    void add(std::size_t predicted, std::size_t actual, double count = 1.0);

    double count(std::size_t predicted, std::size_t actual) const;
    double truePositives(std::size_t k) const { return count(k, k); }
    /// Row sum: how often the model said k.
    double predictedCount(std::size_t k) const { return k < m_classes ? m_rowSums[k] : 0.0; }
    /// Column sum: how often the truth was k (sklearn's "support").
    double actualCount(std::size_t k) const { return k < m_classes ? m_colSums[k] : 0.0; }
    double total() const { return m_total; }
    double correct() const { return m_trace; }

private:
    std::size_t m_classes = 0;
    std::vector<double> m_counts;
    std::vector<double> m_rowSums;
    std::vector<double> m_colSums;
    std::vector<std::string> m_names;
    double m_total = 0.0;
    double m_trace = 0.0;
};

} // namespace mw::quality
