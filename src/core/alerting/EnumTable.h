#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace mw::alerting::detail {

/// One (value, id) table per enum, so writing and reading an id can never disagree.
template<typename E, std::size_t N>
using EnumTable = std::array<std::pair<E, std::string_view>, N>;

template<typename E, std::size_t N>
std::string_view idOf(const EnumTable<E, N> &table, E value)
{
    for (const auto &[e, id] : table)
        if (e == value)
            return id;
    return {};
}

template<typename E, std::size_t N>
std::optional<E> fromId(const EnumTable<E, N> &table, std::string_view id)
{
    for (const auto &[e, text] : table)
        if (text == id)
            return e;
    return std::nullopt;
}

} // namespace mw::alerting::detail
