#include "ObjectReader.h"

#include <cmath>

namespace mw::dashboard::detail {

using nlohmann::json;

void fail(const std::string &pointer, std::string message)
{
    throw ReadFailure{Issue{pointer, std::move(message), 0, 0}};
}

ObjectReader::ObjectReader(const json &object, std::string pointer, std::vector<Issue> *warnings)
    : m_object(object)
    , m_pointer(std::move(pointer))
    , m_warnings(warnings)
{
    if (!object.is_object())
        fail(m_pointer, std::string("not an object (") + object.type_name() + ")");
}

const json *ObjectReader::optional(const char *key, json::value_t type)
{
    m_known.insert(key);
    const auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null())
        return nullptr;
    using V = json::value_t;
    const bool ok = it->type() == type || (type == V::number_float && it->is_number())
        || (type == V::number_integer && it->is_number_integer());
    if (!ok)
        fail(at(key), std::string("wrong type (") + it->type_name() + ")");
    return &*it;
}

const json &ObjectReader::required(const char *key, json::value_t type)
{
    const json *m = optional(key, type);
    if (!m)
        fail(at(key), "missing");
    return *m;
}

std::string ObjectReader::stringOr(const char *key, std::string fallback)
{
    const json *m = optional(key, json::value_t::string);
    return m ? m->get<std::string>() : std::move(fallback);
}

bool ObjectReader::boolOr(const char *key, bool fallback)
{
    const json *m = optional(key, json::value_t::boolean);
    return m ? m->get<bool>() : fallback;
}

int64_t ObjectReader::integer(const char *key, int64_t min, int64_t max, std::optional<int64_t> fallback)
{
    const json *m = optional(key, json::value_t::number_integer);
    if (!m) {
        if (!fallback)
            fail(at(key), "missing");
        return *fallback;
    }
    // Compared as JSON numbers first: no narrowing, so 4294967297 is not 1.
    if (m->is_number_unsigned() && m->get<uint64_t>() > uint64_t(INT64_MAX))
        fail(at(key), "out of range (" + m->dump() + ")");
    const int64_t v = m->get<int64_t>();
    if (v < min || v > max)
        fail(at(key), "out of range (" + m->dump() + ", expected " + std::to_string(min) + ".." + std::to_string(max)
                          + ")");
    return v;
}

double ObjectReader::finite(const char *key)
{
    const double v = required(key, json::value_t::number_float).get<double>();
    if (!std::isfinite(v))
        fail(at(key), "not a finite number");
    return v;
}

const json *ObjectReader::array(const char *key, std::size_t maxSize)
{
    const json *m = optional(key, json::value_t::array);
    if (m && m->size() > maxSize)
        fail(at(key), "too many elements (" + std::to_string(m->size()) + ", at most " + std::to_string(maxSize) + ")");
    return m;
}

void ObjectReader::finish()
{
    if (!m_warnings)
        return;
    for (const auto &[key, value] : m_object.items()) {
        if (!m_known.contains(key))
            m_warnings->push_back({pointerChild(m_pointer, key), "unknown member, ignored (not saved back)", 0, 0});
    }
}

std::vector<std::string> stringArray(const json &array, const std::string &pointer)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (!array[i].is_string())
            fail(pointerChild(pointer, i), std::string("wrong type (") + array[i].type_name() + ")");
        out.push_back(array[i].get<std::string>());
    }
    return out;
}

} // namespace mw::dashboard::detail
