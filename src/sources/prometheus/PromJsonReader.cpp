#include "PromJsonReader.h"

#include "exposition/Lexer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace mw {

using nlohmann::json;

namespace {
/// Seconds whose millisecond count still fits an int64 with room to spare.
constexpr double kMaxAbsSeconds = 9.0e15;
} // namespace

const char *PromJsonReader::typeName(const json &value)
{
    switch (value.type()) {
    case json::value_t::object: return "object";
    case json::value_t::array: return "array";
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "boolean";
    case json::value_t::null: return "null";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "number";
    case json::value_t::binary: return "binary";
    case json::value_t::discarded: return "discarded";
    }
    return "unknown";
}

int PromJsonReader::nestingDepth(std::string_view text)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

void PromJsonReader::fail(const std::string &path, std::string what)
{
    throw ShapeError{path, std::move(what)};
}

std::string PromJsonReader::index(const std::string &path, std::size_t i)
{
    return path + '[' + std::to_string(i) + ']';
}

std::string PromJsonReader::member(const std::string &path, std::string_view key)
{
    std::string out = path;
    out += '.';
    out += key;
    return out;
}

void PromJsonReader::expectObject(const json &value, const std::string &path)
{
    if (!value.is_object())
        fail(path, std::string("expected an object, got ") + typeName(value));
}

void PromJsonReader::expectArray(const json &value, const std::string &path)
{
    if (!value.is_array())
        fail(path, std::string("expected an array, got ") + typeName(value));
}

const json &PromJsonReader::at(const json &object, const char *key, const std::string &path)
{
    expectObject(object, path);
    const auto it = object.find(key);
    if (it == object.end())
        fail(member(path, key), "missing");
    return *it;
}

const json *PromJsonReader::find(const json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return nullptr;
    return &*it;
}

const std::string &PromJsonReader::string(const json &value, const std::string &path)
{
    if (!value.is_string())
        fail(path, std::string("expected a string, got ") + typeName(value));
    return value.get_ref<const std::string &>();
}

std::string PromJsonReader::optionalString(const json &object, const char *key, const std::string &path)
{
    const json *value = find(object, key);
    return value ? string(*value, member(path, key)) : std::string();
}

double PromJsonReader::number(const json &value, const std::string &path)
{
    if (!value.is_number())
        fail(path, std::string("expected a number, got ") + typeName(value));
    return value.get<double>();
}

int64_t PromJsonReader::timestampMs(const json &value, const std::string &path)
{
    if (value.is_number_integer() || value.is_number_unsigned()) {
        if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(kMaxAbsSeconds))
            fail(path, "timestamp out of range: " + value.dump() + " s");
        const auto seconds = value.is_number_unsigned() ? static_cast<int64_t>(value.get<uint64_t>())
                                                        : value.get<int64_t>();
        if (seconds > static_cast<int64_t>(kMaxAbsSeconds) || seconds < -static_cast<int64_t>(kMaxAbsSeconds))
            fail(path, "timestamp out of range: " + value.dump() + " s");
        return seconds * 1000;
    }
    if (value.is_number_float()) {
        const double seconds = value.get<double>();
        if (!std::isfinite(seconds) || std::fabs(seconds) > kMaxAbsSeconds)
            fail(path, "timestamp out of range: " + value.dump() + " s");
        return std::llround(seconds * 1000.0);
    }
    fail(path, std::string("expected a timestamp (number of seconds), got ") + typeName(value));
}

double PromJsonReader::sampleValue(const json &value, const std::string &path)
{
    const std::string &text = string(value, path);
    double out = 0.0;
    if (!expo::lex::parseFloat(text, out)) {
        const std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
        fail(path, "not a sample value: \"" + shown + '"');
    }
    return out;
}

Point PromJsonReader::samplePair(const json &value, const std::string &path)
{
    expectArray(value, path);
    if (value.size() != 2)
        fail(path, "expected [timestamp, \"value\"], got an array of " + std::to_string(value.size()));
    return Point{timestampMs(value[0], index(path, 0)), sampleValue(value[1], index(path, 1))};
}

PromLabels PromJsonReader::labelMap(const json &value, const std::string &path)
{
    PromLabels labels;
    if (value.is_null())
        return labels;
    expectObject(value, path);
    labels.reserve(value.size());
    for (const auto &[name, labelValue] : value.items())
        labels.emplace_back(name, string(labelValue, member(path, name)));
    return labels; // nlohmann's object is a std::map: already sorted
}

std::vector<std::string> PromJsonReader::stringList(const json &value, const std::string &path)
{
    std::vector<std::string> out;
    if (value.is_null())
        return out;
    expectArray(value, path);
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i)
        out.push_back(string(value[i], index(path, i)));
    return out;
}

} // namespace mw
