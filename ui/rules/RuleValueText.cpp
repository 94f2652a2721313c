#include "RuleValueText.h"

#include <QLocale>
#include <QRegularExpression>

#include <charconv>
#include <cmath>
#include <iterator>

namespace mw::rulesui {

using alerting::ValueUnit;

namespace {

struct Suffix
{
    const char16_t *text;
    double factor; ///< in the base of its kind: nanoseconds, a ratio's 1/100, bytes
};

constexpr Suffix kDurationSuffixes[] = {
    {u"ns", 1}, {u"us", 1e3}, {u"\u00b5s", 1e3}, {u"\u03bcs", 1e3}, {u"ms", 1e6}, {u"s", 1e9},
    {u"m", 60e9}, {u"min", 60e9}, {u"h", 3600e9}, {u"d", 86400e9},
};
constexpr Suffix kByteSuffixes[] = {
    {u"B", 1}, {u"kB", 1e3}, {u"KB", 1e3}, {u"KiB", 1024.0}, {u"MB", 1e6}, {u"MiB", 1048576.0},
    {u"GB", 1e9}, {u"GiB", 1073741824.0}, {u"TB", 1e12}, {u"TiB", 1099511627776.0},
};

/// Nanoseconds in one of the unit; 0 when it is not a duration.
double unitNanoseconds(ValueUnit unit)
{
    switch (unit) {
    case ValueUnit::Seconds: return 1e9;
    case ValueUnit::Milliseconds: return 1e6;
    case ValueUnit::Microseconds: return 1e3;
    default: return 0;
    }
}

template <std::size_t N>
std::optional<double> factorOf(const Suffix (&table)[N], const QString &suffix)
{
    for (const Suffix &s : table) {
        if (suffix == QStringView(s.text))
            return s.factor;
    }
    return std::nullopt;
}

} // namespace

QString RuleValueText::number(double v)
{
    char buf[64];
    const double a = std::fabs(v);
    const bool fixed = a == 0.0 || (a >= 1e-4 && a < 1e15);
    const auto r = fixed ? std::to_chars(std::begin(buf), std::end(buf), v, std::chars_format::fixed)
                         : std::to_chars(std::begin(buf), std::end(buf), v);
    if (r.ec != std::errc())
        return QString::number(v, 'g', 17);
    return QString::fromLatin1(buf, qsizetype(r.ptr - buf));
}

std::optional<double> RuleValueText::parse(const QString &text, ValueUnit unit)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(\\S*)\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double x = QLocale::c().toDouble(m.captured(1), &ok);
    if (!ok || !std::isfinite(x))
        return std::nullopt;
    const QString suffix = m.captured(2);
    if (suffix.isEmpty())
        return x;
    std::optional<double> out;
    if (const double ns = unitNanoseconds(unit); ns > 0) {
        // Both scales are whole nanoseconds: one exact ratio, one rounding
        // ("500ms" in µs is exactly 500000, "123ms" in s reads as "0.123").
        if (const auto f = factorOf(kDurationSuffixes, suffix))
            out = *f >= ns ? x * (*f / ns) : x / (ns / *f);
    } else if (unit == ValueUnit::Ratio && suffix == u"%") {
        out = x / 100.0;
    } else if (unit == ValueUnit::Percent && suffix == u"%") {
        out = x;
    } else if (unit == ValueUnit::Bytes) {
        if (const auto f = factorOf(kByteSuffixes, suffix))
            out = x * *f;
    }
    if (out && !std::isfinite(*out))
        return std::nullopt;
    return out;
}

QString RuleValueText::examples(ValueUnit unit)
{
    switch (unit) {
    case ValueUnit::None: return tr("a number, e.g. 0.5 or 1e6");
    case ValueUnit::Seconds: return tr("seconds, or with a unit: 0.5 or 500ms");
    case ValueUnit::Milliseconds: return tr("milliseconds, or with a unit: 500 or 0.5s");
    case ValueUnit::Microseconds: return tr("microseconds, or with a unit: 500000 or 500ms");
    case ValueUnit::Ratio: return tr("a ratio 0–1, or a percentage: 0.8 or 80%");
    case ValueUnit::Percent: return tr("a percentage 0–100: 80 or 80%");
    case ValueUnit::Bytes: return tr("bytes, or with a unit: 2147483648 or 2GiB");
    }
    return {};
}

QString RuleValueText::symbol(ValueUnit unit)
{
    switch (unit) {
    case ValueUnit::None:
    case ValueUnit::Ratio: return {};
    case ValueUnit::Seconds: return QStringLiteral("s");
    case ValueUnit::Milliseconds: return QStringLiteral("ms");
    case ValueUnit::Microseconds: return QStringLiteral("\u00b5s");
    case ValueUnit::Percent: return QStringLiteral("%");
    case ValueUnit::Bytes: return QStringLiteral("B");
    }
    return {};
}

QString RuleValueText::unitName(ValueUnit unit)
{
    switch (unit) {
    case ValueUnit::None: return tr("None (plain number)");
    case ValueUnit::Seconds: return tr("Seconds (s)");
    case ValueUnit::Milliseconds: return tr("Milliseconds (ms)");
    case ValueUnit::Microseconds: return tr("Microseconds (\u00b5s)");
    case ValueUnit::Ratio: return tr("Ratio (0–1, shown as percent)");
    case ValueUnit::Percent: return tr("Percent (0–100)");
    case ValueUnit::Bytes: return tr("Bytes (B)");
    }
    return {};
}

std::vector<ValueUnit> RuleValueText::allUnits()
{
    return {ValueUnit::None,  ValueUnit::Seconds, ValueUnit::Milliseconds, ValueUnit::Microseconds,
            ValueUnit::Ratio, ValueUnit::Percent, ValueUnit::Bytes};
}

std::optional<ValueUnit> RuleValueText::fromPanelUnit(presets::Unit unit)
{
    switch (unit) {
    case presets::Unit::Seconds: return ValueUnit::Seconds;
    case presets::Unit::Milliseconds: return ValueUnit::Milliseconds;
    case presets::Unit::Microseconds: return ValueUnit::Microseconds;
    case presets::Unit::Bytes: return ValueUnit::Bytes;
    case presets::Unit::Percent: return ValueUnit::Percent;
    case presets::Unit::Ratio: return ValueUnit::Ratio;
    default: return std::nullopt;
    }
}

} // namespace mw::rulesui
