#include "quality/IdIndex.h"

namespace mw::quality {

void IdIndex::grow()
{
    std::vector<Cell> old = std::move(m_cells);
    const std::size_t capacity = old.empty() ? 1024 : old.size() * 2;
    m_cells.assign(capacity, Cell{});
    m_mask = capacity - 1;
    for (const Cell &c : old) {
        if (c.slot == kNone)
            continue;
        std::size_t i = c.hash & m_mask;
        while (m_cells[i].slot != kNone)
            i = (i + 1) & m_mask;
        m_cells[i] = c;
    }
}

void IdIndex::insert(uint64_t hash, uint32_t slot)
{
    if ((m_size + 1) * 2 > m_cells.size())
        grow();
    std::size_t i = hash & m_mask;
    while (m_cells[i].slot != kNone)
        i = (i + 1) & m_mask;
    m_cells[i] = {hash, slot};
    ++m_size;
}

void IdIndex::erase(uint64_t hash, uint32_t slot)
{
    if (m_cells.empty())
        return;
    std::size_t i = hash & m_mask;
    while (m_cells[i].slot != slot) {
        if (m_cells[i].slot == kNone)
            return; // not present
        i = (i + 1) & m_mask;
    }
    // Backward-shift: pull later cells of the probe run into the hole when
    // their home position is at or before it (cyclically).
    std::size_t hole = i;
    for (std::size_t j = (i + 1) & m_mask; m_cells[j].slot != kNone; j = (j + 1) & m_mask) {
        const std::size_t home = m_cells[j].hash & m_mask;
        const bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
        if (movable) {
            m_cells[hole] = m_cells[j];
            hole = j;
        }
    }
    m_cells[hole] = Cell{};
    --m_size;
}

} // namespace mw::quality
