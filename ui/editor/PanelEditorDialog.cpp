#include "PanelEditorDialog.h"

#include "DisplayOptionsEditor.h"
#include "PanelPreview.h"
#include "PanelSource.h"
#include "QueryListEditor.h"
#include "ThresholdTableEditor.h"
#include "UnitNames.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace mw::editor {

using dashboard::Panel;
using dashboard::PanelKind;

namespace {

std::vector<dashboard::Threshold> ascending(std::vector<dashboard::Threshold> thresholds)
{
    std::stable_sort(thresholds.begin(), thresholds.end(),
                     [](const auto &a, const auto &b) { return a.value < b.value; });
    return thresholds;
}

QGroupBox *group(const QString &title, QWidget *content)
{
    auto *box = new QGroupBox(title);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

} // namespace

PanelEditorDialog::PanelEditorDialog(Panel panel, QStringList sourceNames, QString defaultSource,
                                     BackendLookup lookup, int64_t fromMs, int64_t toMs, QWidget *parent)
    : QDialog(parent), m_panel(std::move(panel)), m_sourceNames(std::move(sourceNames)),
      m_defaultSource(std::move(defaultSource)), m_lookup(std::move(lookup))
{
    setObjectName(QStringLiteral("panelEditor"));
    setWindowTitle(m_panel.title.empty() ? tr("Edit panel")
                                         : tr("Edit panel “%1”").arg(QString::fromStdString(m_panel.title)));
    setSizeGripEnabled(true);

    m_preview = new PanelPreview(fromMs, toMs);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_queries = new QueryListEditor(m_panel.queries);
    m_queries->setObjectName(QStringLiteral("queries"));
    m_thresholds = new ThresholdTableEditor(m_panel.thresholds);
    m_thresholds->setObjectName(QStringLiteral("thresholds"));
    m_display = new DisplayOptionsEditor(m_panel.timeseries, m_panel.stat);
    m_display->setObjectName(QStringLiteral("displayOptions"));
    m_display->setKind(m_panel.kind);

    auto *left = new QSplitter(Qt::Vertical);
    left->addWidget(group(tr("Preview"), m_preview));
    left->addWidget(group(tr("Queries"), m_queries));
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    left->setChildrenCollapsible(false);

    auto *options = new QWidget;
    auto *optionsLayout = new QVBoxLayout(options);
    optionsLayout->setContentsMargins(0, 0, 0, 0);
    optionsLayout->addWidget(makeGeneralGroup());
    optionsLayout->addWidget(group(tr("Display"), m_display));
    optionsLayout->addWidget(group(tr("Thresholds"), m_thresholds), 1);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(options);
    scroll->setMinimumWidth(options->minimumSizeHint().width() + 24);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(scroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PanelEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PanelEditorDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &PanelEditorDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_buttons);
    resize(1200, 780);

    connect(m_queries, &QueryListEditor::changed, this, [this] {
        m_preview->setQueries(m_queries->queries());
        updateValidity();
    });
    connect(m_thresholds, &ThresholdTableEditor::changed, this,
            [this] { m_preview->setThresholds(ascending(m_thresholds->thresholds())); });

    m_preview->setTitle(QString::fromStdString(m_panel.title));
    m_preview->setUnit(m_panel.unit);
    m_preview->setThresholds(ascending(m_panel.thresholds));
    m_preview->setQueries(m_panel.queries);
    useSource();
    updateValidity();
}

PanelEditorDialog::~PanelEditorDialog() = default;

QWidget *PanelEditorDialog::makeGeneralGroup()
{
    auto *box = new QGroupBox(tr("Panel"));
    m_form = new QFormLayout(box);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_title = new QLineEdit(QString::fromStdString(m_panel.title), box);
    m_title->setObjectName(QStringLiteral("title"));
    connect(m_title, &QLineEdit::textEdited, this, [this](const QString &title) {
        m_panel.title = title.toStdString();
        m_preview->setTitle(title);
    });
    m_description = new QPlainTextEdit(box);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setPlainText(QString::fromStdString(m_panel.description));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    m_description->setPlaceholderText(tr("What the values mean and where they come from"));
    connect(m_description, &QPlainTextEdit::textChanged, this,
            [this] { m_panel.description = m_description->toPlainText().toStdString(); });

    m_kind = new QComboBox(box);
    m_kind->setObjectName(QStringLiteral("kind"));
    fillKinds();
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_panel.kind = static_cast<PanelKind>(m_kind->currentData().toInt());
        m_display->setKind(m_panel.kind);
    });

    m_unit = new QComboBox(box);
    m_unit->setObjectName(QStringLiteral("unit"));
    for (const presets::Unit unit : UnitNames::all())
        m_unit->addItem(UnitNames::name(unit), int(unit));
    m_unit->setCurrentIndex(std::max(0, m_unit->findData(int(m_panel.unit))));
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this] {
        m_panel.unit = static_cast<presets::Unit>(m_unit->currentData().toInt());
        m_preview->setUnit(m_panel.unit);
    });

    m_source = new QComboBox(box);
    m_source->setObjectName(QStringLiteral("source"));
    fillSources();
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        setPanelSource(m_panel, m_source->currentData().toString().toStdString());
        useSource();
    });

    m_form->addRow(tr("&Title:"), m_title);
    m_form->addRow(tr("&Description:"), m_description);
    m_form->addRow(tr("&Kind:"), m_kind);
    m_form->addRow(tr("&Unit:"), m_unit);
    m_form->addRow(tr("&Source:"), m_source);
    const QString own = QString::fromStdString(panelSource(m_panel));
    m_form->setRowVisible(m_source, m_sourceNames.size() > 1 || (!own.isEmpty() && !m_sourceNames.contains(own)));
    return box;
}

