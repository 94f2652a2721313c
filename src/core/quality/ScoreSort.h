#pragma once

// Sorting scores for the ranking metrics. ROC-AUC over a window of a million
// predictions must take well under 100 ms; std::sort of a million doubles
// alone takes about that long, so scores are mapped to order-preserving
// 64-bit keys and sorted with an LSD radix sort (16-bit digits, passes whose
// digit is the same for every key skipped: probabilities in [0, 1] share
// their top bits), which is linear in the number of scores.

#include <cstdint>
#include <span>
#include <vector>

namespace mw::quality {

/// The key whose unsigned order is the *descending* order of the scores.
/// -0.0 and +0.0 get the same key (they compare equal, so they tie, as in
/// sklearn). Not meaningful for NaN: callers drop NaN scores first.
uint64_t descendingKey(double score);
/// The score a key came from (-0.0 comes back as +0.0).
double scoreOfKey(uint64_t key);

/// Keys of the non-NaN `scores`, sorted ascending (i.e. scores descending),
/// into `out` (resized). Returns how many scores were NaN and left out.
/// `scratch` is reused between calls to spare the allocation.
std::size_t sortedDescendingKeys(std::span<const double> scores, std::vector<uint64_t> &out,
                                 std::vector<uint64_t> &scratch);

} // namespace mw::quality
