#include "DisplayOptionsEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>

#include <algorithm>

namespace mw::editor {

using dashboard::ConfusionNormalize;
using dashboard::LegendCalc;
using dashboard::PanelKind;
using dashboard::QualityCurveKind;
using dashboard::StatReduce;

namespace {

/// The pages, in the stack's order; kinds not listed get the last page.
constexpr PanelKind kPageKinds[] = {PanelKind::Timeseries, PanelKind::Stat, PanelKind::QualityCurve,
                                    PanelKind::ConfusionMatrix};

/// A combo box of (text, enum value) items showing `current`.
template<typename E>
QComboBox *enumCombo(QWidget *parent, const char *name, std::initializer_list<std::pair<QString, E>> items, E current)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QString::fromLatin1(name));
    for (const auto &[text, value] : items)
        combo->addItem(text, int(value));
    combo->setCurrentIndex(std::max(0, combo->findData(int(current))));
    return combo;
}

} // namespace

DisplayOptionsEditor::DisplayOptionsEditor(const dashboard::Panel &panel, QWidget *parent)
    : QWidget(parent), m_timeseries(panel.timeseries), m_stat(panel.stat), m_qualityCurve(panel.qualityCurve),
      m_confusionMatrix(panel.confusionMatrix), m_pages(new QStackedWidget(this))
{
    m_pages->addWidget(makeTimeseriesPage());
    m_pages->addWidget(makeStatPage());
    m_pages->addWidget(makeQualityCurvePage());
    m_pages->addWidget(makeConfusionMatrixPage());
    auto *none = new QLabel(tr("This kind of panel has no display options here."));
    none->setWordWrap(true);
    m_pages->addWidget(none);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    // As tall as the page, never taller: the room below is not the options'.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void DisplayOptionsEditor::writeTo(dashboard::Panel &panel) const
{
    panel.timeseries = m_timeseries;
    panel.stat = m_stat;
    panel.qualityCurve = m_qualityCurve;
    panel.confusionMatrix = m_confusionMatrix;
}

void DisplayOptionsEditor::setKind(PanelKind kind)
{
    // Not a switch: kinds added later land on the "no options" page.
    const auto known = std::find(std::begin(kPageKinds), std::end(kPageKinds), kind);
    const int page = int(known - std::begin(kPageKinds));
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
    auto *reduce = enumCombo<StatReduce>(page, "reduce",
                                         {{tr("Last value"), StatReduce::Last},
                                          {tr("Minimum"), StatReduce::Min},
                                          {tr("Maximum"), StatReduce::Max},
                                          {tr("Mean"), StatReduce::Mean}},
                                         m_stat.reduce);
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

QWidget *DisplayOptionsEditor::makeQualityCurvePage()
{
    auto *page = new QWidget;
    // Named as the panel titles its panes (QualityCurveView).
    auto *curve = enumCombo<QualityCurveKind>(page, "curve",
                                              {{tr("ROC"), QualityCurveKind::Roc},
                                               {tr("Precision–recall"), QualityCurveKind::Pr},
                                               {tr("Both, side by side"), QualityCurveKind::Both}},
                                              m_qualityCurve.curve);
    connect(curve, &QComboBox::currentIndexChanged, this, [this, curve] {
        m_qualityCurve.curve = static_cast<QualityCurveKind>(curve->currentData().toInt());
        Q_EMIT changed();
    });
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Cur&ves:"), curve);
    return page;
}

QWidget *DisplayOptionsEditor::makeConfusionMatrixPage()
{
    auto *page = new QWidget;
    // Named as the heatmap titles itself (ConfusionHeatmapView).
    auto *normalize = enumCombo<ConfusionNormalize>(
        page, "normalize",
        {{tr("Counts"), ConfusionNormalize::None},
         {tr("Share of each actual class (recall)"), ConfusionNormalize::Row},
         {tr("Share of each predicted class (precision)"), ConfusionNormalize::Column}},
        m_confusionMatrix.normalize);
    connect(normalize, &QComboBox::currentIndexChanged, this, [this, normalize] {
        m_confusionMatrix.normalize = static_cast<ConfusionNormalize>(normalize->currentData().toInt());
        Q_EMIT changed();
    });
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Normalize:"), normalize);
    return page;
}

} // namespace mw::editor
