#pragma once

#include "EngineQueryable.h"
#include "EngineValue.h"
#include "query/PromCompat.h"

#include <cstdint>
#include <string_view>

namespace mw::promql {

struct Expr;

struct EngineOptions
{
    int64_t lookbackDeltaMs = 5 * 60 * 1000;   ///< Prometheus' --query.lookback-delta default
    PromCompat compat = PromCompat::V2_42;      ///< whose window boundaries and arithmetic
    std::size_t maxSamples = 50'000'000;        ///< points loaded for one query, like --query.max-samples
    int64_t maxSteps = 11'000;                  ///< points per series of a range query, as the HTTP API
};

/// The local PromQL evaluator: the same expression text a Prometheus source
/// runs, evaluated over a Queryable (the local series store). Semantics follow
/// Prometheus 2.42 by default (closed range windows [t-range, t], lookback
/// [t-5m, t], staleness markers end a series); PromCompat::V3 switches to
/// 3.x's left-open windows. Supports selectors with =, !=, =~, !~ and offset;
/// rate, irate, increase, delta, idelta, resets, changes, the *_over_time
/// family, histogram_quantile; sum, avg, min, max, count, group, stddev,
/// stdvar, topk, bottomk, quantile, count_values with by/without; every
/// binary operator with bool, on/ignoring and group_left/group_right;
/// and/or/unless; abs, ceil, floor, round, clamp, clamp_min, clamp_max, exp,
/// ln, log2, log10, sqrt, scalar, vector, time, timestamp, absent, sort,
/// sort_desc. Anything else is refused with a message naming it.
class Engine
{
public:
    explicit Engine(const Queryable &data, EngineOptions options = {});

    QueryResult instantQuery(std::string_view query, int64_t timeMs) const;
    QueryResult rangeQuery(std::string_view query, int64_t startMs, int64_t endMs, int64_t stepMs) const;

    QueryResult instant(const Expr &expr, int64_t timeMs) const;
    QueryResult range(const Expr &expr, int64_t startMs, int64_t endMs, int64_t stepMs) const;

private:
    const Queryable &m_data;
    EngineOptions m_options;
};

} // namespace mw::promql
