#pragma once

// Placing panels on the 24-column grid, as Grafana does: a moved or resized
// panel takes its new place, panels it overlaps are pushed down, then every
// panel floats up as far as it can. Plain maths, tested without widgets.

#include "dashboard/Document.h"

#include <vector>

namespace mw::view {

struct GridItem
{
    int id = 0;
    dashboard::GridPos pos;
};

/// Clamps `pos` into the grid (1..24 wide, x + w <= 24, y >= 0, h >= 1).
dashboard::GridPos clampToGrid(dashboard::GridPos pos);

/// `items` after `movedId` took `target` (clamped). Other panels keep their
/// order; none overlap afterwards.
std::vector<GridItem> placeOnGrid(std::vector<GridItem> items, int movedId, dashboard::GridPos target);

/// Every panel floated up to the first free row (no move).
std::vector<GridItem> compactGrid(std::vector<GridItem> items);

/// Where a new panel of `w` x `h` goes: the first free place, scanning rows.
dashboard::GridPos freeSpot(const std::vector<GridItem> &items, int w, int h);

bool overlaps(const dashboard::GridPos &a, const dashboard::GridPos &b);

} // namespace mw::view
