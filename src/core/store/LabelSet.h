#pragma once

#include "Labels.h"
#include "SymbolTable.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw {

/// An interned label set: (name id, value id) pairs of one SymbolTable,
/// sorted by the name *string* (Prometheus order), names unique, with
/// `__name__` included as an ordinary pair. The hash (over the ids) is
/// computed once. Two sets are equal when they come from the same table and
/// hold the same pairs.
///
/// A LabelSet does not hold references on its symbols: the owner (the
/// SeriesStore) retains them while the set lives.
class LabelSet
{
public:
    struct Pair
    {
        uint32_t name = 0;
        uint32_t value = 0;
        friend bool operator==(const Pair &, const Pair &) = default;
    };

    LabelSet() = default;
    /// `pairs` must be sorted by name string with unique names.
    LabelSet(const SymbolTable *table, std::vector<Pair> pairs);

    const std::vector<Pair> &pairs() const { return m_pairs; }
    std::size_t size() const { return m_pairs.size(); }
    uint64_t hash() const { return m_hash; }
    const SymbolTable *table() const { return m_table; }

    /// Value id for a name id, or SymbolTable::kInvalid.
    uint32_t valueId(uint32_t nameId) const;
    std::optional<std::string_view> value(std::string_view name) const;
    std::string_view metricName() const { return value(kMetricNameLabel).value_or(std::string_view{}); }

    /// `name{a="b", c="d"}` (see formatLabels()).
    std::string toString() const;
    Labels toLabels() const;
    std::vector<LabelView> views() const;

    /// Heap bytes owned by this set (the pair array).
    std::size_t heapBytes() const { return m_pairs.capacity() * sizeof(Pair); }

    static uint64_t hashPairs(const Pair *pairs, std::size_t count);

    friend bool operator==(const LabelSet &a, const LabelSet &b)
    {
        return a.m_hash == b.m_hash && a.m_table == b.m_table && a.m_pairs == b.m_pairs;
    }

private:
    const SymbolTable *m_table = nullptr;
    std::vector<Pair> m_pairs;
    uint64_t m_hash = 0;
};

} // namespace mw
