#include "PromApi.h"

#include <QUrl>

#include <algorithm>
#include <array>
#include <limits>

namespace mw {

namespace {

int64_t ceilDiv(int64_t a, int64_t b)
{
    return a / b + (a % b != 0 ? 1 : 0);
}

int64_t niceStep(int64_t ms)
{
    static constexpr std::array<int64_t, 31> kNice = {
        1, 2, 5, 10, 20, 50, 100, 200, 500,                       // ms
        1'000, 2'000, 5'000, 10'000, 15'000, 30'000,              // s
        60'000, 120'000, 300'000, 600'000, 900'000, 1'800'000,    // min
        3'600'000, 7'200'000, 10'800'000, 21'600'000, 43'200'000, // h
        86'400'000, 172'800'000, 604'800'000, 1'209'600'000, 2'419'200'000};
    for (const int64_t step : kNice) {
        if (step >= ms)
            return step;
    }
    constexpr int64_t kDay = 86'400'000;
    return ceilDiv(ms, kDay) * kDay;
}

bool isLegacyRune(char32_t c, std::size_t byteIndex)
{
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U'_' || c == U':'
        || (c >= U'0' && c <= U'9' && byteIndex > 0);
}

} // namespace

int64_t PromApi::deriveStepMs(int64_t startMs, int64_t endMs, int64_t points, StepRounding rounding)
{
    if (endMs <= startMs)
        return 1;
    // A range wider than int64 (start near min, end near max) saturates.
    const int64_t range = (startMs < 0 && endMs > std::numeric_limits<int64_t>::max() + startMs)
        ? std::numeric_limits<int64_t>::max()
        : endMs - startMs;
    const int64_t wanted = std::clamp<int64_t>(points, 1, kMaxPointsPerSeries);
    // Prometheus checks range/step > 11000 (integer division): ceil(range/11000)
    // keeps range/step <= 11000, so (range/step + 1) points at most.
    const int64_t step = std::max<int64_t>(1, ceilDiv(range, wanted));
    return rounding == StepRounding::Nice ? niceStep(step) : step;
}

int64_t PromApi::pointCount(int64_t startMs, int64_t endMs, int64_t stepMs)
{
    if (endMs < startMs || stepMs <= 0)
        return 0;
    return (endMs - startMs) / stepMs + 1;
}

QByteArray PromApi::formatTime(int64_t ms)
{
    const bool negative = ms < 0;
    // Work on the magnitude as unsigned so INT64_MIN is fine.
    const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(ms) : static_cast<uint64_t>(ms);
    QByteArray out = negative ? QByteArray("-") : QByteArray();
    out += QByteArray::number(static_cast<qulonglong>(magnitude / 1000));
    const auto frac = static_cast<int>(magnitude % 1000);
    if (frac != 0) {
        QByteArray digits = QByteArray::number(frac).rightJustified(3, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        out += '.' + digits;
    }
    return out;
}

QByteArray PromApi::formatDuration(int64_t ms)
{
    if (ms % 1000 == 0)
        return QByteArray::number(static_cast<qlonglong>(ms / 1000));
    return QByteArray::number(static_cast<qlonglong>(ms)) + "ms";
}

QByteArray PromApi::escapeLabelName(const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    bool legacy = !utf8.isEmpty() && !utf8.startsWith("U__");
    for (qsizetype i = 0; legacy && i < utf8.size(); ++i)
        legacy = isLegacyRune(static_cast<unsigned char>(utf8[i]), static_cast<std::size_t>(i));
    if (legacy)
        return utf8;
    QByteArray out = "U__";
    std::size_t byteIndex = 0;
    const QList<uint> codePoints = name.toUcs4();
    for (const uint cp : codePoints) {
        const auto c = static_cast<char32_t>(cp);
        if (c == U'_')
            out += "__";
        else if (isLegacyRune(c, byteIndex))
            out += static_cast<char>(c);
        else if (c >= 0xD800 && c <= 0xDFFF) // a lone surrogate: not a valid rune
            out += "_FFFD_";
        else
            out += '_' + QByteArray::number(static_cast<qulonglong>(c), 16) + '_';
        byteIndex += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return out;
}

QByteArray PromApi::formEncode(const QList<QPair<QByteArray, QString>> &params)
{
    QByteArray out;
    for (const auto &[key, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(QString::fromLatin1(key)) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

} // namespace mw
