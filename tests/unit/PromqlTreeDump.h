#pragma once

// A compact, fully explicit text form of a PromQL syntax tree for tests:
// every field of every node, so that comparing two dumps compares trees
// (format() is not used, so a printer bug cannot hide a parser bug).

#include "promql/Ast.h"

#include <string>

namespace mw::promql::test {

/// e.g. bin(+ lhs=vs(foo{__name__="foo"}) rhs=num(1) match=one-to-one)
std::string dumpTree(const Expr &e, bool withPositions = false);

} // namespace mw::promql::test
