#pragma once

// ROC and precision-recall curves of a feed source's current window
// (quality_curve panel): the ROC curve over the chance diagonal, the PR curve
// (a step, as average precision integrates it) over the base rate line,
// either one or both side by side; the area in the pane's corner (one line
// per class for a multi-class model's one-vs-rest curves); hovering shows the
// threshold and the rates at the nearest operating point. Colours follow the
// palette. Takes a QualitySnapshot (shared, not owned in any other sense) and
// shows a sentence instead while there is nothing to draw.

#include "CurveMapping.h"
#include "QualitySnapshot.h"
#include "PlotStyle.h"

#include "dashboard/Document.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace mw::view {

class QualityCurveView : public QWidget
{
    Q_OBJECT
public:
    enum class Pane { Roc, Pr };
    struct PaneGeometry
    {
        Pane pane;
        QRectF bounds;        ///< the pane, title and axis labels included
        CurveMapping mapping; ///< its plot area
    };

    explicit QualityCurveView(QWidget *parent = nullptr);

    void setSnapshot(QualitySnapshotPtr snapshot);
    const QualitySnapshotPtr &snapshot() const { return m_snapshot; }
    void setCurve(dashboard::QualityCurveKind curve);
    dashboard::QualityCurveKind curve() const { return m_curve; }

    /// Draws the view into `rect` of any paint device (PNG export, print).
    void paintTo(QPainter &p, const QRectF &rect) const;
    /// The panes for a view occupying `rect`.
    std::vector<PaneGeometry> panes(const QRectF &rect) const;
    /// The curve points of `pane` in rates: (FPR, TPR) or (recall, precision).
    static std::vector<QPointF> ratePoints(Pane pane, const QualityCurve &curve);

    /// Hovers at `pos` (widget coordinates) as the mouse would.
    void hoverAt(const QPointF &pos);
    /// The hover box's lines; empty when nothing is hovered.
    QStringList hoverLines() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Hover
    {
        Pane pane;
        int curve;
        int point;
        QPointF pixel;
    };

    void paintPane(QPainter &p, const PaneGeometry &g, const PlotStyle &style) const;
    void paintAxes(QPainter &p, const PaneGeometry &g, const PlotStyle &style) const;
    void paintLegend(QPainter &p, const PaneGeometry &g, const PlotStyle &style) const;

    QualitySnapshotPtr m_snapshot;
    dashboard::QualityCurveKind m_curve = dashboard::QualityCurveKind::Both;
    std::optional<Hover> m_hover;
};

} // namespace mw::view
