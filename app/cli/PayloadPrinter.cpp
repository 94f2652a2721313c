#include "PayloadPrinter.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <string>

namespace mw::cli {

namespace {

using expo::Format;
using expo::ParseResult;

std::string formatValue(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

void appendEscaped(std::string &out, std::string_view s, bool quotes)
{
    for (char c : s) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (quotes && c == '"')
            out += "\\\"";
        else
            out += c;
    }
}

bool needsQuoting(std::string_view name, bool metric)
{
    if (name.empty())
        return true;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool ok = alpha || (metric && c == ':') || (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return true;
    }
    return false;
}

void appendLabels(std::string &out, const ParseResult &r, uint32_t begin, uint32_t count, std::string_view quotedName)
{
    if (count == 0 && quotedName.empty())
        return;
    out += '{';
    bool first = true;
    if (!quotedName.empty()) {
        out += '"';
        appendEscaped(out, quotedName, true);
        out += '"';
        first = false;
    }
    for (uint32_t i = 0; i < count; ++i) {
        const expo::Label &l = r.labels[begin + i];
        if (!first)
            out += ',';
        first = false;
        if (needsQuoting(l.name, false)) {
            out += '"';
            appendEscaped(out, l.name, true);
            out += '"';
        } else {
            out += l.name;
        }
        out += "=\"";
        appendEscaped(out, l.value, true);
        out += '"';
    }
    out += '}';
}

nlohmann::ordered_json jsonValue(double v)
{
    if (std::isfinite(v))
        return v;
    return formatValue(v);
}

nlohmann::ordered_json jsonLabels(const ParseResult &r, uint32_t begin, uint32_t count)
{
    nlohmann::ordered_json labels = nlohmann::ordered_json::object();
    for (uint32_t i = 0; i < count; ++i) {
        const expo::Label &l = r.labels[begin + i];
        labels[std::string(l.name)] = std::string(l.value);
    }
    return labels;
}

} // namespace

void printPayloadText(const ParseResult &r, std::FILE *out)
{
    std::string buf;
    buf.reserve(1 << 16);
    auto flush = [&] {
        std::fwrite(buf.data(), 1, buf.size(), out);
        buf.clear();
    };
    for (const expo::MetricFamily &f : r.families) {
        const bool quoteName = needsQuoting(f.name, true);
        auto nameText = [&] {
            return quoteName ? "\"" + std::string(f.name) + "\"" : std::string(f.name);
        };
        if (f.hasHelp) {
            buf += "# HELP " + nameText() + ' ';
            appendEscaped(buf, f.help, r.format == Format::OpenMetrics);
            buf += '\n';
        }
        buf += "# TYPE " + nameText() + ' ';
        buf += expo::metricTypeName(f.type, r.format);
        buf += '\n';
        if (f.hasUnit)
            buf += "# UNIT " + nameText() + ' ' + std::string(f.unit) + '\n';
        for (uint32_t i = f.sampleBegin; i < f.sampleBegin + f.sampleCount; ++i) {
            const expo::Sample &s = r.samples[i];
            const bool quoteSample = needsQuoting(s.name, true);
            if (!quoteSample)
                buf += s.name;
            appendLabels(buf, r, s.labelBegin, s.labelCount, quoteSample ? s.name : std::string_view());
            buf += ' ';
            buf += formatValue(s.value);
            if (s.hasTimestamp)
                buf += ' ' + std::to_string(s.timestampMs);
            if (s.exemplar >= 0) {
                const expo::Exemplar &e = r.exemplars[static_cast<size_t>(s.exemplar)];
                buf += " # ";
                if (e.labelCount == 0)
                    buf += "{}";
                appendLabels(buf, r, e.labelBegin, e.labelCount, {});
                buf += ' ' + formatValue(e.value);
                if (e.hasTimestamp)
                    buf += ' ' + formatValue(e.timestamp);
            }
            buf += '\n';
            if (buf.size() > (1 << 16) - 4096)
                flush();
        }
    }
    buf += "# " + std::to_string(r.families.size()) + " families, " + std::to_string(r.samples.size())
        + " samples\n";
    flush();
}

void printPayloadJson(const ParseResult &r, std::FILE *out)
{
    nlohmann::ordered_json doc;
    doc["format"] = r.format == Format::OpenMetrics ? "openmetrics" : "prometheus";
    nlohmann::ordered_json families = nlohmann::ordered_json::array();
    for (const expo::MetricFamily &f : r.families) {
        nlohmann::ordered_json fam;
        fam["name"] = std::string(f.name);
        fam["type"] = std::string(expo::metricTypeName(f.type, r.format));
        fam["help"] = std::string(f.help);
        fam["unit"] = std::string(f.unit);
        nlohmann::ordered_json samples = nlohmann::ordered_json::array();
        for (uint32_t i = f.sampleBegin; i < f.sampleBegin + f.sampleCount; ++i) {
            const expo::Sample &s = r.samples[i];
            nlohmann::ordered_json js;
            js["name"] = std::string(s.name);
            js["labels"] = jsonLabels(r, s.labelBegin, s.labelCount);
            js["value"] = jsonValue(s.value);
            if (s.hasTimestamp)
                js["timestamp_ms"] = s.timestampMs;
            if (s.exemplar >= 0) {
                const expo::Exemplar &e = r.exemplars[static_cast<size_t>(s.exemplar)];
                nlohmann::ordered_json je;
                je["labels"] = jsonLabels(r, e.labelBegin, e.labelCount);
                je["value"] = jsonValue(e.value);
                if (e.hasTimestamp)
                    je["timestamp"] = e.timestamp;
                js["exemplar"] = std::move(je);
            }
            samples.push_back(std::move(js));
        }
        fam["samples"] = std::move(samples);
        families.push_back(std::move(fam));
    }
    doc["families"] = std::move(families);
    const std::string text = doc.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
    std::fwrite(text.data(), 1, text.size(), out);
}

} // namespace mw::cli
