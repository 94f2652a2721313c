#pragma once

#include "PromTypes.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mw {

/// Path-aware, strict accessors over a parsed JSON document. Every accessor
/// throws PromJsonReader::ShapeError naming the JSON path ("data.result[3].value[1]")
/// and what was wrong; PromDecoder catches it at its boundary.
class PromJsonReader
{
public:
    struct ShapeError
    {
        std::string path;
        std::string what;
    };

    /// "object", "array", "string", "number", "boolean", "null".
    static const char *typeName(const nlohmann::json &value);
    /// Deepest nesting of arrays/objects in a JSON text (strings skipped), so
    /// that absurd nesting is refused before parsing.
    static int nestingDepth(std::string_view text);

    [[noreturn]] static void fail(const std::string &path, std::string what);
    static std::string index(const std::string &path, std::size_t i);
    static std::string member(const std::string &path, std::string_view key);

    static void expectObject(const nlohmann::json &value, const std::string &path);
    static void expectArray(const nlohmann::json &value, const std::string &path);
    /// A required member of an object.
    static const nlohmann::json &at(const nlohmann::json &object, const char *key, const std::string &path);
    /// An optional member: nullptr when absent or null.
    static const nlohmann::json *find(const nlohmann::json &object, const char *key);

    static const std::string &string(const nlohmann::json &value, const std::string &path);
    static std::string optionalString(const nlohmann::json &object, const char *key, const std::string &path);
    static double number(const nlohmann::json &value, const std::string &path);
    /// JSON seconds (integer or float, ms precision) to int64 milliseconds,
    /// rounded to the nearest ms: 1435781451.781 -> 1435781451781.
    static int64_t timestampMs(const nlohmann::json &value, const std::string &path);
    /// A sample value string in Go float syntax ("1", "NaN", "+Inf", "1e-07").
    static double sampleValue(const nlohmann::json &value, const std::string &path);
    /// `[ts, "v"]`.
    static Point samplePair(const nlohmann::json &value, const std::string &path);
    /// `{"name": "value", ...}`; null or absent is empty. Sorted by name.
    static PromLabels labelMap(const nlohmann::json &value, const std::string &path);
    /// `["a", "b"]`; null is empty.
    static std::vector<std::string> stringList(const nlohmann::json &value, const std::string &path);
};

} // namespace mw
