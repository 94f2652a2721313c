#include "PanelEditorDialog.h"

#include "DisplayOptionsEditor.h"
#include "PanelFieldsEditor.h"
#include "PanelKinds.h"
#include "PanelPreview.h"
#include "QueryListEditor.h"
#include "ThresholdTableEditor.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
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
    : QDialog(parent), m_sourceNames(std::move(sourceNames)), m_defaultSource(std::move(defaultSource)),
      m_lookup(std::move(lookup))
{
    setObjectName(QStringLiteral("panelEditor"));
    setWindowTitle(panel.title.empty() ? tr("Edit panel")
                                       : tr("Edit panel “%1”").arg(QString::fromStdString(panel.title)));
    setSizeGripEnabled(true);

    m_preview = new PanelPreview(fromMs, toMs);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_queries = new QueryListEditor(panel.queries);
    m_queries->setObjectName(QStringLiteral("queries"));
    m_thresholds = new ThresholdTableEditor(panel.thresholds);
    m_thresholds->setObjectName(QStringLiteral("thresholds"));
    m_display = new DisplayOptionsEditor(panel);
    m_display->setObjectName(QStringLiteral("displayOptions"));
    m_fields = new PanelFieldsEditor(panel, m_sourceNames, m_defaultSource);
    m_fields->setObjectName(QStringLiteral("general"));

    auto *left = new QSplitter(Qt::Vertical);
    left->addWidget(group(tr("Preview"), m_preview));
    left->addWidget(makeQueriesGroup());
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    left->setChildrenCollapsible(false);

    auto *options = new QWidget;
    m_optionsLayout = new QVBoxLayout(options);
    m_optionsLayout->setContentsMargins(0, 0, 0, 0);
    m_optionsLayout->addWidget(m_fields);
    m_optionsLayout->addWidget(group(tr("Display"), m_display));
    m_thresholdsGroup = group(tr("Thresholds"), m_thresholds);
    m_optionsLayout->addWidget(m_thresholdsGroup, 1);
    m_optionsLayout->addStretch(); // takes the room when the thresholds are hidden (showKind)
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

    connect(m_fields, &PanelFieldsEditor::titleChanged, m_preview, &PanelPreview::setTitle);
    connect(m_fields, &PanelFieldsEditor::unitChanged, m_preview, &PanelPreview::setUnit);
    connect(m_fields, &PanelFieldsEditor::kindChanged, this, [this](PanelKind kind) {
        showKind(kind);
        updateValidity();
    });
    connect(m_fields, &PanelFieldsEditor::sourceChanged, this, [this] {
        useSource();
        updateValidity();
    });
    connect(m_queries, &QueryListEditor::changed, this, [this] {
        m_preview->setQueries(m_queries->queries());
        updateValidity();
    });
    connect(m_thresholds, &ThresholdTableEditor::changed, this,
            [this] { m_preview->setThresholds(ascending(m_thresholds->thresholds())); });

    m_preview->setTitle(QString::fromStdString(panel.title));
    m_preview->setUnit(panel.unit);
    m_preview->setThresholds(ascending(panel.thresholds));
    m_preview->setQueries(panel.queries);
    showKind(panel.kind);
    useSource();
    updateValidity();
}

PanelEditorDialog::~PanelEditorDialog() = default;

QWidget *PanelEditorDialog::makeQueriesGroup()
{
    auto *box = new QGroupBox(tr("Queries"));
    m_queriesGroup = box;
    m_queryHint = new QLabel(box);
    m_queryHint->setObjectName(QStringLiteral("queryHint"));
    m_queryHint->setWordWrap(true);
    m_queryHint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_queries, 1);
    layout->addWidget(m_queryHint);
    return box;
}

void PanelEditorDialog::showKind(PanelKind kind)
{
    const KindFields fields = PanelKinds::fields(kind);
    m_display->setKind(kind);
    m_fields->setUnitVisible(fields.unit);
    m_thresholdsGroup->setVisible(fields.thresholds);
    m_optionsLayout->setStretch(m_optionsLayout->count() - 1, fields.thresholds ? 0 : 1);
    m_queries->setVisible(fields.queries);
    m_queries->setLegendVisible(fields.legend);
    m_queryHint->setText(fields.queriesHint);
    m_queryHint->setVisible(!fields.queriesHint.isEmpty());
    // A kind that runs no queries keeps only the hint there: the preview gets the room.
    m_queriesGroup->layout()->invalidate();
    m_queriesGroup->setMaximumHeight(fields.queries ? QWIDGETSIZE_MAX : m_queriesGroup->sizeHint().height());
    m_preview->setNote(fields.previewNote);
}

QString PanelEditorDialog::sourceName() const { return m_fields->sourceName(); }

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

void PanelEditorDialog::setSources(const std::vector<dashboard::Source> &sources)
{
    std::vector<SourceKindOf> kinds;
    for (const dashboard::Source &s : sources)
        kinds.push_back({s.name, s.kind});
    m_sources = std::move(kinds);
    updateValidity();
}

std::vector<SourceKindOf> PanelEditorDialog::sourceKinds() const
{
    if (m_sources)
        return *m_sources;
    // The default first: a panel naming no source reads it.
    QStringList names = m_sourceNames;
    if (!m_defaultSource.isEmpty()) {
        names.removeAll(m_defaultSource);
        names.prepend(m_defaultSource);
    }
    std::vector<SourceKindOf> kinds;
    for (const QString &name : names)
        kinds.push_back({name.toStdString(), PanelSourceCheck::kindOf(m_lookup ? m_lookup(name) : nullptr)});
    return kinds;
}

bool PanelEditorDialog::isValid() const
{
    // Queries a kind does not run (a confusion matrix's) are kept as typed.
    const bool queriesOk = !PanelKinds::fields(m_fields->panel().kind).queries || m_queries->isValid();
    return queriesOk && m_fields->sourceProblem().isEmpty();
}

void PanelEditorDialog::updateValidity()
{
    m_fields->setSourceProblem(PanelSourceCheck::problem(panel(), sourceKinds()));
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
    Panel p = m_fields->panel();
    p.queries = m_queries->queries();
    p.thresholds = ascending(m_thresholds->thresholds());
    m_display->writeTo(p);
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
