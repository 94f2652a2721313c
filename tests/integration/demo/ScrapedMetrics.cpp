#include "ScrapedMetrics.h"

#include <cmath>
#include <cstdlib>

namespace mw::test {

ScrapedMetrics::ScrapedMetrics(std::string text, expo::Format format)
    : m_data(std::make_shared<Data>())
{
    m_data->text = std::move(text);
    m_data->result = expo::parse(m_data->text, format);
}

std::string ScrapedMetrics::error() const
{
    return m_data->result.error ? m_data->result.error->toString() : std::string();
}

std::optional<expo::MetricType> ScrapedMetrics::typeOf(std::string_view family) const
{
    for (const expo::MetricFamily &f : m_data->result.families) {
        if (f.name == family && f.hasType)
            return f.type;
    }
    return std::nullopt;
}

bool ScrapedMetrics::anyHelp() const
{
    for (const expo::MetricFamily &f : m_data->result.families) {
        if (f.hasHelp)
            return true;
    }
    return false;
}

bool ScrapedMetrics::matches(const expo::Sample &s, std::string_view sample, LabelFilter labels) const
{
    if (s.name != sample)
        return false;
    for (const auto &[name, value] : labels) {
        const std::optional<std::string_view> v = m_data->result.labelValue(s, name);
        if (!v || *v != value)
            return false;
    }
    return true;
}

int ScrapedMetrics::count(std::string_view sample, LabelFilter labels) const
{
    int n = 0;
    for (const expo::Sample &s : m_data->result.samples)
        n += matches(s, sample, labels) ? 1 : 0;
    return n;
}

double ScrapedMetrics::sum(std::string_view sample, LabelFilter labels) const
{
    double total = 0.0;
    for (const expo::Sample &s : m_data->result.samples) {
        if (matches(s, sample, labels))
            total += s.value;
    }
    return total;
}

std::vector<double> ScrapedMetrics::bucketBounds(std::string_view family, LabelFilter labels) const
{
    const std::string bucket = std::string(family) + "_bucket";
    std::vector<double> bounds;
    for (const expo::Sample &s : m_data->result.samples) {
        if (!matches(s, bucket, labels))
            continue;
        const std::string le(m_data->result.labelValue(s, "le").value_or("NaN"));
        const double bound = std::strtod(le.c_str(), nullptr);
        if (!std::isinf(bound))
            bounds.push_back(bound);
    }
    return bounds;
}

} // namespace mw::test
