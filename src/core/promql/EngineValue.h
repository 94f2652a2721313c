#pragma once

#include "store/Labels.h"
#include "store/Point.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace mw::promql {

/// One element of an instant vector: a series' labels and its value at the
/// evaluation time (t: the sample's own timestamp, for timestamp()).
struct VectorSample
{
    Labels labels;
    double value = 0.0;
    int64_t t = 0;
};
using Vector = std::vector<VectorSample>;

/// One series of a range result: its labels and points in time order.
struct MatrixSeries
{
    Labels labels;
    std::vector<Point> points;
};
using Matrix = std::vector<MatrixSeries>;

struct ScalarValue
{
    double value = 0.0;
    int64_t t = 0;
};

struct StringValue
{
    std::string value;
    int64_t t = 0;
};

/// What a query returns: an instant query gives a scalar, a vector, a
/// string, or (for a bare range selector) a matrix; a range query always
/// gives a matrix. `error` is set instead when evaluation failed.
struct QueryResult
{
    std::variant<ScalarValue, Vector, Matrix, StringValue> value;
    std::string error;                 ///< empty on success
    std::vector<std::string> warnings; ///< e.g. histogram_quantile monotonicity fixes

    bool ok() const { return error.empty(); }
    const char *resultType() const;    ///< "scalar", "vector", "matrix" or "string"
};

} // namespace mw::promql
