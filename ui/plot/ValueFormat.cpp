#include "ValueFormat.h"

#include "NiceTicks.h"

#include <QCoreApplication>

#include <array>
#include <cmath>

namespace mw::ValueFormat {
namespace {

QString tr(const char *s) { return QCoreApplication::translate("mw::ValueFormat", s); }

struct Prefix
{
    double scale;
    const char *symbol;
};

/// The prefix putting |v| in [1, 1000) (clamped to the table's ends).
Prefix prefixFor(double v)
{
    static const std::array<Prefix, 9> table = {{{1e-9, "n"}, {1e-6, "\u00b5"}, {1e-3, "m"}, {1, ""},
                                                 {1e3, "k"}, {1e6, "M"}, {1e9, "G"}, {1e12, "T"}, {1e15, "P"}}};
    const double a = std::fabs(v);
    if (a == 0 || !std::isfinite(a))
        return table[3];
    for (std::size_t i = table.size(); i-- > 0;) {
        if (a >= table[i].scale * (1 - 1e-12))
            return table[i];
    }
    return table[0];
}

QString noData() { return tr("no data"); }

/// 3 significant digits, trailing zeros dropped.
QString significant(double v, const QLocale &locale)
{
    const double a = std::fabs(v);
    const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    QString s = locale.toString(v, 'f', decimals);
    if (decimals > 0) {
        const QChar dp = locale.decimalPoint().at(0);
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(dp))
            s.chop(1);
    }
    if (s == QLatin1String("-0"))
        s = QStringLiteral("0");
    return s;
}

} // namespace

QString tick(double v, double step, const QLocale &locale)
{
    if (!std::isfinite(v))
        return noData();
    if (std::fabs(v) < step * 1e-9)
        v = 0;
    const double a = std::fabs(v);
    if (a >= 1e4) {
        // Large values: SI prefix, enough decimals to tell ticks apart.
        const Prefix p = prefixFor(v);
        const int d = NiceTicks::decimalsFor(step / p.scale);
        return locale.toString(v / p.scale, 'f', d) + QString::fromUtf8(p.symbol);
    }
    return locale.toString(v, 'f', NiceTicks::decimalsFor(step));
}

QString si(double v, const QString &unit, const QLocale &locale)
{
    if (!std::isfinite(v))
        return noData();
    const Prefix p = prefixFor(v);
    QString s = significant(v / p.scale, locale);
    const QString suffix = QString::fromUtf8(p.symbol) + unit;
    if (!suffix.isEmpty())
        s += QLatin1Char(' ') + suffix;
    return s;
}

ValueFormatter siUnit(const QString &unit)
{
    return [unit](double v) -> QString { return si(v, unit); };
}

ValueFormatter bytes()
{
    return [](double v) -> QString {
        // Bytes have no fractional prefixes.
        if (std::isfinite(v) && std::fabs(v) < 1000)
            return significant(v, QLocale()) + QLatin1Char(' ') + tr("B");
        return si(v, tr("B"));
    };
}

ValueFormatter seconds()
{
    return [](double v) -> QString {
        if (std::isfinite(v) && std::fabs(v) >= 3600)
            return significant(v / 3600, QLocale()) + QLatin1Char(' ') + tr("h");
        if (std::isfinite(v) && std::fabs(v) >= 60)
            return significant(v / 60, QLocale()) + QLatin1Char(' ') + tr("min");
        return si(v, tr("s"));
    };
}

ValueFormatter percent()
{
    return [](double v) -> QString {
        if (!std::isfinite(v))
            return noData();
        return significant(v * 100, QLocale()) + QLatin1Char(' ') + tr("%");
    };
}

ValueFormatter iecBytes(const QString &perTime)
{
    return [perTime](double v) -> QString {
        if (!std::isfinite(v))
            return noData();
        static const std::array<const char *, 7> units = {{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}};
        double a = std::fabs(v);
        std::size_t i = 0;
        while (a >= 1024 * (1 - 1e-12) && i + 1 < units.size()) {
            a /= 1024;
            ++i;
        }
        const double shown = v < 0 ? -a : a;
        return significant(shown, QLocale()) + QLatin1Char(' ') + tr(units[i]) + perTime;
    };
}

ValueFormatter forUnit(presets::Unit unit)
{
    using presets::Unit;
    switch (unit) {
    case Unit::None:
    case Unit::Count:
        return [](double v) -> QString { return si(v, QString()); };
    case Unit::RequestsPerSecond:
        return siUnit(tr("req/s"));
    case Unit::TokensPerSecond:
        return siUnit(tr("tok/s"));
    case Unit::PerSecond:
        return siUnit(tr("/s"));
    case Unit::Seconds:
        return seconds();
    case Unit::Milliseconds: {
        const ValueFormatter s = seconds();
        return [s](double v) { return s(v / 1e3); };
    }
    case Unit::Microseconds: {
        const ValueFormatter s = seconds();
        return [s](double v) { return s(v / 1e6); };
    }
    case Unit::Nanoseconds: {
        const ValueFormatter s = seconds();
        return [s](double v) { return s(v / 1e9); };
    }
    case Unit::Bytes:
        return iecBytes();
    case Unit::BytesPerSecond:
        return iecBytes(tr("/s"));
    case Unit::Cores:
        return siUnit(tr("cores"));
    case Unit::Percent: {
        const ValueFormatter p = percent();
        return [p](double v) { return p(v / 100); };
    }
    case Unit::Ratio:
        return percent();
    case Unit::Watts:
        return siUnit(tr("W"));
    }
    return siUnit(QString());
}

} // namespace mw::ValueFormat