void PanelEditorDialog::fillKinds()
{
    m_kind->addItem(tr("Time series"), int(PanelKind::Timeseries));
    m_kind->addItem(tr("Stat"), int(PanelKind::Stat));
    int index = m_kind->findData(int(m_panel.kind));
    if (index < 0) {
        // A kind this editor does not know: kept, with its options, as it is.
        const std::string_view id = dashboard::panelKindId(m_panel.kind);
        const bool named = dashboard::panelKindFromId(id) == m_panel.kind;
        m_kind->addItem(named ? QString::fromUtf8(id.data(), qsizetype(id.size()))
                              : tr("Other (%1)").arg(int(m_panel.kind)),
                        int(m_panel.kind));
        index = m_kind->count() - 1;
    }
    m_kind->setCurrentIndex(index);
}

void PanelEditorDialog::fillSources()
{
    m_source->addItem(m_defaultSource.isEmpty() ? tr("Default") : tr("Default (%1)").arg(m_defaultSource),
                      QString());
    for (const QString &name : m_sourceNames)
        m_source->addItem(name, name);
    const QString own = QString::fromStdString(panelSource(m_panel));
    int index = m_source->findData(own);
    if (index < 0) {
        m_source->addItem(tr("%1 (not in this dashboard)").arg(own), own);
        index = m_source->count() - 1;
    }
    m_source->setCurrentIndex(index);
}

QString PanelEditorDialog::sourceName() const
{
    const QString own = m_source->currentData().toString();
    return own.isEmpty() ? m_defaultSource : own;
}

void PanelEditorDialog::useSource()
{
    view::SourceBackend *backend = m_lookup ? m_lookup(sourceName()) : nullptr;
    m_queries->setNameSource(&m_names, backend);
    m_preview->setBackend(backend);
}

void PanelEditorDialog::setVariables(std::vector<dashboard::Variable> variables)
{
    m_queries->setVariables(variables);
    m_preview->setVariables(std::move(variables));
    updateValidity();
}

bool PanelEditorDialog::isValid() const { return m_queries->isValid(); }

void PanelEditorDialog::updateValidity()
{
    const bool valid = isValid();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(valid);
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

Panel PanelEditorDialog::panel() const
{
    Panel p = m_panel;
    p.queries = m_queries->queries();
    p.thresholds = ascending(m_thresholds->thresholds());
    p.timeseries = m_display->timeseries();
    p.stat = m_display->stat();
    return p;
}

void PanelEditorDialog::apply()
{
    if (!isValid())
        return;
    m_thresholds->sortThresholds();
    Q_EMIT applied(panel());
}

void PanelEditorDialog::accept()
{
    if (!isValid())
        return;
    m_thresholds->sortThresholds();
    QDialog::accept();
}

} // namespace mw::editor
