#pragma once

// The PromQL function table of Prometheus 2.42 (promql/parser/functions.go):
// every function the parser accepts, with its argument and return types.
// The local engine implements a subset and refuses the rest by name.

#include "Ast.h"

#include <span>
#include <string_view>

namespace mw::promql {

struct Function
{
    std::string_view name;
    std::span<const ValueType> argTypes; ///< declared argument types, in order
    /// 0: exactly argTypes.size() arguments; n > 0: between size()-1 and
    /// size()-1+n arguments; -1: size()-1 or more (label_join). Arguments past
    /// the declared ones take the last declared type, as in Prometheus.
    int variadic = 0;
    ValueType returnType = ValueType::Vector;
};

/// Every registered function, sorted by name.
std::span<const Function> allFunctions();

} // namespace mw::promql
