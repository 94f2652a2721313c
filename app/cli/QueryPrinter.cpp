#include "QueryPrinter.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace mw::cli {

using promql::Matrix;
using promql::QueryResult;
using promql::ScalarValue;
using promql::StringValue;
using promql::Vector;

std::string formatPromValue(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[400];
    const double a = std::fabs(v);
    const bool fixed = a == 0 || (a >= 1e-6 && a < 1e21);
    const auto r = std::to_chars(buf, buf + sizeof buf, v, fixed ? std::chars_format::fixed : std::chars_format::scientific);
    return std::string(buf, r.ptr);
}

std::string formatPromTime(int64_t ms)
{
    const int64_t sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    const int64_t frac = ms - sec * 1000;
    std::string out = std::to_string(sec);
    if (frac != 0) {
        // 0 < frac < 1000: three digits, trailing zeros dropped.
        std::string f = std::to_string(1000 + frac);
        f[0] = '.';
        while (f.back() == '0')
            f.pop_back();
        out += f;
    }
    return out;
}

namespace {

std::string labelsJson(const Labels &labels)
{
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (const Labels::Pair &p : labels.pairs())
        o[p.name] = p.value;
    return o.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string pointJson(int64_t t, double v)
{
    return "[" + formatPromTime(t) + ",\"" + formatPromValue(v) + "\"]";
}

std::string stringJson(const std::string &s)
{
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

void printQueryJson(const QueryResult &r, std::FILE *out)
{
    std::string s;
    if (!r.ok()) {
        s = "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":" + stringJson(r.error) + "}\n";
        std::fputs(s.c_str(), out);
        return;
    }
    s = "{\"status\":\"success\",\"data\":{\"resultType\":\"";
    s += r.resultType();
    s += "\",\"result\":";
    if (const auto *sc = std::get_if<ScalarValue>(&r.value)) {
        s += pointJson(sc->t, sc->value);
    } else if (const auto *str = std::get_if<StringValue>(&r.value)) {
        s += "[" + formatPromTime(str->t) + "," + stringJson(str->value) + "]";
    } else if (const auto *vec = std::get_if<Vector>(&r.value)) {
        s += '[';
        for (std::size_t i = 0; i < vec->size(); ++i) {
            const auto &e = (*vec)[i];
            s += (i ? ",{\"metric\":" : "{\"metric\":") + labelsJson(e.labels) + ",\"value\":"
                + pointJson(e.t, e.value) + "}";
        }
        s += ']';
    } else {
        const auto &m = std::get<Matrix>(r.value);
        s += '[';
        for (std::size_t i = 0; i < m.size(); ++i) {
            s += (i ? ",{\"metric\":" : "{\"metric\":") + labelsJson(m[i].labels) + ",\"values\":[";
            for (std::size_t j = 0; j < m[i].points.size(); ++j)
                s += (j ? "," : "") + pointJson(m[i].points[j].t, m[i].points[j].v);
            s += "]}";
        }
        s += ']';
    }
    s += '}';
    if (!r.warnings.empty()) {
        s += ",\"warnings\":[";
        for (std::size_t i = 0; i < r.warnings.size(); ++i)
            s += (i ? "," : "") + stringJson(r.warnings[i]);
        s += ']';
    }
    s += "}\n";
    std::fwrite(s.data(), 1, s.size(), out);
}

void printQueryText(const QueryResult &r, std::FILE *out)
{
    std::string s;
    if (const auto *sc = std::get_if<ScalarValue>(&r.value)) {
        s = "scalar: " + formatPromValue(sc->value) + " @[" + formatPromTime(sc->t) + "]\n";
    } else if (const auto *str = std::get_if<StringValue>(&r.value)) {
        s = "string: " + str->value + " @[" + formatPromTime(str->t) + "]\n";
    } else if (const auto *vec = std::get_if<Vector>(&r.value)) {
        for (const auto &e : *vec)
            s += e.labels.toString() + " => " + formatPromValue(e.value) + " @[" + formatPromTime(e.t) + "]\n";
    } else {
        for (const auto &series : std::get<Matrix>(r.value)) {
            s += series.labels.toString() + " =>\n";
            for (const Point &p : series.points)
                s += formatPromValue(p.v) + " @[" + formatPromTime(p.t) + "]\n";
        }
    }
    for (const std::string &w : r.warnings)
        s += "warning: " + w + "\n";
    std::fwrite(s.data(), 1, s.size(), out);
}

} // namespace mw::cli
