#pragma once

// A timeseries panel's legend: one row per series with its colour, name and
// the panel's calculations (last, min, max, mean), formatted in the panel's
// unit. Clicking a row shows only that series; clicking it again shows all.

#include "PlotTypes.h"
#include "dashboard/Document.h"

#include <QTableWidget>

#include <vector>

namespace mw::ui {

class LegendTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit LegendTable(QWidget *parent = nullptr);

    void setRows(const std::vector<PlotSeries> &series, const std::vector<dashboard::LegendCalc> &calcs,
                 const ValueFormatter &format);
    /// The series shown alone, or -1.
    int isolated() const { return m_isolated; }
    /// The height that shows every row up to `maxRows`.
    int preferredHeight(int maxRows) const;

Q_SIGNALS:
    void isolationChanged(int row);

private:
    int m_isolated = -1;
};

} // namespace mw::ui
