#pragma once

// Prometheus 2.42's checkAST (promql/parser/parse.go): type checks over a tree
// that parsed cleanly, in Prometheus' order so that the first error reported
// is the same. It also normalises vector matching as Prometheus does: set
// operators become many-to-many, and matching is dropped unless both sides
// are instant vectors.

#include "Ast.h"

#include <optional>
#include <string_view>

namespace mw::promql {

class TypeChecker
{
public:
    explicit TypeChecker(std::string_view query);

    /// The first type error, or none; `root` is normalised in place.
    std::optional<ParseError> check(Expr &root);

private:
    struct Failure
    {
    };

    ValueType checkNode(Expr &e);
    void expectType(Expr &e, ValueType want, std::string_view context);
    void checkBinary(Expr &e, BinaryExpr &b);
    void checkCall(const Call &c, Expr &e);
    void checkSelector(const VectorSelector &vs, const Expr &e);
    [[noreturn]] void fail(uint32_t offset, std::string message);
    /// Where the operator of a binary expression starts (after the left side's spaces).
    uint32_t operatorOffset(const BinaryExpr &b) const;

    std::string_view m_query;
    std::optional<ParseError> m_error;
};

} // namespace mw::promql
