// RuleEditorForm's widgets and their layout (its behaviour is in RuleEditorForm.cpp).

#include "RuleEditorForm.h"

#include "ExpressionEdit.h"
#include "KeyValueTable.h"
#include "RuleSummary.h"
#include "RuleValueText.h"
#include "AlertColors.h"
#include "alerting/AlertEngine.h"
#include "alerting/PromDuration.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace mw::rulesui {

using alerting::CompareOp;
using alerting::ConditionKind;
using alerting::Severity;
using alerting::StatePolicy;

namespace {

QFormLayout *makeForm(QWidget *parent)
{
    auto *form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    return form;
}

QLabel *muted(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

/// A field with its unit and a hint after it: [edit] µs  = 500ms
QWidget *valueRow(QWidget *parent, QWidget *lead, QLineEdit *edit, QLabel *unit, QLabel *hint)
{
    auto *row = new QWidget(parent);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    if (lead)
        h->addWidget(lead);
    h->addWidget(edit);
    h->addWidget(unit);
    h->addSpacing(8);
    h->addWidget(hint, 1);
    row->setFocusProxy(lead ? lead : edit); // the label's mnemonic goes to the first field
    return row;
}

QIcon severityDot(Severity s)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(alertsui::AlertColors::severity(s));
    p.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pm);
}

} // namespace

QLineEdit *RuleEditorForm::lineEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    return edit;
}

QComboBox *RuleEditorForm::combo(const QString &name, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    return box;
}

void RuleEditorForm::addRow(QFormLayout *form, int tab, const QString &label, RuleField field, QWidget *widget,
                            QWidget *row)
{
    form->addRow(label, row ? row : widget);
    auto *error = new QLabel(form->parentWidget());
    error->setObjectName(widget->objectName() + QStringLiteral("Error"));
    error->setWordWrap(true);
    error->setTextFormat(Qt::PlainText);
    error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette red = error->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    error->setPalette(red);
    form->addRow(QString(), error);
    form->setRowVisible(error, false);
    m_fields[field] = Field{row ? row : widget, error, form, tab};
}

