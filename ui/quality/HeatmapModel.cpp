#include "HeatmapModel.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace mw::view {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mw::view::HeatmapModel", text);
}

double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * linear(double(c.redF())) + 0.7152 * linear(double(c.greenF())) + 0.0722 * linear(double(c.blueF()));
}

QString percent(double share)
{
    return std::isnan(share) ? QStringLiteral("—") : QLocale().toString(100.0 * share, 'f', 1) + QStringLiteral(" %");
}

QString countText(double count)
{
    return count == std::floor(count) ? QLocale().toString(qint64(count)) : QLocale().toString(count, 'f', 1);
}

QColor mix(const QColor &a, const QColor &b, double w)
{
    const auto ch = [w](float x, float y) { return float(w * double(x) + (1.0 - w) * double(y)); };
    return QColor::fromRgbF(ch(a.redF(), b.redF()), ch(a.greenF(), b.greenF()), ch(a.blueF(), b.blueF()));
}

} // namespace

QColor HeatmapModel::contrastingText(const QColor &fill)
{
    // Contrast ratio against white (1.05 / (L + 0.05)) and black ((L + 0.05) / 0.05).
    const double l = luminance(fill);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? QColor(Qt::black) : QColor(Qt::white);
}

HeatmapModel HeatmapModel::build(const quality::ConfusionMatrix &matrix, const QStringList &classes,
                                 dashboard::ConfusionNormalize normalize, const QColor &low, const QColor &high)
{
    HeatmapModel m;
    m.normalize = normalize;
    m.size = int(matrix.classes());
    for (int i = 0; i < m.size; ++i)
        m.classes.push_back(i < classes.size() ? classes[i] : QString::number(i));
    m.cells.resize(std::size_t(m.size * m.size));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double max = 0.0;
    for (int a = 0; a < m.size; ++a) {
        for (int p = 0; p < m.size; ++p) {
            HeatmapCell &c = m.cells[std::size_t(a * m.size + p)];
            c.count = matrix.count(std::size_t(p), std::size_t(a));
            const double actual = matrix.actualCount(std::size_t(a));
            const double predicted = matrix.predictedCount(std::size_t(p));
            c.rowShare = actual > 0.0 ? c.count / actual : nan;
            c.columnShare = predicted > 0.0 ? c.count / predicted : nan;
            const double v = normalize == dashboard::ConfusionNormalize::Row      ? c.rowShare
                           : normalize == dashboard::ConfusionNormalize::Column ? c.columnShare
                                                                                : c.count;
            c.intensity = std::isnan(v) ? 0.0 : v;
            max = std::max(max, c.intensity);
            c.text = normalize == dashboard::ConfusionNormalize::None ? countText(c.count) : percent(v);
        }
    }
    // Shares are coloured on their own 0..1 scale, counts against the largest.
    const double scale = normalize == dashboard::ConfusionNormalize::None ? max : 1.0;
    for (HeatmapCell &c : m.cells) {
        c.intensity = scale > 0.0 ? std::clamp(c.intensity / scale, 0.0, 1.0) : 0.0;
        c.fill = mix(high, low, c.intensity);
        c.textColor = contrastingText(c.fill);
    }
    return m;
}

QStringList HeatmapModel::describe(int actual, int predicted) const
{
    if (actual < 0 || predicted < 0 || actual >= size || predicted >= size)
        return {};
    const HeatmapCell &c = cell(actual, predicted);
    const QString a = classes[actual];
    const QString p = classes[predicted];
    return {tr("Actual %1, predicted %2: %3").arg(a, p, countText(c.count)),
            tr("%1 of actual %2 (row)").arg(percent(c.rowShare), a),
            tr("%1 of predicted %2 (column)").arg(percent(c.columnShare), p)};
}

} // namespace mw::view
