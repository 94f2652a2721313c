#pragma once

#include "LabelSet.h"
#include "Series.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace mw {

/// Inverted index: (label name id, value id) -> ascending series ids, plus
/// name id -> the value ids in use (so regular-expression matchers can later
/// walk a name's values). Series ids grow monotonically, so adding a new
/// series keeps every list sorted with a push_back.
class PostingsIndex
{
public:
    void add(const LabelSet &labels, SeriesId id);
    /// Removes a batch of series in one pass per touched list.
    /// `removed` must be sorted ascending.
    void remove(std::span<const LabelSet *const> labels, std::span<const SeriesId> removed);

    /// The ids holding name=value, or nullptr when none.
    const std::vector<SeriesId> *postings(uint32_t nameId, uint32_t valueId) const;
    /// Value ids in use for a name id (unordered), or nullptr.
    const std::vector<uint32_t> *values(uint32_t nameId) const;

    std::size_t bytes() const;

private:
    static uint64_t key(uint32_t name, uint32_t value) { return (uint64_t{name} << 32) | value; }

    std::unordered_map<uint64_t, std::vector<SeriesId>> m_postings;
    std::unordered_map<uint32_t, std::vector<uint32_t>> m_values;
    std::size_t m_listBytes = 0;
};

/// Intersects ascending id lists.
std::vector<SeriesId> intersectPostings(std::vector<const std::vector<SeriesId> *> lists);

} // namespace mw
