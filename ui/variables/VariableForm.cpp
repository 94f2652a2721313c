#include "VariableForm.h"

#include "QueryText.h"
#include "SourceBackend.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace mw::variablesui {

namespace {

constexpr int kPreviewDelayMs = 400;
constexpr int kPreviewShown = 12;

QLabel *problemLabel(const char *name)
{
    auto *l = new QLabel;
    l->setObjectName(QString::fromLatin1(name));
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    QPalette red = l->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    l->setPalette(red);
    l->hide();
    return l;
}

QLabel *noteLabel(const char *name)
{
    auto *l = new QLabel;
    l->setObjectName(QString::fromLatin1(name));
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->setForegroundRole(QPalette::PlaceholderText);
    return l;
}

/// A field with its note and problem lines under it, as tall as they are
/// (only the options field takes the room left).
QWidget *stacked(std::initializer_list<QWidget *> widgets, bool grows = false)
{
    auto *w = new QWidget;
    w->setSizePolicy(QSizePolicy::Preferred, grows ? QSizePolicy::Expanding : QSizePolicy::Fixed);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(2);
    for (QWidget *x : widgets)
        l->addWidget(x);
    if (!grows)
        l->addStretch(1); // room a wrapped line was estimated to need goes below, not between the lines
    return w;
}

} // namespace

VariableForm::VariableForm(QWidget *parent) : QWidget(parent)
{
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("variableName"));
    m_name->setPlaceholderText(QStringLiteral("model"));
    m_nameNote = noteLabel("variableNameNote");
    m_nameProblem = problemLabel("variableNameProblem");

    m_label = new QLineEdit;
    m_label->setObjectName(QStringLiteral("variableLabel"));
    m_label->setPlaceholderText(tr("Shown before the dropdown (the name when empty)"));

    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("variableKind"));
    m_kind->addItem(tr("Query: label values from the source"), int(dashboard::VariableKind::Query));
    m_kind->addItem(tr("Custom: a fixed list"), int(dashboard::VariableKind::Custom));

    m_query = new QLineEdit;
    m_query->setObjectName(QStringLiteral("variableQuery"));
    m_query->setPlaceholderText(QStringLiteral("label_values(metric, label)"));
    m_queryProblem = problemLabel("variableQueryProblem");
    m_preview = noteLabel("variablePreview");
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_options = new QPlainTextEdit;
    m_options->setObjectName(QStringLiteral("variableOptions"));
    m_options->setPlaceholderText(tr("One option per line, or comma-separated"));
    m_options->setTabChangesFocus(true);
    m_options->setMinimumHeight(m_options->fontMetrics().height() * 6);
    m_options->setMaximumHeight(m_options->fontMetrics().height() * 14);
    m_optionsProblem = problemLabel("variableOptionsProblem");

    m_multi = new QCheckBox(tr("Several values can be selected"));
    m_multi->setObjectName(QStringLiteral("variableMulti"));
    m_includeAll = new QCheckBox(tr("Offer “All” (matches every value)"));
    m_includeAll->setObjectName(QStringLiteral("variableIncludeAll"));

    m_layout = new QFormLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->addRow(tr("&Name:"), stacked({m_name, m_nameNote, m_nameProblem}));
    m_layout->addRow(tr("&Label:"), m_label);
    m_layout->addRow(tr("&Kind:"), m_kind);
    m_layout->addRow(tr("&Query:"), stacked({m_query, m_queryProblem, m_preview}));
    m_layout->addRow(tr("&Options:"), stacked({m_options, m_optionsProblem}, true));
    m_layout->addRow(tr("Selection:"), stacked({m_multi, m_includeAll}));
    // Labels are buddies of the fields, not of their stacks.
    if (auto *l = qobject_cast<QLabel *>(m_layout->labelForField(m_layout->itemAt(0, QFormLayout::FieldRole)->widget())))
        l->setBuddy(m_name);
    if (auto *l = qobject_cast<QLabel *>(m_layout->labelForField(m_layout->itemAt(3, QFormLayout::FieldRole)->widget())))
        l->setBuddy(m_query);
    if (auto *l = qobject_cast<QLabel *>(m_layout->labelForField(m_layout->itemAt(4, QFormLayout::FieldRole)->widget())))
        l->setBuddy(m_options);

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(kPreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &VariableForm::requestPreview);

    connect(m_name, &QLineEdit::textEdited, this, &VariableForm::onEdited);
    connect(m_label, &QLineEdit::textEdited, this, &VariableForm::onEdited);
    connect(m_query, &QLineEdit::textEdited, this, [this] {
        onEdited();
        schedulePreview();
    });
    connect(m_options, &QPlainTextEdit::textChanged, this, &VariableForm::onEdited);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateKindRows();
        onEdited();
        schedulePreview();
    });
    connect(m_multi, &QCheckBox::toggled, this, &VariableForm::onEdited);
    connect(m_includeAll, &QCheckBox::toggled, this, &VariableForm::onEdited);
    updateKindRows();
}

