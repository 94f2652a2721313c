#pragma once

#include <cstddef>

namespace mw::dashboard {

/// Caps on what a dashboard file may hold; a file beyond them is refused with
/// the place of the first excess, so a hostile file cannot exhaust memory or stack.
struct Limits
{
    std::size_t maxBytes = 16u * 1024 * 1024; ///< file size
    int maxDepth = 64;                         ///< nesting of arrays and objects
    std::size_t maxPanels = 500;
    std::size_t maxQueriesPerPanel = 32;
    std::size_t maxThresholdsPerPanel = 32;
    std::size_t maxVariables = 100;
    std::size_t maxOptionsPerVariable = 10'000;
    std::size_t maxSources = 64;
    std::size_t maxTargetsPerSource = 1'000;
    std::size_t maxRules = 1'000;
};

} // namespace mw::dashboard
