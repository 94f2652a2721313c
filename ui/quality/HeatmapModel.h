#pragma once

// The cells of a confusion heatmap, computed from a snapshot without
// painting (the view draws them, tests read them): scikit-learn's layout,
// actual classes as rows and predicted classes as columns (the transpose of
// ConfusionMatrix's predicted × actual storage). Each cell knows its count,
// its share of the row (of the actual class: the diagonal is recall) and of
// the column (of the predicted class: the diagonal is precision), the value
// it is coloured by, its fill and a text colour that contrasts with the fill.
// QtGui only.

#include "dashboard/Document.h"
#include "quality/ConfusionMatrix.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <vector>

namespace mw::view {

struct HeatmapCell
{
    double count = 0.0;
    double rowShare = 0.0;    ///< count / actual count of the row's class; NaN when that is 0
    double columnShare = 0.0; ///< count / predicted count of the column's class; NaN when that is 0
    double intensity = 0.0;   ///< 0..1: the colouring value over the largest one
    QColor fill;
    QColor textColor;
    QString text;             ///< the count, or the share as a percentage
};

struct HeatmapModel
{
    QStringList classes;
    dashboard::ConfusionNormalize normalize = dashboard::ConfusionNormalize::None;
    int size = 0;                   ///< classes: rows and columns
    std::vector<HeatmapCell> cells; ///< row-major: actual × predicted

    const HeatmapCell &cell(int actual, int predicted) const { return cells[std::size_t(actual * size + predicted)]; }

    /// `low` and `high` are the colours of the smallest and the largest
    /// value (the view passes the palette's base and highlight).
    static HeatmapModel build(const quality::ConfusionMatrix &matrix, const QStringList &classes,
                              dashboard::ConfusionNormalize normalize, const QColor &low, const QColor &high);
    /// Black or white, whichever contrasts more with `fill` (WCAG relative luminance).
    static QColor contrastingText(const QColor &fill);
    /// The hover text of a cell: its classes, count and both shares.
    QStringList describe(int actual, int predicted) const;
};

} // namespace mw::view
