#include "LegendTable.h"

#include "SeriesStats.h"

#include <QHeaderView>
#include <QPainter>
#include <QPixmap>

namespace mw::ui {
namespace {

QIcon swatch(const QColor &c)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawRoundedRect(QRectF(1, 4, 10, 4), 1, 1);
    return QIcon(pm);
}

QString calcTitle(dashboard::LegendCalc c)
{
    switch (c) {
    case dashboard::LegendCalc::Last:
        return LegendTable::tr("Last");
    case dashboard::LegendCalc::Min:
        return LegendTable::tr("Min");
    case dashboard::LegendCalc::Max:
        return LegendTable::tr("Max");
    case dashboard::LegendCalc::Mean:
        return LegendTable::tr("Mean");
    }
    return {};
}

double calcValue(const SeriesStats &s, dashboard::LegendCalc c)
{
    switch (c) {
    case dashboard::LegendCalc::Last:
        return s.last;
    case dashboard::LegendCalc::Min:
        return s.min;
    case dashboard::LegendCalc::Max:
        return s.max;
    case dashboard::LegendCalc::Mean:
        return s.mean;
    }
    return s.last;
}

} // namespace

LegendTable::LegendTable(QWidget *parent) : QTableWidget(parent)
{
    setObjectName(QStringLiteral("legend"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setShowGrid(false);
    setFocusPolicy(Qt::NoFocus);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(false);
    setTextElideMode(Qt::ElideMiddle);
    connect(this, &QTableWidget::cellClicked, this, [this](int row, int) {
        m_isolated = m_isolated == row ? -1 : row;
        Q_EMIT isolationChanged(m_isolated);
    });
}

void LegendTable::setRows(const std::vector<PlotSeries> &series, const std::vector<dashboard::LegendCalc> &calcs,
                          const ValueFormatter &format)
{
    if (m_isolated >= static_cast<int>(series.size()))
        m_isolated = -1;
    setColumnCount(1 + static_cast<int>(calcs.size()));
    QStringList headers{tr("Series")};
    for (dashboard::LegendCalc c : calcs)
        headers << calcTitle(c);
    setHorizontalHeaderLabels(headers);
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    setRowCount(static_cast<int>(series.size()));
    for (int row = 0; row < static_cast<int>(series.size()); ++row) {
        const PlotSeries &s = series[static_cast<std::size_t>(row)];
        auto *name = new QTableWidgetItem(swatch(s.color), s.name);
        name->setToolTip(s.name);
        if (m_isolated >= 0 && m_isolated != row)
            name->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        setItem(row, 0, name);
        const SeriesStats st = s.points ? seriesStats(*s.points) : SeriesStats{};
        for (std::size_t c = 0; c < calcs.size(); ++c) {
            auto *cell = new QTableWidgetItem(format(calcValue(st, calcs[c])));
            cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(row, static_cast<int>(c) + 1, cell);
        }
    }
}

int LegendTable::preferredHeight(int maxRows) const
{
    const int rows = std::min(rowCount(), maxRows);
    return horizontalHeader()->sizeHint().height() + rows * verticalHeader()->defaultSectionSize() + 2;
}

} // namespace mw::ui
