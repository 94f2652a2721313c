#include "quality/ConfusionMatrix.h"

#include <algorithm>
#include <cmath>

namespace mw::quality {

namespace {

bool validCount(double c)
{
    return std::isfinite(c) && c >= 0.0;
}

} // namespace

ConfusionMatrix::ConfusionMatrix(std::size_t classes)
    : m_classes(classes), m_counts(classes * classes, 0.0), m_rowSums(classes, 0.0), m_colSums(classes, 0.0)
{
}

std::optional<ConfusionMatrix> ConfusionMatrix::fromCounts(std::span<const double> rowMajor, std::size_t classes)
{
    if (rowMajor.size() != classes * classes || !std::all_of(rowMajor.begin(), rowMajor.end(), validCount))
        return std::nullopt;
    ConfusionMatrix m(classes);
    for (std::size_t p = 0; p < classes; ++p)
        for (std::size_t a = 0; a < classes; ++a)
            m.add(p, a, rowMajor[p * classes + a]);
    return m;
}

std::optional<ConfusionMatrix> ConfusionMatrix::fromLabeledCounts(std::span<const LabeledCount> cells,
                                                                  std::span<const std::string> extraClasses)
{
    std::vector<std::string> names(extraClasses.begin(), extraClasses.end());
    for (const LabeledCount &c : cells) {
        if (!validCount(c.count))
            return std::nullopt;
        names.emplace_back(c.predicted);
        names.emplace_back(c.actual);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    auto index = [&names](std::string_view name) {
        return static_cast<std::size_t>(std::lower_bound(names.begin(), names.end(), name) - names.begin());
    };
    ConfusionMatrix m(names.size());
    for (const LabeledCount &c : cells)
        m.add(index(c.predicted), index(c.actual), c.count);
    m.m_names = std::move(names);
    return m;
}

void ConfusionMatrix::setClassNames(std::vector<std::string> names)
{
    if (names.size() == m_classes)
        m_names = std::move(names);
}

void ConfusionMatrix::add(std::size_t predicted, std::size_t actual, double count)
{
    if (predicted >= m_classes || actual >= m_classes)
        return;
    m_counts[predicted * m_classes + actual] += count;
    m_rowSums[predicted] += count;
    m_colSums[actual] += count;
    m_total += count;
    if (predicted == actual)
        m_trace += count;
}

double ConfusionMatrix::count(std::size_t predicted, std::size_t actual) const
{
    if (predicted >= m_classes || actual >= m_classes)
        return 0.0;
    return m_counts[predicted * m_classes + actual];
}

} // namespace mw::quality
