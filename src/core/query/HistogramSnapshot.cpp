#include "query/HistogramSnapshot.h"

#include "exposition/ParseResult.h"

#include <algorithm>
#include <unordered_map>

namespace mw {
namespace {

enum class Part : uint8_t { Bucket, Sum, Count, Created, None };

Part partOf(std::string_view sampleName, std::string_view base)
{
    if (sampleName.size() <= base.size() || sampleName.substr(0, base.size()) != base)
        return Part::None;
    const std::string_view suffix = sampleName.substr(base.size());
    if (suffix == "_bucket")
        return Part::Bucket;
    if (suffix == "_sum" || suffix == "_gsum")
        return Part::Sum;
    if (suffix == "_count" || suffix == "_gcount")
        return Part::Count;
    if (suffix == "_created")
        return Part::Created;
    return Part::None;
}

} // namespace

std::optional<std::string_view> HistogramSeries::label(std::string_view name) const
{
    for (const auto &[n, v] : labels) {
        if (n == name)
            return std::string_view(v);
    }
    return std::nullopt;
}

std::vector<HistogramSeries> histogramSeries(const expo::ParseResult &payload, std::string_view baseName)
{
    std::vector<HistogramSeries> out;
    std::unordered_map<std::string, std::size_t> index; // label key -> out[i]
    std::vector<std::pair<std::string, std::string>> labels;
    std::string key;

    for (const expo::Sample &s : payload.samples) {
        const Part part = partOf(s.name, baseName);
        if (part == Part::None)
            continue;
        labels.clear();
        std::optional<std::string_view> le;
        for (const expo::Label *l = payload.labelsBegin(s); l != payload.labelsEnd(s); ++l) {
            if (l->name == "le") {
                le = l->value;
                continue;
            }
            labels.emplace_back(std::string(l->name), std::string(l->value));
        }
        std::sort(labels.begin(), labels.end());
        key.clear();
        for (const auto &[n, v] : labels) {
            key += n;
            key += '\0';
            key += v;
            key += '\0';
        }
        auto [it, inserted] = index.try_emplace(key, out.size());
        if (inserted) {
            out.emplace_back();
            out.back().labels = labels;
        }
        HistogramSeries &series = out[it->second];
        switch (part) {
        case Part::Bucket: {
            const std::optional<double> bound = le ? parsePromFloat(*le) : std::nullopt;
            if (!bound)
                ++series.badBucketLabels;
            else
                series.buckets.push_back({*bound, s.value});
            break;
        }
        case Part::Sum:
            series.sum = s.value;
            break;
        case Part::Count:
            series.count = s.value;
            break;
        case Part::Created:
            series.created = s.value;
            break;
        case Part::None:
            break;
        }
    }
    // A label set that only had _sum/_count/_created is no histogram series.
    std::erase_if(out, [](const HistogramSeries &h) { return h.buckets.empty() && h.badBucketLabels == 0; });
    return out;
}

QuantileResult seriesQuantile(const HistogramSeries &series, double q, std::vector<Bucket> &scratch,
                              PromCompat compat)
{
    scratch.assign(series.buckets.begin(), series.buckets.end());
    return bucketQuantile(q, scratch, compat);
}

} // namespace mw
