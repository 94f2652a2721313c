#pragma once

// What both quality views share: the sentence shown instead of a chart while
// there is nothing to draw, and the painting of that sentence and of the
// hover box. QtGui only.

#include "QualitySnapshot.h"
#include "PlotStyle.h"

#include <QRectF>
#include <QString>
#include <QStringList>

class QPainter;

namespace mw::view {

/// "No data yet" (no snapshot, or no labeled prediction), "Waiting for
/// labels (12 of 100)" (below the source's minimum), or an empty string when
/// the snapshot has enough labeled predictions to draw.
QString qualityStateText(const QualitySnapshot *snapshot);

/// The state sentence centred in `rect`, in the style's tick colour.
void paintStateText(QPainter &p, const QRectF &rect, const QString &text, const PlotStyle &style);

/// A tooltip-like box holding `lines`, placed beside `anchor` and kept
/// inside `bounds`.
void paintHoverBox(QPainter &p, const QPointF &anchor, const QStringList &lines, const QRectF &bounds,
                   const PlotStyle &style);

} // namespace mw::view
