#pragma once

// Internal to the alerting JSON readers: typed member access that throws a
// ReadError naming the JSON path of the first problem.

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mw::alerting::detail {

struct ReadError
{
    std::string message;
};

inline const nlohmann::json *optionalMember(const nlohmann::json &object, const char *key, nlohmann::json::value_t type,
                                            const std::string &path)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return nullptr;
    using V = nlohmann::json::value_t;
    const bool typeOk = it->type() == type || (type == V::number_float && it->is_number())
        || (type == V::number_integer && (it->type() == V::number_unsigned));
    if (!typeOk)
        throw ReadError{path + key + ": wrong type (" + it->type_name() + ")"};
    return &*it;
}

inline const nlohmann::json &member(const nlohmann::json &object, const char *key, nlohmann::json::value_t type,
                                    const std::string &path)
{
    const nlohmann::json *m = optionalMember(object, key, type, path);
    if (!m)
        throw ReadError{path + key + ": missing"};
    return *m;
}

inline std::string stringMember(const nlohmann::json &object, const char *key, const std::string &path)
{
    return member(object, key, nlohmann::json::value_t::string, path).get<std::string>();
}

inline std::string stringOr(const nlohmann::json &object, const char *key, const std::string &path, std::string fallback)
{
    const nlohmann::json *m = optionalMember(object, key, nlohmann::json::value_t::string, path);
    return m ? m->get<std::string>() : std::move(fallback);
}

inline std::optional<int64_t> optionalInt(const nlohmann::json &object, const char *key, const std::string &path)
{
    const nlohmann::json *m = optionalMember(object, key, nlohmann::json::value_t::number_integer, path);
    if (!m)
        return std::nullopt;
    if (m->is_number_unsigned() && m->get<uint64_t>() > uint64_t(INT64_MAX))
        throw ReadError{path + key + ": out of range"};
    return m->get<int64_t>();
}

inline int64_t intMember(const nlohmann::json &object, const char *key, const std::string &path)
{
    const std::optional<int64_t> v = optionalInt(object, key, path);
    if (!v)
        throw ReadError{path + key + ": missing"};
    return *v;
}

template<typename E>
E enumMember(const nlohmann::json &object, const char *key, const std::string &path,
             std::optional<E> (*parse)(std::string_view), const char *what)
{
    const std::string text = stringMember(object, key, path);
    const std::optional<E> v = parse(text);
    if (!v)
        throw ReadError{path + key + ": unknown " + what + " '" + text + "'"};
    return *v;
}

template<typename E>
E enumOr(const nlohmann::json &object, const char *key, const std::string &path, E fallback,
         std::optional<E> (*parse)(std::string_view), const char *what)
{
    return object.contains(key) && !object.at(key).is_null() ? enumMember(object, key, path, parse, what) : fallback;
}

inline std::map<std::string, std::string> stringMap(const nlohmann::json &object, const char *key, const std::string &path)
{
    std::map<std::string, std::string> out;
    const nlohmann::json *m = optionalMember(object, key, nlohmann::json::value_t::object, path);
    if (!m)
        return out;
    for (const auto &[name, value] : m->items()) {
        if (!value.is_string())
            throw ReadError{path + key + "." + name + ": wrong type (" + value.type_name() + ")"};
        out.emplace(name, value.get<std::string>());
    }
    return out;
}

} // namespace mw::alerting::detail
