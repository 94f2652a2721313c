#pragma once

// Internal to the engine: the per-query evaluator and its value types.

#include "Engine.h"

#include <span>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace mw::promql {

struct VectorSelector;
struct MatrixSelector;
struct AggregateExpr;
struct BinaryExpr;
struct Call;

namespace detail {

/// Thrown inside one evaluation and caught by Engine, which turns it into
/// QueryResult::error (as Prometheus' evaluator panics and recovers).
struct EvalError
{
    std::string message;
};

/// A range vector during evaluation: views into the data loaded for the query.
struct RangeRef
{
    const Labels *labels = nullptr;
    std::span<const Point> points; ///< staleness markers included; functions skip them
};
using MatrixRef = std::vector<RangeRef>;

using EvalValue = std::variant<ScalarValue, Vector, MatrixRef, StringValue>;

class Evaluator
{
public:
    Evaluator(const Queryable &data, const EngineOptions &options, int64_t startMs, int64_t endMs);

    /// Compiles the matchers of every selector and loads the data the whole
    /// query needs (all steps) once.
    void prepare(const Expr &root);
    EvalValue eval(const Expr &expr, int64_t t);

    const EngineOptions &options() const { return m_options; }
    void warn(std::string message);
    std::vector<std::string> takeWarnings() { return std::move(m_warnings); }

    /// The instant vector a selector yields at `t`.
    Vector selectVector(const VectorSelector &sel, int64_t t);
    /// The range vector a matrix selector yields at `t`, and its window.
    MatrixRef selectMatrix(const MatrixSelector &sel, int64_t t, int64_t &rangeStart, int64_t &rangeEnd);

    /// Equality matchers of a selector, for absent().
    static Labels absentLabels(const VectorSelector &sel);

private:
    void load(const VectorSelector &sel, int64_t rangeMs);
    EvalValue evalNode(const Expr &expr, int64_t t);

    const Queryable &m_data;
    const EngineOptions &m_options;
    int64_t m_start;
    int64_t m_end;
    std::size_t m_loadedPoints = 0;
    std::unordered_map<const VectorSelector *, std::vector<SeriesData>> m_loaded;
    std::vector<std::string> m_warnings;
};

// Implemented in EngineAggregate.cpp, EngineBinary.cpp, EngineFunctions.cpp.
Vector aggregate(const AggregateExpr &node, const Vector &input, const EvalValue *param);
EvalValue binaryOperation(const BinaryExpr &node, EvalValue lhs, EvalValue rhs);
EvalValue callFunction(Evaluator &ev, const Call &call, int64_t t);

/// Value type names as Prometheus prints them ("instant vector", ...).
const char *valueTypeName(const EvalValue &v);
/// Fails with Prometheus' "vector cannot contain metrics with the same labelset".
void checkUniqueLabels(const Vector &v);

} // namespace detail
} // namespace mw::promql
