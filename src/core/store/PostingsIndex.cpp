#include "PostingsIndex.h"

#include <algorithm>

namespace mw {

namespace {
constexpr std::size_t kNodeBytes = 64; // hash node + malloc header, both maps
}

void PostingsIndex::add(const LabelSet &labels, SeriesId id)
{
    for (const LabelSet::Pair &p : labels.pairs()) {
        auto [it, inserted] = m_postings.try_emplace(key(p.name, p.value));
        if (inserted)
            m_values[p.name].push_back(p.value);
        const std::size_t before = it->second.capacity();
        it->second.push_back(id);
        m_listBytes += (it->second.capacity() - before) * sizeof(SeriesId);
    }
}

void PostingsIndex::remove(std::span<const LabelSet *const> labels, std::span<const SeriesId> removed)
{
    std::vector<uint64_t> touched;
    for (const LabelSet *ls : labels)
        for (const LabelSet::Pair &p : ls->pairs())
            touched.push_back(key(p.name, p.value));
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());

    for (uint64_t k : touched) {
        auto it = m_postings.find(k);
        if (it == m_postings.end())
            continue;
        std::vector<SeriesId> &list = it->second;
        const std::size_t before = list.capacity();
        std::erase_if(list, [&](SeriesId id) { return std::binary_search(removed.begin(), removed.end(), id); });
        if (!list.empty()) {
            if (list.size() < list.capacity() / 4)
                list.shrink_to_fit();
            m_listBytes = m_listBytes - before * sizeof(SeriesId) + list.capacity() * sizeof(SeriesId);
            continue;
        }
        m_listBytes -= before * sizeof(SeriesId);
        m_postings.erase(it);
        const auto name = static_cast<uint32_t>(k >> 32);
        const auto value = static_cast<uint32_t>(k & 0xffffffffU);
        auto vit = m_values.find(name);
        if (vit != m_values.end()) {
            std::erase(vit->second, value);
            if (vit->second.empty())
                m_values.erase(vit);
        }
    }
}

const std::vector<SeriesId> *PostingsIndex::postings(uint32_t nameId, uint32_t valueId) const
{
    auto it = m_postings.find(key(nameId, valueId));
    return it == m_postings.end() ? nullptr : &it->second;
}

const std::vector<uint32_t> *PostingsIndex::values(uint32_t nameId) const
{
    auto it = m_values.find(nameId);
    return it == m_values.end() ? nullptr : &it->second;
}

std::size_t PostingsIndex::bytes() const
{
    std::size_t valueLists = 0;
    for (const auto &[name, vals] : m_values)
        valueLists += vals.capacity() * sizeof(uint32_t);
    return m_listBytes + valueLists + (m_postings.size() + m_values.size()) * kNodeBytes
        + (m_postings.bucket_count() + m_values.bucket_count()) * sizeof(void *);
}

std::vector<SeriesId> intersectPostings(std::vector<const std::vector<SeriesId> *> lists)
{
    if (lists.empty())
        return {};
    std::sort(lists.begin(), lists.end(), [](auto *a, auto *b) { return a->size() < b->size(); });
    std::vector<SeriesId> out(lists.front()->begin(), lists.front()->end());
    for (std::size_t i = 1; i < lists.size() && !out.empty(); ++i) {
        const std::vector<SeriesId> &other = *lists[i];
        auto from = other.begin();
        std::erase_if(out, [&](SeriesId id) {
            from = std::lower_bound(from, other.end(), id);
            return from == other.end() || *from != id;
        });
    }
    return out;
}

} // namespace mw
