#pragma once

// An open-addressing hash index from prediction id to a slot number, for the
// joiner. std::unordered_map spent 40 % of feed ingestion chasing its node
// lists through a cache-cold table of ~10^6 ids; here a probe touches one
// 16-byte cell holding the full 64-bit hash, and the id bytes are compared
// only on a hash match. Linear probing, load <= 1/2, backward-shift deletion
// (no tombstones, so a long-running feed does not degrade).

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace mw::quality {

class IdIndex
{
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    static uint64_t hashOf(std::string_view id) { return std::hash<std::string_view>{}(id); }

    /// The slot stored for `id`, or kNone. `idOfSlot(slot)` gives a slot's id
    /// (the index does not keep the bytes; the caller's entries do).
    template<typename IdOfSlot>
    uint32_t find(std::string_view id, uint64_t hash, IdOfSlot &&idOfSlot) const
    {
        if (m_cells.empty())
            return kNone;
        for (std::size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            const Cell &c = m_cells[i];
            if (c.slot == kNone)
                return kNone;
            if (c.hash == hash && idOfSlot(c.slot) == id)
                return c.slot;
        }
    }

    /// Adds a mapping; the id must not be present.
    void insert(uint64_t hash, uint32_t slot);
    /// Removes the mapping hash -> slot (found by slot, so no id compare).
    void erase(uint64_t hash, uint32_t slot);

    std::size_t size() const { return m_size; }

private:
    struct Cell
    {
        uint64_t hash = 0;
        uint32_t slot = kNone;
    };

    void grow();

    std::vector<Cell> m_cells;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

} // namespace mw::quality
