#pragma once

#include <string>

namespace mw::bench {

/// Runs tests/bench/gen_payload.py (deterministic for a seed) and returns the
/// payload; exits the benchmark with a message when python3 is missing.
const std::string &generatedPayload(int series, bool timestamps = false);

} // namespace mw::bench
