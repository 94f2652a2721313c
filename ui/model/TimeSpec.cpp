#include "TimeSpec.h"

#include "promql/PromqlText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <array>

namespace mw::view {
namespace {

QString tr(const char *s) { return QCoreApplication::translate("mw::view::TimeSpec", s); }

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

} // namespace

std::optional<int64_t> resolveTimeSpec(const std::string &spec, int64_t nowMs, QString *error)
{
    const QString text = QString::fromStdString(spec).trimmed();
    if (text.isEmpty()) {
        setError(error, tr("an empty time"));
        return std::nullopt;
    }
    if (text == u"now")
        return nowMs;
    if (text.startsWith(u"now-")) {
        const promql::text::DurationResult d = promql::text::parseDuration(text.mid(4).toStdString());
        if (!d.error.empty()) {
            setError(error, tr("'%1': %2").arg(text, QString::fromStdString(d.error)));
            return std::nullopt;
        }
        return nowMs - d.ms;
    }
    bool isNumber = false;
    const qlonglong ms = text.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) {
        setError(error, tr("'%1' is not a time: use now, now-1h or an ISO 8601 time such as "
                           "2026-12-01T08:00:00Z")
                            .arg(text));
        return std::nullopt;
    }
    return t.toMSecsSinceEpoch();
}

std::optional<ResolvedRange> resolveRange(const dashboard::TimeRange &range, int64_t nowMs, QString *error)
{
    QString why;
    const std::optional<int64_t> from = resolveTimeSpec(range.from, nowMs, &why);
    if (!from) {
        setError(error, tr("start of the time range: %1").arg(why));
        return std::nullopt;
    }
    const std::optional<int64_t> to = resolveTimeSpec(range.to, nowMs, &why);
    if (!to) {
        setError(error, tr("end of the time range: %1").arg(why));
        return std::nullopt;
    }
    if (*from >= *to) {
        setError(error, tr("the time range starts after it ends"));
        return std::nullopt;
    }
    ResolvedRange r;
    r.fromMs = *from;
    r.toMs = *to;
    r.live = QString::fromStdString(range.to).trimmed() == u"now";
    return r;
}

dashboard::TimeRange relativeRange(int64_t spanMs)
{
    return {"now-" + promql::text::formatDuration(spanMs), "now"};
}

dashboard::TimeRange absoluteRange(int64_t fromMs, int64_t toMs)
{
    const auto iso = [](int64_t ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate).toStdString();
    };
    return {iso(fromMs), iso(toMs)};
}

QString describeRange(const dashboard::TimeRange &range)
{
    const QString from = QString::fromStdString(range.from);
    if (range.to == "now" && from.startsWith(u"now-")) {
        const promql::text::DurationResult d = promql::text::parseDuration(from.mid(4).toStdString());
        if (d.error.empty()) {
            const int64_t s = d.ms / 1000;
            const auto last = [](int64_t n, const char *one, const char *many) {
                return n == 1 ? tr(one) : tr(many).arg(n);
            };
            if (s % 86400 == 0)
                return last(s / 86400, "Last day", "Last %1 days");
            if (s % 3600 == 0)
                return last(s / 3600, "Last hour", "Last %1 hours");
            if (s % 60 == 0)
                return last(s / 60, "Last minute", "Last %1 minutes");
            return tr("Last %1").arg(from.mid(4));
        }
    }
    QString error;
    const auto show = [&](const std::string &spec) {
        const std::optional<int64_t> ms = resolveTimeSpec(spec, 0, &error);
        if (!ms || spec.rfind("now", 0) == 0)
            return QString::fromStdString(spec);
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms), QLocale::ShortFormat);
    };
    return tr("%1 to %2").arg(show(range.from), show(range.to));
}

int64_t stepFor(int64_t spanMs, int maxPoints, int64_t minStepMs)
{
    static constexpr std::array<int64_t, 16> nice = {1'000,     2'000,     5'000,      10'000,    15'000,    30'000,
                                                     60'000,    120'000,   300'000,    600'000,   900'000,   1'800'000,
                                                     3'600'000, 7'200'000, 21'600'000, 86'400'000};
    const int64_t raw = std::max<int64_t>({1, spanMs / std::max(1, maxPoints), minStepMs});
    for (int64_t n : nice) {
        if (n >= raw)
            return n;
    }
    return (raw + 86'399'999) / 86'400'000 * 86'400'000;
}

int64_t refreshPeriodMs(dashboard::Refresh refresh)
{
    using dashboard::Refresh;
    switch (refresh) {
    case Refresh::Off:
        return 0;
    case Refresh::OneSecond:
        return 1'000;
    case Refresh::FiveSeconds:
        return 5'000;
    case Refresh::TenSeconds:
        return 10'000;
    case Refresh::ThirtySeconds:
        return 30'000;
    case Refresh::OneMinute:
        return 60'000;
    }
    return 0;
}

} // namespace mw::view
