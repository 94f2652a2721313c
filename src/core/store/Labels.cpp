#include "Labels.h"

#include <algorithm>

namespace mw {

namespace {
constexpr char kHexDigits[] = "0123456789abcdef";

uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}
} // namespace

void appendQuotedLabelValue(std::string &out, std::string_view value)
{
    out += '"';
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (u < 0x20 || u == 0x7f) {
                out += "\\x";
                out += kHexDigits[u >> 4];
                out += kHexDigits[u & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

std::string formatLabels(std::span<const LabelView> sorted)
{
    std::string out;
    std::string_view name;
    std::size_t others = 0;
    for (const LabelView &l : sorted) {
        if (l.name == kMetricNameLabel)
            name = l.value;
        else
            ++others;
    }
    out += name;
    if (others == 0 && !name.empty())
        return out;
    out += '{';
    bool first = true;
    for (const LabelView &l : sorted) {
        if (l.name == kMetricNameLabel)
            continue;
        if (!first)
            out += ", ";
        first = false;
        out += l.name;
        out += '=';
        appendQuotedLabelValue(out, l.value);
    }
    out += '}';
    return out;
}

Labels::Labels(std::initializer_list<std::pair<std::string_view, std::string_view>> pairs)
{
    m_pairs.reserve(pairs.size());
    for (const auto &[n, v] : pairs)
        set(n, v);
}

Labels::Labels(std::span<const LabelView> pairs)
{
    m_pairs.reserve(pairs.size());
    for (const LabelView &l : pairs)
        set(l.name, l.value);
}

void Labels::set(std::string_view name, std::string_view value)
{
    auto it = std::lower_bound(m_pairs.begin(), m_pairs.end(), name,
                               [](const Pair &p, std::string_view n) { return std::string_view(p.name) < n; });
    const bool found = it != m_pairs.end() && it->name == name;
    if (value.empty()) {
        if (found)
            m_pairs.erase(it);
    } else if (found) {
        it->value.assign(value);
    } else {
        m_pairs.insert(it, Pair{std::string(name), std::string(value)});
    }
    rehash();
}

std::optional<std::string_view> Labels::get(std::string_view name) const
{
    auto it = std::lower_bound(m_pairs.begin(), m_pairs.end(), name,
                               [](const Pair &p, std::string_view n) { return std::string_view(p.name) < n; });
    if (it != m_pairs.end() && it->name == name)
        return std::string_view(it->value);
    return std::nullopt;
}

std::vector<LabelView> Labels::views() const
{
    std::vector<LabelView> out;
    out.reserve(m_pairs.size());
    for (const Pair &p : m_pairs)
        out.push_back({p.name, p.value});
    return out;
}

std::string Labels::toString() const
{
    const auto v = views();
    return formatLabels(v);
}

void Labels::rehash()
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const Pair &p : m_pairs) {
        h = mix(h, std::hash<std::string_view>{}(p.name));
        h = mix(h, std::hash<std::string_view>{}(p.value));
    }
    m_hash = h;
}

} // namespace mw
