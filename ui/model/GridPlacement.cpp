#include "GridPlacement.h"

#include <algorithm>

namespace mw::view {

using dashboard::GridPos;
using dashboard::kGridColumns;

bool overlaps(const GridPos &a, const GridPos &b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

GridPos clampToGrid(GridPos pos)
{
    pos.w = std::clamp(pos.w, 1, kGridColumns);
    pos.h = std::clamp(pos.h, 1, 200);
    pos.x = std::clamp(pos.x, 0, kGridColumns - pos.w);
    pos.y = std::max(0, pos.y);
    return pos;
}

namespace {

bool fits(const std::vector<GridItem> &placed, const GridPos &p)
{
    return std::none_of(placed.begin(), placed.end(), [&](const GridItem &o) { return overlaps(o.pos, p); });
}

/// Floats every item (in row order) up to the highest row where it fits;
/// `pinned` (if any) is placed first and does not move.
std::vector<GridItem> settle(std::vector<GridItem> items, int pinnedId)
{
    std::stable_sort(items.begin(), items.end(), [](const GridItem &a, const GridItem &b) {
        return a.pos.y != b.pos.y ? a.pos.y < b.pos.y : a.pos.x < b.pos.x;
    });
    std::vector<GridItem> placed;
    placed.reserve(items.size());
    const auto pinned = std::find_if(items.begin(), items.end(), [&](const GridItem &i) { return i.id == pinnedId; });
    if (pinned != items.end())
        placed.push_back(*pinned);
    for (const GridItem &item : items) {
        if (item.id == pinnedId && pinned != items.end())
            continue;
        GridItem g = item;
        g.pos = clampToGrid(g.pos);
        // Push down past anything it overlaps, then float up.
        while (!fits(placed, g.pos))
            ++g.pos.y;
        while (g.pos.y > 0) {
            GridPos up = g.pos;
            --up.y;
            if (!fits(placed, up))
                break;
            g.pos = up;
        }
        placed.push_back(g);
    }
    return placed;
}

} // namespace

std::vector<GridItem> placeOnGrid(std::vector<GridItem> items, int movedId, GridPos target)
{
    target = clampToGrid(target);
    for (GridItem &i : items) {
        if (i.id == movedId)
            i.pos = target;
    }
    // The moved panel keeps the row it was dropped on only if nothing above
    // it is free; settle() floats it like the rest after placing it first.
    std::vector<GridItem> out = settle(std::move(items), movedId);
    return compactGrid(std::move(out));
}

std::vector<GridItem> compactGrid(std::vector<GridItem> items) { return settle(std::move(items), -1); }

GridPos freeSpot(const std::vector<GridItem> &items, int w, int h)
{
    GridPos p;
    p.w = std::clamp(w, 1, kGridColumns);
    p.h = std::max(1, h);
    for (p.y = 0;; ++p.y) {
        for (p.x = 0; p.x + p.w <= kGridColumns; ++p.x) {
            if (std::none_of(items.begin(), items.end(), [&](const GridItem &o) { return overlaps(o.pos, p); }))
                return p;
        }
    }
}

} // namespace mw::view
