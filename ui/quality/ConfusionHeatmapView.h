#pragma once

// The confusion matrix of a feed source's current window as a heatmap
// (confusion_matrix panel): actual classes as rows, predicted classes as
// columns, cells coloured by count or by the row's or column's share (the
// diagonal then reads as recall or precision), the number in every cell in
// a colour that contrasts with its fill, class names on both axes, and a
// hover box with the cell's count and both shares. Colours follow the
// palette (base to highlight). Takes a QualitySnapshot and shows a sentence
// instead while there is nothing to draw.

#include "QualitySnapshot.h"
#include "HeatmapModel.h"
#include "PlotStyle.h"

#include "dashboard/Document.h"

#include <QWidget>

#include <optional>

namespace mw::view {

class ConfusionHeatmapView : public QWidget
{
    Q_OBJECT
public:
    struct Geometry
    {
        QRectF grid;     ///< the cells
        double cellW = 0.0;
        double cellH = 0.0;
        QRectF cellRect(int actual, int predicted) const;
    };

    explicit ConfusionHeatmapView(QWidget *parent = nullptr);

    void setSnapshot(QualitySnapshotPtr snapshot);
    const QualitySnapshotPtr &snapshot() const { return m_snapshot; }
    void setNormalize(dashboard::ConfusionNormalize normalize);
    dashboard::ConfusionNormalize normalize() const { return m_normalize; }

    /// The cells as drawn with the current palette (empty while the state
    /// sentence shows).
    HeatmapModel model() const;
    /// Draws the view into `rect` of any paint device (PNG export, print).
    void paintTo(QPainter &p, const QRectF &rect) const;
    Geometry cellGeometry(const QRectF &rect) const;

    /// Hovers at `pos` (widget coordinates) as the mouse would.
    void hoverAt(const QPointF &pos);
    /// The hover box's lines; empty when no cell is hovered.
    QStringList hoverLines() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void paintLabels(QPainter &p, const Geometry &g, const HeatmapModel &m, const PlotStyle &style) const;

    QualitySnapshotPtr m_snapshot;
    dashboard::ConfusionNormalize m_normalize = dashboard::ConfusionNormalize::None;
    std::optional<std::pair<int, int>> m_hover; ///< (actual, predicted)
    QPointF m_hoverPos;
};

} // namespace mw::view