QWidget *RuleEditorForm::buildRuleTab()
{
    auto *page = new QWidget;
    QFormLayout *form = makeForm(page);

    m_name = lineEdit(QStringLiteral("ruleName"), page);
    m_name->setPlaceholderText(tr("e.g. HighLatency (the alerts' alertname)"));
    m_group = lineEdit(QStringLiteral("ruleGroup"), page);
    m_group->setPlaceholderText(tr("e.g. tfserving"));
    m_id = muted(QString(), page);
    m_id->setObjectName(QStringLiteral("ruleId"));
    m_id->setToolTip(tr("Alerts, acknowledgements and history are kept by the rule's id: it stays when the rule is "
                        "renamed. A new rule's id is GROUP/NAME."));
    m_expr = new editor::ExpressionEdit(page);
    m_expr->setObjectName(QStringLiteral("ruleExpr"));
    // Rule expressions are long (a ratio of two rates and a guard): five lines.
    m_expr->setFixedHeight(m_expr->sizeHint().height() + 2 * m_expr->fontMetrics().lineSpacing());
    m_source = combo(QStringLiteral("ruleSource"), page);
    m_source->setToolTip(tr("The source the expression is evaluated on"));
    m_panel = combo(QStringLiteral("rulePanel"), page);
    m_panel->setToolTip(tr("A tied panel draws the rule's threshold and its alert periods"));

    m_kind = combo(QStringLiteral("ruleKind"), page);
    for (ConditionKind k : {ConditionKind::Threshold, ConditionKind::Filter})
        m_kind->addItem(RuleSummary::kindName(k), int(k));
    m_filterNote = muted(tr("The condition is in the expression (e.g. … > 0.5): every series it returns is an "
                            "alert, as in Prometheus."),
                         page);
    m_filterNote->setWordWrap(true);
    m_op = combo(QStringLiteral("ruleOp"), page);
    for (CompareOp op : {CompareOp::Greater, CompareOp::GreaterEqual, CompareOp::Less, CompareOp::LessEqual,
                         CompareOp::Equal, CompareOp::NotEqual})
        m_op->addItem(RuleSummary::opName(op), int(op));
    m_op->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("0000000000000"));
    m_threshold = lineEdit(QStringLiteral("ruleThreshold"), page);
    m_threshold->setFixedWidth(numberWidth);
    m_thresholdUnit = new QLabel(page);
    m_thresholdUnit->setObjectName(QStringLiteral("ruleThresholdUnit"));
    m_thresholdHint = muted(QString(), page);
    m_thresholdHint->setObjectName(QStringLiteral("ruleThresholdHint"));
    m_clear = lineEdit(QStringLiteral("ruleClearThreshold"), page);
    m_clear->setFixedWidth(numberWidth);
    m_clear->setPlaceholderText(tr("none"));
    m_clear->setToolTip(tr("Hysteresis: a firing alert resolves only once the value is past this (below it for > and "
                           ">=, above it for < and <=). Empty: as soon as the condition no longer holds."));
    m_clearUnit = new QLabel(page);
    m_clearHint = muted(QString(), page);
    m_clearHint->setObjectName(QStringLiteral("ruleClearThresholdHint"));
    m_unit = combo(QStringLiteral("ruleUnit"), page);
    for (alerting::ValueUnit u : RuleValueText::allUnits())
        m_unit->addItem(RuleValueText::unitName(u), int(u));
    m_unit->setToolTip(tr("The unit of the expression's value: thresholds are in it, and {{ $value | "
                          "humanizeDuration }} converts from it"));
    m_for = lineEdit(QStringLiteral("ruleFor"), page);
    m_for->setFixedWidth(numberWidth);
    m_for->setPlaceholderText(QStringLiteral("0s"));
    m_for->setToolTip(tr("How long the condition must hold before the alert fires (pending until then): 30s, 5m, "
                         "1h30m"));
    m_severity = combo(QStringLiteral("ruleSeverity"), page);
    for (Severity s : {Severity::Critical, Severity::Warning, Severity::Info})
        m_severity->addItem(severityDot(s), RuleSummary::severityName(s), int(s));
    m_summary = lineEdit(QStringLiteral("ruleSummary"), page);
    m_summary->setPlaceholderText(tr("e.g. p99 latency is {{ $value | humanizeDuration }}"));
    m_summary->setToolTip(tr("The summary annotation: the notification's text (a template)"));

    addRow(form, 0, tr("&Name:"), RuleField::Name, m_name);
    addRow(form, 0, tr("&Group:"), RuleField::Group, m_group);
    addRow(form, 0, tr("Id:"), RuleField::Id, m_id);
    addRow(form, 0, tr("&Expression:"), RuleField::Expr, m_expr);
    addRow(form, 0, tr("&Source:"), RuleField::Source, m_source);
    addRow(form, 0, tr("&Panel:"), RuleField::Panel, m_panel);
    form->addItem(new QSpacerItem(0, 6));
    form->addRow(tr("Alert &when:"), m_kind);
    form->addRow(QString(), m_filterNote);
    addRow(form, 0, tr("&Threshold:"), RuleField::Threshold, m_threshold,
           valueRow(page, m_op, m_threshold, m_thresholdUnit, m_thresholdHint));
    addRow(form, 0, tr("&Clears at:"), RuleField::ClearThreshold, m_clear,
           valueRow(page, nullptr, m_clear, m_clearUnit, m_clearHint));
    form->addRow(tr("Value &unit:"), m_unit);
    addRow(form, 0, tr("&For:"), RuleField::For, m_for);
    form->addItem(new QSpacerItem(0, 6));
    form->addRow(tr("Se&verity:"), m_severity);
    addRow(form, 0, tr("Su&mmary:"), RuleField::Summary, m_summary);
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_group)})
        w->setMinimumWidth(numberWidth);
    return page;
}

