#include "LabelSet.h"

namespace mw {

LabelSet::LabelSet(const SymbolTable *table, std::vector<Pair> pairs)
    : m_table(table)
    , m_pairs(std::move(pairs))
    , m_hash(hashPairs(m_pairs.data(), m_pairs.size()))
{
}

uint64_t LabelSet::hashPairs(const Pair *pairs, std::size_t count)
{
    // 64-bit mixing of the id pairs (splitmix64 finaliser per pair).
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ count;
    for (std::size_t i = 0; i < count; ++i) {
        uint64_t k = (uint64_t{pairs[i].name} << 32) | pairs[i].value;
        k += 0x9e3779b97f4a7c15ULL;
        k = (k ^ (k >> 30)) * 0xbf58476d1ce4e5b9ULL;
        k = (k ^ (k >> 27)) * 0x94d049bb133111ebULL;
        k ^= k >> 31;
        h = (h ^ k) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    return h;
}

uint32_t LabelSet::valueId(uint32_t nameId) const
{
    for (const Pair &p : m_pairs)
        if (p.name == nameId)
            return p.value;
    return SymbolTable::kInvalid;
}

std::optional<std::string_view> LabelSet::value(std::string_view name) const
{
    if (!m_table)
        return std::nullopt;
    for (const Pair &p : m_pairs)
        if (m_table->view(p.name) == name)
            return m_table->view(p.value);
    return std::nullopt;
}

std::vector<LabelView> LabelSet::views() const
{
    std::vector<LabelView> out;
    out.reserve(m_pairs.size());
    for (const Pair &p : m_pairs)
        out.push_back({m_table->view(p.name), m_table->view(p.value)});
    return out;
}

std::string LabelSet::toString() const
{
    if (!m_table)
        return "{}";
    const auto v = views();
    return formatLabels(v);
}

Labels LabelSet::toLabels() const
{
    if (!m_table)
        return {};
    const auto v = views();
    return Labels(std::span<const LabelView>(v));
}

} // namespace mw
