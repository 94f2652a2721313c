#pragma once

#include "SyntheticData.h"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mw::demo {

/// TF Serving's REST "row" format for one model input, both directions:
///   request  {"instances": [[f0, ..., f7], ...]}   (also accepted: "inputs")
///   response {"predictions": [[p], ...]}
///   error    {"error": "..."}
/// Pure functions over bytes, so they are tested without a server.
struct PredictJson
{
    static constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20;
    static constexpr std::size_t kMaxInstances = 4096;
    static constexpr int kMaxDepth = 3; ///< object > instances array > instance array

    struct Error
    {
        std::string message;
    };

    /// The instances of a predict request body, or why it is invalid (the
    /// message names the offending instance or the JSON parser's position).
    static std::variant<std::vector<Features>, Error> parseRequest(std::string_view body);

    static std::string response(std::span<const double> scores);
    static std::string error(std::string_view message);
};

} // namespace mw::demo
