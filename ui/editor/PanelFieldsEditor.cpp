#include "PanelFieldsEditor.h"

#include "PanelKinds.h"
#include "PanelSource.h"
#include "UnitNames.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

#include <algorithm>

namespace mw::editor {

using dashboard::PanelKind;

PanelFieldsEditor::PanelFieldsEditor(dashboard::Panel panel, const QStringList &sourceNames,
                                     const QString &defaultSource, QWidget *parent)
    : QGroupBox(tr("Panel"), parent), m_panel(std::move(panel)), m_defaultSource(defaultSource),
      m_form(new QFormLayout(this))
{
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_title = new QLineEdit(QString::fromStdString(m_panel.title), this);
    m_title->setObjectName(QStringLiteral("title"));
    connect(m_title, &QLineEdit::textEdited, this, [this](const QString &title) {
        m_panel.title = title.toStdString();
        Q_EMIT titleChanged(title);
    });
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setPlainText(QString::fromStdString(m_panel.description));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    m_description->setPlaceholderText(tr("What the values mean and where they come from"));
    connect(m_description, &QPlainTextEdit::textChanged, this,
            [this] { m_panel.description = m_description->toPlainText().toStdString(); });

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    fillKinds();
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_panel.kind = static_cast<PanelKind>(m_kind->currentData().toInt());
        Q_EMIT kindChanged(m_panel.kind);
    });

    m_unit = new QComboBox(this);
    m_unit->setObjectName(QStringLiteral("unit"));
    for (const presets::Unit unit : UnitNames::all())
        m_unit->addItem(UnitNames::name(unit), int(unit));
    m_unit->setCurrentIndex(std::max(0, m_unit->findData(int(m_panel.unit))));
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this] {
        m_panel.unit = static_cast<presets::Unit>(m_unit->currentData().toInt());
        Q_EMIT unitChanged(m_panel.unit);
    });

    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("source"));
    fillSources(sourceNames);
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        setPanelSource(m_panel, m_source->currentData().toString().toStdString());
        Q_EMIT sourceChanged();
    });

    m_sourceProblem = new QLabel(this);
    m_sourceProblem->setObjectName(QStringLiteral("sourceProblem"));
    m_sourceProblem->setWordWrap(true);
    m_sourceProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette red = m_sourceProblem->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28)); // as a query's parse error
    m_sourceProblem->setPalette(red);

    m_form->addRow(tr("&Title:"), m_title);
    m_form->addRow(tr("&Description:"), m_description);
    m_form->addRow(tr("&Kind:"), m_kind);
    m_form->addRow(tr("&Unit:"), m_unit);
    m_form->addRow(tr("&Source:"), m_source);
    m_form->addRow(QString(), m_sourceProblem);
    const QString own = QString::fromStdString(panelSource(m_panel));
    m_form->setRowVisible(m_source, sourceNames.size() > 1 || (!own.isEmpty() && !sourceNames.contains(own)));
    m_form->setRowVisible(m_sourceProblem, false);
}

void PanelFieldsEditor::fillKinds()
{
    for (const PanelKind kind : PanelKinds::all())
        m_kind->addItem(PanelKinds::name(kind), int(kind));
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

void PanelFieldsEditor::fillSources(const QStringList &sourceNames)
{
    m_source->addItem(m_defaultSource.isEmpty() ? tr("Default") : tr("Default (%1)").arg(m_defaultSource),
                      QString());
    for (const QString &name : sourceNames)
        m_source->addItem(name, name);
    const QString own = QString::fromStdString(panelSource(m_panel));
    int index = m_source->findData(own);
    if (index < 0) {
        m_source->addItem(tr("%1 (not in this dashboard)").arg(own), own);
        index = m_source->count() - 1;
    }
    m_source->setCurrentIndex(index);
}

QString PanelFieldsEditor::sourceName() const
{
    const QString own = m_source->currentData().toString();
    return own.isEmpty() ? m_defaultSource : own;
}

void PanelFieldsEditor::setUnitVisible(bool visible) { m_form->setRowVisible(m_unit, visible); }

void PanelFieldsEditor::setSourceProblem(const QString &text)
{
    m_problem = text;
    m_sourceProblem->setText(text);
    m_form->setRowVisible(m_sourceProblem, !text.isEmpty());
}

} // namespace mw::editor
