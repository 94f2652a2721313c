#include "DisplayOptionsEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>

#include <algorithm>

namespace mw::editor {

using dashboard::LegendCalc;
using dashboard::StatReduce;

DisplayOptionsEditor::DisplayOptionsEditor(dashboard::TimeseriesOptions timeseries, dashboard::StatOptions stat,
                                           QWidget *parent)
    : QWidget(parent), m_timeseries(std::move(timeseries)), m_stat(stat), m_pages(new QStackedWidget(this))
{
    m_pages->addWidget(makeTimeseriesPage());
    m_pages->addWidget(makeStatPage());
    auto *none = new QLabel(tr("This kind of panel has no display options here."));
    none->setWordWrap(true);
    m_pages->addWidget(none);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
}

void DisplayOptionsEditor::setKind(dashboard::PanelKind kind)
{
    // Not a switch: kinds added later land on the "no options" page.
    int page = 2;
    if (kind == dashboard::PanelKind::Timeseries)
        page = 0;
    else if (kind == dashboard::PanelKind::Stat)
        page = 1;
    // Only the current page counts for the size, so the group fits it.
    for (int i = 0; i < m_pages->count(); ++i)
        m_pages->widget(i)->setSizePolicy(QSizePolicy::Preferred, i == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_pages->setCurrentIndex(page);
    m_pages->adjustSize();
}

QWidget *DisplayOptionsEditor::makeTimeseriesPage()
{
    auto *page = new QWidget;
    auto *row = new QHBoxLayout;
    const std::pair<LegendCalc, QString> calcs[] = {
        {LegendCalc::Last, tr("Last")},
        {LegendCalc::Min, tr("Min")},
        {LegendCalc::Max, tr("Max")},
        {LegendCalc::Mean, tr("Mean")},
    };
    for (const auto &[calc, text] : calcs) {
        auto *box = new QCheckBox(text, page);
        box->setObjectName(QStringLiteral("calc_") + QString::fromUtf8(dashboard::legendCalcId(calc)));
        std::vector<LegendCalc> &list = m_timeseries.legendCalcs;
        box->setChecked(std::find(list.begin(), list.end(), calc) != list.end());
        connect(box, &QCheckBox::toggled, this, [this, calc](bool on) {
            std::vector<LegendCalc> &l = m_timeseries.legendCalcs;
            l.erase(std::remove(l.begin(), l.end(), calc), l.end());
            if (on)
                l.push_back(calc);
            Q_EMIT changed();
        });
        row->addWidget(box);
    }
    row->addStretch();
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Legend values:"), row);
    return page;
}

QWidget *DisplayOptionsEditor::makeStatPage()
{
    auto *page = new QWidget;
    auto *reduce = new QComboBox(page);
    reduce->setObjectName(QStringLiteral("reduce"));
    reduce->addItem(tr("Last value"), int(StatReduce::Last));
    reduce->addItem(tr("Minimum"), int(StatReduce::Min));
    reduce->addItem(tr("Maximum"), int(StatReduce::Max));
    reduce->addItem(tr("Mean"), int(StatReduce::Mean));
    reduce->setCurrentIndex(reduce->findData(int(m_stat.reduce)));
    connect(reduce, &QComboBox::currentIndexChanged, this, [this, reduce] {
        m_stat.reduce = static_cast<StatReduce>(reduce->currentData().toInt());
        Q_EMIT changed();
    });
    auto *sparkline = new QCheckBox(tr("Show a sparkline"), page);
    sparkline->setObjectName(QStringLiteral("sparkline"));
    sparkline->setChecked(m_stat.sparkline);
    connect(sparkline, &QCheckBox::toggled, this, [this](bool on) {
        m_stat.sparkline = on;
        Q_EMIT changed();
    });
    auto *colour = new QCheckBox(tr("Colour the value by threshold"), page);
    colour->setObjectName(QStringLiteral("colorByThreshold"));
    colour->setChecked(m_stat.colorByThreshold);
    connect(colour, &QCheckBox::toggled, this, [this](bool on) {
        m_stat.colorByThreshold = on;
        Q_EMIT changed();
    });
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Value:"), reduce);
    form->addRow(sparkline);
    form->addRow(colour);
    return page;
}

} // namespace mw::editor