void VariableForm::setVariable(const dashboard::Variable &variable, const std::string &originalName)
{
    m_filling = true;
    m_current = variable.current;
    m_originalName = originalName;
    m_name->setText(QString::fromStdString(variable.name));
    m_label->setText(QString::fromStdString(variable.label));
    m_kind->setCurrentIndex(variable.kind == dashboard::VariableKind::Custom ? 1 : 0);
    m_query->setText(QString::fromStdString(variable.query));
    m_options->setPlainText(VariableCheck::optionsText(variable.options));
    m_multi->setChecked(variable.multi);
    m_includeAll->setChecked(variable.includeAll);
    m_filling = false;
    updateKindRows();
    updateNote();
    m_previewTimer->stop();
    requestPreview();
}

dashboard::Variable VariableForm::variable() const
{
    dashboard::Variable v;
    v.name = m_name->text().trimmed().toStdString();
    v.label = m_label->text().trimmed().toStdString();
    v.kind = m_kind->currentIndex() == 1 ? dashboard::VariableKind::Custom : dashboard::VariableKind::Query;
    if (v.kind == dashboard::VariableKind::Query)
        v.query = m_query->text().trimmed().toStdString();
    else
        v.options = VariableCheck::parseOptions(m_options->toPlainText());
    v.multi = m_multi->isChecked();
    v.includeAll = m_includeAll->isChecked();
    v.current = VariableCheck::fitSelection(v, m_current);
    return v;
}

void VariableForm::setProblems(const VariableProblems &problems)
{
    const auto show = [&](QLabel *label, VariableField field) {
        const QString text = problems.of(field);
        label->setText(text);
        label->setVisible(!text.isEmpty());
    };
    show(m_nameProblem, VariableField::Name);
    show(m_queryProblem, VariableField::Query);
    show(m_optionsProblem, VariableField::Options);
}

void VariableForm::setBackend(view::SourceBackend *backend)
{
    if (backend == m_backend)
        return;
    disconnect(m_backendConnection);
    disconnect(m_dataConnection);
    if (view::SourceBackend *old = m_backend.data(); old && m_request)
        old->cancel(m_request);
    m_request = 0;
    m_backend = backend;
    if (backend) {
        m_backendConnection = connect(backend, &view::SourceBackend::namesFinished, this, &VariableForm::onNames);
        m_dataConnection = connect(backend, &view::SourceBackend::dataArrived, this, [this] {
            if (m_askAgain && m_request == 0)
                requestPreview();
        });
    }
    requestPreview();
}

void VariableForm::focusFirstField()
{
    m_name->setFocus();
    m_name->selectAll();
}

QString VariableForm::previewText() const { return m_preview->text(); }

void VariableForm::onEdited()
{
    if (m_filling)
        return;
    updateNote();
    Q_EMIT edited();
}

void VariableForm::updateKindRows()
{
    const bool query = m_kind->currentIndex() == 0;
    m_layout->setRowVisible(3, query);
    m_layout->setRowVisible(4, !query);
}

void VariableForm::updateNote()
{
    const QString name = m_name->text().trimmed();
    QString note = tr("Panels refer to it as $%1.").arg(name.isEmpty() ? QStringLiteral("name") : name);
    if (!m_originalName.empty() && name.toStdString() != m_originalName)
        note += QLatin1Char(' ')
              + tr("Panels' $%1 references are not rewritten: change their queries too.")
                    .arg(QString::fromStdString(m_originalName));
    m_nameNote->setText(note);
}

void VariableForm::schedulePreview()
{
    if (!m_filling)
        m_previewTimer->start();
}

void VariableForm::requestPreview()
{
    view::SourceBackend *backend = m_backend.data();
    if (backend && m_request)
        backend->cancel(m_request);
    m_request = 0;
    m_askAgain = false;
    if (m_kind->currentIndex() != 0)
        return;
    view::LabelValuesQuery q;
    if (!view::parseLabelValues(m_query->text().toStdString(), q)) {
        m_preview->setText(QString());
        m_preview->hide();
        return;
    }
    m_preview->show();
    if (!backend) {
        m_preview->setText(tr("Preview values: the dashboard has no source to ask."));
        return;
    }
    m_preview->setText(tr("Preview values: asking the source…"));
    m_request = backend->labelValues(QString::fromStdString(q.label), QString::fromStdString(q.metric));
}

void VariableForm::onNames(quint64 id, const view::NamesAnswer &answer)
{
    if (id == 0 || id != m_request)
        return;
    m_request = 0;
    m_askAgain = !answer.ok() || answer.names.isEmpty();
    if (!answer.ok()) {
        m_preview->setText(tr("Preview values: the source answered: %1").arg(answer.error));
        return;
    }
    if (answer.names.isEmpty()) {
        m_preview->setText(tr("Preview values: none yet (the source has no such series)."));
        return;
    }
    QStringList shown = answer.names.mid(0, kPreviewShown);
    QString text = tr("Preview values (%n): ", nullptr, int(answer.names.size())) + shown.join(QStringLiteral(", "));
    if (answer.names.size() > kPreviewShown)
        text += QStringLiteral(", …");
    m_preview->setText(text);
}

} // namespace mw::variablesui
