#include "CliArgs.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QRegularExpression>

#include <cmath>
#include <cstdio>

namespace mw::cli {

std::optional<int64_t> parseTimeArg(const QString &text, QString &error)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok && std::isfinite(seconds) && std::fabs(seconds) < 9.2e15)
        return static_cast<int64_t>(std::llround(seconds * 1000.0));
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (dt.isValid() && (text.endsWith(u'Z') || text.contains(u'+') || text.lastIndexOf(u'-') > 9))
        return dt.toMSecsSinceEpoch();
    error = QStringLiteral("cannot parse '%1' as a time (Unix seconds or RFC 3339 with a zone, e.g. "
                           "2026-11-25T07:00:00Z)")
                .arg(text);
    return std::nullopt;
}

std::optional<int64_t> parseDurationArg(const QString &text, QString &error)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok) {
        if (std::isfinite(seconds) && seconds > 0 && seconds < 9.2e12)
            return std::max<int64_t>(1, std::llround(seconds * 1000.0));
    } else {
        static const QRegularExpression whole(QStringLiteral("^((\\d+)(ms|s|m|h|d|w|y))+$"));
        static const QRegularExpression part(QStringLiteral("(\\d+)(ms|s|m|h|d|w|y)"));
        if (whole.match(text).hasMatch()) {
            int64_t total = 0;
            for (auto it = part.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                const int64_t n = m.captured(1).toLongLong();
                const QString unit = m.captured(2);
                const int64_t scale = unit == u"ms" ? 1
                    : unit == u"s"                  ? 1000
                    : unit == u"m"                  ? 60'000
                    : unit == u"h"                  ? 3'600'000
                    : unit == u"d"                  ? 86'400'000
                    : unit == u"w"                  ? 604'800'000
                                                    : int64_t{31'536'000'000};
                total += n * scale;
            }
            if (total > 0)
                return total;
        }
    }
    error = QStringLiteral("cannot parse '%1' as a duration (e.g. 15s, 1m30s, 500ms, or seconds)").arg(text);
    return std::nullopt;
}

void printCommandHelp(const QCommandLineParser &parser, const char *usage)
{
    const QString help = parser.helpText();
    std::fputs(usage, stdout);
    std::fputs(qPrintable(help.mid(help.indexOf(u'\n') + 1)), stdout);
}

} // namespace mw::cli