QWidget *RuleEditorForm::buildEvaluationTab()
{
    auto *page = new QWidget;
    QFormLayout *form = makeForm(page);
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("0000000000000"));
    m_interval = lineEdit(QStringLiteral("ruleInterval"), page);
    m_interval->setToolTip(tr("How often the expression is evaluated: 15s, 1m"));
    m_keepFiringFor = lineEdit(QStringLiteral("ruleKeepFiringFor"), page);
    m_keepFiringFor->setPlaceholderText(QStringLiteral("0s"));
    m_keepFiringFor->setToolTip(tr("A firing alert keeps firing this long after the condition clears (flapping "
                                   "guard)"));
    m_repeat = lineEdit(QStringLiteral("ruleRepeatInterval"), page);
    m_repeat->setPlaceholderText(tr("default (%1)").arg(
        QString::fromStdString(alerting::formatPromDuration(alerting::EngineOptions{}.repeatIntervalMs))));
    m_repeat->setToolTip(tr("An unacknowledged firing alert notifies again this often"));
    for (QLineEdit *e : {m_interval, m_keepFiringFor, m_repeat})
        e->setFixedWidth(numberWidth);
    m_noData = combo(QStringLiteral("ruleNoData"), page);
    m_onError = combo(QStringLiteral("ruleOnError"), page);
    for (QComboBox *box : {m_noData, m_onError}) {
        for (StatePolicy p : {StatePolicy::KeepState, StatePolicy::Alerting, StatePolicy::Ok})
            box->addItem(RuleSummary::policyName(p), int(p));
    }
    m_noData->setToolTip(tr("When the expression returns no series"));
    m_onError->setToolTip(tr("When the query fails (the source is down, the query is refused)"));

    addRow(form, 1, tr("&Interval:"), RuleField::Interval, m_interval);
    addRow(form, 1, tr("&Keep firing for:"), RuleField::KeepFiringFor, m_keepFiringFor);
    addRow(form, 1, tr("Repea&t every:"), RuleField::RepeatInterval, m_repeat);
    form->addItem(new QSpacerItem(0, 6));
    form->addRow(tr("When there is &no data:"), m_noData);
    form->addRow(tr("When the query &fails:"), m_onError);
    auto *note = muted(tr("Durations are written as in Prometheus rule files: 30s, 5m, 1h30m, 2d."), page);
    note->setWordWrap(true);
    form->addItem(new QSpacerItem(0, 6));
    form->addRow(QString(), note);
    return page;
}

QWidget *RuleEditorForm::buildLabelsTab()
{
    auto *page = new QWidget;
    QFormLayout *form = makeForm(page);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_labels = new KeyValueTable(QStringLiteral("ruleLabels"), tr("Label"),
                                 {QStringLiteral("team"), QStringLiteral("service")}, page);
    m_labels->setToolTip(tr("Added to every alert of the rule (values may be templates)"));
    m_annotations = new KeyValueTable(QStringLiteral("ruleAnnotations"), tr("Annotation"),
                                      {QStringLiteral("description"), QStringLiteral("runbook_url")}, page);
    m_annotations->setToolTip(tr("Templates shown with the alert; the summary is on the Rule tab"));
    addRow(form, 2, tr("Label&s:"), RuleField::Labels, m_labels);
    addRow(form, 2, tr("Annota&tions:"), RuleField::Annotations, m_annotations);
    auto *note = muted(tr("Values are templates: {{ $labels.model_name }}, {{ $value | humanizeDuration }}. The "
                          "summary annotation is on the Rule tab."),
                       page);
    note->setWordWrap(true);
    form->addRow(QString(), note);
    return page;
}

} // namespace mw::rulesui
