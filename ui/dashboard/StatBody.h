#pragma once

// A stat panel's body: one big value (last, min, max or mean of the first
// series), coloured by the highest threshold it reaches, with an optional
// sparkline behind it. Several series show as several values side by side.

#include "PanelBody.h"
#include "PlotTypes.h"

#include <QColor>
#include <QString>

#include <vector>

namespace mw::ui {

class StatBody : public PanelBody
{
    Q_OBJECT
public:
    explicit StatBody(QWidget *parent = nullptr);

    void showFrame(const view::PanelFrame &frame, const dashboard::Panel &panel,
                   const std::vector<dashboard::Threshold> &ruleThresholds) override;

    struct Cell
    {
        QString name;
        double value = 0;
        QString text;  ///< the value in the panel's unit
        QColor color;  ///< threshold colour, invalid = normal text
        SeriesData points;
    };
    /// What is drawn (tests).
    const std::vector<Cell> &cells() const { return m_cells; }

    QSize sizeHint() const override { return {200, 120}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintCell(QPainter &p, const QRectF &r, const Cell &c) const;

    std::vector<Cell> m_cells;
    bool m_sparkline = true;
    int64_t m_from = 0;
    int64_t m_to = 0;
};

} // namespace mw::ui
