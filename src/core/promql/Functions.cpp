#include "Functions.h"

#include <algorithm>
#include <array>

namespace mw::promql {

namespace {

constexpr ValueType S = ValueType::Scalar;
constexpr ValueType V = ValueType::Vector;
constexpr ValueType M = ValueType::Matrix;
constexpr ValueType Str = ValueType::String;

// Argument lists shared by many entries (std::span needs storage that lives on).
constexpr std::array<ValueType, 0> kNone{};
constexpr std::array kV{V};
constexpr std::array kM{M};
constexpr std::array kS{S};
constexpr std::array kVS{V, S};
constexpr std::array kVSS{V, S, S};
constexpr std::array kMS{M, S};
constexpr std::array kMSS{M, S, S};
constexpr std::array kSM{S, M};
constexpr std::array kSV{S, V};
constexpr std::array kSSV{S, S, V};
constexpr std::array kLabelReplace{V, Str, Str, Str, Str};
constexpr std::array kLabelJoin{V, Str, Str, Str};

// Sorted by name for the binary search in findFunction().
constexpr std::array kFunctions{
    Function{"abs", kV, 0, V},
    Function{"absent", kV, 0, V},
    Function{"absent_over_time", kM, 0, V},
    Function{"acos", kV, 0, V},
    Function{"acosh", kV, 0, V},
    Function{"asin", kV, 0, V},
    Function{"asinh", kV, 0, V},
    Function{"atan", kV, 0, V},
    Function{"atanh", kV, 0, V},
    Function{"avg_over_time", kM, 0, V},
    Function{"ceil", kV, 0, V},
    Function{"changes", kM, 0, V},
    Function{"clamp", kVSS, 0, V},
    Function{"clamp_max", kVS, 0, V},
    Function{"clamp_min", kVS, 0, V},
    Function{"cos", kV, 0, V},
    Function{"cosh", kV, 0, V},
    Function{"count_over_time", kM, 0, V},
    Function{"day_of_month", kV, 1, V},
    Function{"day_of_week", kV, 1, V},
    Function{"day_of_year", kV, 1, V},
    Function{"days_in_month", kV, 1, V},
    Function{"deg", kV, 0, V},
    Function{"delta", kM, 0, V},
    Function{"deriv", kM, 0, V},
    Function{"exp", kV, 0, V},
    Function{"floor", kV, 0, V},
    Function{"histogram_count", kV, 0, V},
    Function{"histogram_fraction", kSSV, 0, V},
    Function{"histogram_quantile", kSV, 0, V},
    Function{"histogram_sum", kV, 0, V},
    Function{"holt_winters", kMSS, 0, V},
    Function{"hour", kV, 1, V},
    Function{"idelta", kM, 0, V},
    Function{"increase", kM, 0, V},
    Function{"irate", kM, 0, V},
    Function{"label_join", kLabelJoin, -1, V},
    Function{"label_replace", kLabelReplace, 0, V},
    Function{"last_over_time", kM, 0, V},
    Function{"ln", kV, 0, V},
    Function{"log10", kV, 0, V},
    Function{"log2", kV, 0, V},
    Function{"max_over_time", kM, 0, V},
    Function{"min_over_time", kM, 0, V},
    Function{"minute", kV, 1, V},
    Function{"month", kV, 1, V},
    Function{"pi", kNone, 0, S},
    Function{"predict_linear", kMS, 0, V},
    Function{"present_over_time", kM, 0, V},
    Function{"quantile_over_time", kSM, 0, V},
    Function{"rad", kV, 0, V},
    Function{"rate", kM, 0, V},
    Function{"resets", kM, 0, V},
    Function{"round", kVS, 1, V},
    Function{"scalar", kV, 0, S},
    Function{"sgn", kV, 0, V},
    Function{"sin", kV, 0, V},
    Function{"sinh", kV, 0, V},
    Function{"sort", kV, 0, V},
    Function{"sort_desc", kV, 0, V},
    Function{"sqrt", kV, 0, V},
    Function{"stddev_over_time", kM, 0, V},
    Function{"stdvar_over_time", kM, 0, V},
    Function{"sum_over_time", kM, 0, V},
    Function{"tan", kV, 0, V},
    Function{"tanh", kV, 0, V},
    Function{"time", kNone, 0, S},
    Function{"timestamp", kV, 0, V},
    Function{"vector", kS, 0, V},
    Function{"year", kV, 1, V},
};

constexpr bool sortedByName()
{
    for (std::size_t i = 1; i < kFunctions.size(); ++i)
        if (!(kFunctions[i - 1].name < kFunctions[i].name))
            return false;
    return true;
}
static_assert(sortedByName(), "kFunctions must stay sorted by name");

} // namespace

std::span<const Function> allFunctions()
{
    return kFunctions;
}

const Function *findFunction(std::string_view name)
{
    const auto it = std::lower_bound(kFunctions.begin(), kFunctions.end(), name,
                                     [](const Function &f, std::string_view n) { return f.name < n; });
    if (it == kFunctions.end() || it->name != name)
        return nullptr;
    return &*it;
}

} // namespace mw::promql
