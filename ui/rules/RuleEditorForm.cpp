#include "RuleEditorForm.h"

#include "AlertFormat.h"
#include "ExpressionEdit.h"
#include "KeyValueTable.h"
#include "RuleSummary.h"
#include "RuleValueText.h"
#include "alerting/PromDuration.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace mw::rulesui {

using alerting::ConditionKind;
using alerting::ValueUnit;

namespace {

constexpr const char *kSummary = "summary";

void selectData(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    box->setCurrentIndex(index < 0 ? 0 : index);
}

QString durationText(int64_t ms, bool zeroIsEmpty)
{
    return ms == 0 && zeroIsEmpty ? QString() : QString::fromStdString(alerting::formatPromDuration(ms));
}

} // namespace

RuleEditorForm::RuleEditorForm(const dashboard::Document &document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("ruleTabs"));
    m_tabs->addTab(buildRuleTab(), tr("Ru&le"));
    m_tabs->addTab(buildEvaluationTab(), tr("Evaluati&on"));
    m_tabs->addTab(buildLabelsTab(), tr("La&bels and annotations"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    m_source->addItem(RuleSummary::defaultSource(m_document), QString());
    for (const dashboard::Source &s : m_document.sources)
        m_source->addItem(QString::fromStdString(s.name), QString::fromStdString(s.name));
    m_panel->addItem(tr("None"), 0);
    for (const dashboard::Panel &p : m_document.panels)
        m_panel->addItem(RuleSummary::panelChoice(p), p.id);

    // Every field writes its part of m_rule, then says the rule was edited
    // (not while fill() puts a rule into the widgets).
    const auto watch = [this](auto *sender, auto signal, auto apply) {
        connect(sender, signal, this, [this, apply] {
            if (m_filling)
                return;
            apply();
            edited();
        });
    };
    const auto comboData = [](QComboBox *box) { return box->currentData().toInt(); };
    watch(m_name, &QLineEdit::textChanged, [this] { m_rule.rule.name = m_name->text().trimmed().toStdString(); });
    watch(m_group, &QLineEdit::textChanged, [this] { m_rule.rule.group = m_group->text().trimmed().toStdString(); });
    watch(m_expr, &editor::ExpressionEdit::expressionChanged, [this] { m_rule.rule.expr = m_expr->expression().toStdString(); });
    watch(m_source, &QComboBox::currentIndexChanged,
          [this] { m_rule.source = m_source->currentData().toString().toStdString(); });
    watch(m_panel, &QComboBox::currentIndexChanged, [this, comboData] {
        const int id = comboData(m_panel);
        m_rule.panelId = id > 0 ? std::optional<int>(id) : std::nullopt;
        // A rule tied to a latency panel in µs reads its value in µs.
        const dashboard::Panel *p = id > 0 ? m_document.panel(id) : nullptr;
        if (const auto unit = p ? RuleValueText::fromPanelUnit(p->unit) : std::nullopt;
            unit && m_rule.rule.unit == ValueUnit::None) {
            m_rule.rule.unit = *unit;
            m_filling = true;
            selectData(m_unit, int(*unit));
            m_filling = false;
            updateUnit();
        }
    });
    watch(m_kind, &QComboBox::currentIndexChanged, [this, comboData] {
        m_rule.rule.kind = static_cast<ConditionKind>(comboData(m_kind));
        updateKind();
    });
    watch(m_op, &QComboBox::currentIndexChanged,
          [this, comboData] { m_rule.rule.op = static_cast<alerting::CompareOp>(comboData(m_op)); });
    watch(m_threshold, &QLineEdit::textChanged, [this] { readField(RuleField::Threshold); });
    watch(m_clear, &QLineEdit::textChanged, [this] { readField(RuleField::ClearThreshold); });
    // Typed with a unit ("750ms"): once left, the field shows the number in
    // the rule's unit, as the unit after it says (the value is the same).
    for (auto [edit, field] : {std::pair(m_threshold, RuleField::Threshold), std::pair(m_clear, RuleField::ClearThreshold)}) {
        connect(edit, &QLineEdit::editingFinished, this, [this, edit = edit, field = field] {
            const QString text = edit->text().trimmed();
            if (m_textProblems.count(field) || text.isEmpty() || RuleValueText::parse(text, ValueUnit::None))
                return;
            const std::optional<double> v =
                field == RuleField::Threshold ? std::optional(m_rule.rule.threshold) : m_rule.rule.clearThreshold;
            if (!v)
                return;
            m_filling = true;
            edit->setText(RuleValueText::number(*v));
            m_filling = false;
            readThreshold(edit, field);
        });
    }
    watch(m_unit, &QComboBox::currentIndexChanged, [this, comboData] {
        m_rule.rule.unit = static_cast<ValueUnit>(comboData(m_unit));
        updateUnit();
    });
    watch(m_for, &QLineEdit::textChanged, [this] { readField(RuleField::For); });
    watch(m_interval, &QLineEdit::textChanged, [this] { readField(RuleField::Interval); });
    watch(m_keepFiringFor, &QLineEdit::textChanged, [this] { readField(RuleField::KeepFiringFor); });
    watch(m_repeat, &QLineEdit::textChanged, [this] { readField(RuleField::RepeatInterval); });
    watch(m_severity, &QComboBox::currentIndexChanged,
          [this, comboData] { m_rule.rule.severity = static_cast<alerting::Severity>(comboData(m_severity)); });
    watch(m_noData, &QComboBox::currentIndexChanged,
          [this, comboData] { m_rule.rule.noData = static_cast<alerting::StatePolicy>(comboData(m_noData)); });
    watch(m_onError, &QComboBox::currentIndexChanged,
          [this, comboData] { m_rule.rule.onError = static_cast<alerting::StatePolicy>(comboData(m_onError)); });
    watch(m_summary, &QLineEdit::textChanged, [this] {
        if (m_summary->text().isEmpty())
            m_rule.rule.annotations.erase(kSummary);
        else
            m_rule.rule.annotations[kSummary] = m_summary->text().toStdString();
    });
    watch(m_labels, &KeyValueTable::changed, [this] { readField(RuleField::Labels); });
    watch(m_annotations, &KeyValueTable::changed, [this] { readField(RuleField::Annotations); });
    setRule({});
}

RuleEditorForm::~RuleEditorForm() = default;

void RuleEditorForm::setRule(const dashboard::DocumentRule &rule, const RuleDraft &draft)
{
    m_rule = rule;
    m_textProblems.clear();
    m_check = {};
    fill();
    restore(draft);
    updateProblems();
}

RuleDraft RuleEditorForm::draft() const
{
    RuleDraft d;
    d.problems = m_textProblems;
    for (const auto &[field, problem] : m_textProblems) {
        if (const QLineEdit *edit = textEdit(field))
            d.texts[field] = edit->text();
        else if (const KeyValueTable *t = table(field))
            d.rows[field] = t->rows();
    }
    return d;
}

void RuleEditorForm::restore(const RuleDraft &draft)
{
    if (draft.empty())
        return;
    m_filling = true;
    for (const auto &[field, text] : draft.texts) {
        if (QLineEdit *edit = textEdit(field))
            edit->setText(text);
    }
    for (const auto &[field, rows] : draft.rows) {
        if (KeyValueTable *t = table(field))
            t->setRows(rows);
    }
    m_filling = false;
    // Read as when typed: the same problems, and the rule keeps its last good values.
    for (const auto &[field, text] : draft.texts)
        readField(field);
    for (const auto &[field, rows] : draft.rows)
        readField(field);
}

QLineEdit *RuleEditorForm::textEdit(RuleField field) const
{
    switch (field) {
    case RuleField::Threshold: return m_threshold;
    case RuleField::ClearThreshold: return m_clear;
    case RuleField::For: return m_for;
    case RuleField::Interval: return m_interval;
    case RuleField::KeepFiringFor: return m_keepFiringFor;
    case RuleField::RepeatInterval: return m_repeat;
    default: return nullptr;
    }
}

KeyValueTable *RuleEditorForm::table(RuleField field) const
{
    switch (field) {
    case RuleField::Labels: return m_labels;
    case RuleField::Annotations: return m_annotations;
    default: return nullptr;
    }
}

void RuleEditorForm::readField(RuleField field)
{
    alerting::AlertRule &r = m_rule.rule;
    switch (field) {
    case RuleField::Threshold:
    case RuleField::ClearThreshold: readThreshold(textEdit(field), field); break;
    case RuleField::For: readDuration(m_for, field, r.forMs, true); break;
    case RuleField::Interval: readDuration(m_interval, field, r.intervalMs, false); break;
    case RuleField::KeepFiringFor: readDuration(m_keepFiringFor, field, r.keepFiringForMs, true); break;
    case RuleField::RepeatInterval: readDuration(m_repeat, field, r.repeatIntervalMs, true); break;
    case RuleField::Labels:
        r.labels = m_labels->pairs();
        setTextProblem(field, m_labels->problem());
        break;
    case RuleField::Annotations: {
        std::map<std::string, std::string> a = m_annotations->pairs();
        QString p = m_annotations->problem();
        if (p.isEmpty() && a.count(kSummary))
            p = tr("The summary has its own field on the Rule tab.");
        if (const auto s = r.annotations.find(kSummary); s != r.annotations.end())
            a.insert_or_assign(kSummary, s->second);
        r.annotations = std::move(a);
        setTextProblem(field, p);
        break;
    }
    default: break;
    }
}

void RuleEditorForm::setRuleId(const std::string &id)
{
    m_rule.rule.id = id;
    m_id->setText(QString::fromStdString(id));
}

void RuleEditorForm::setNameSource(editor::NameCache *cache, view::SourceBackend *backend)
{
    m_expr->setNameSource(cache, backend);
}

void RuleEditorForm::focusFirstField()
{
    m_tabs->setCurrentIndex(0);
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void RuleEditorForm::fill()
{
    m_filling = true;
    const alerting::AlertRule &r = m_rule.rule;
    m_name->setText(QString::fromStdString(r.name));
    m_group->setText(QString::fromStdString(r.group));
    m_id->setText(QString::fromStdString(r.id));
    m_expr->setExpression(QString::fromStdString(r.expr));
    // A source or panel the document lacks stays as it is (and is reported).
    if (m_source->findData(QString::fromStdString(m_rule.source)) < 0)
        m_source->addItem(tr("%1 (missing)").arg(QString::fromStdString(m_rule.source)),
                          QString::fromStdString(m_rule.source));
    selectData(m_source, QString::fromStdString(m_rule.source));
    if (m_rule.panelId && m_panel->findData(*m_rule.panelId) < 0)
        m_panel->addItem(tr("Panel %1 (missing)").arg(*m_rule.panelId), *m_rule.panelId);
    selectData(m_panel, m_rule.panelId.value_or(0));
    selectData(m_kind, int(r.kind));
    selectData(m_op, int(r.op));
    m_threshold->setText(RuleValueText::number(r.threshold));
    m_clear->setText(r.clearThreshold ? RuleValueText::number(*r.clearThreshold) : QString());
    selectData(m_unit, int(r.unit));
    m_for->setText(durationText(r.forMs, false));
    m_interval->setText(durationText(r.intervalMs, false));
    m_keepFiringFor->setText(durationText(r.keepFiringForMs, false));
    m_repeat->setText(durationText(r.repeatIntervalMs, true));
    selectData(m_severity, int(r.severity));
    selectData(m_noData, int(r.noData));
    selectData(m_onError, int(r.onError));
    const auto summary = r.annotations.find(kSummary);
    m_summary->setText(summary == r.annotations.end() ? QString() : QString::fromStdString(summary->second));
    m_labels->setPairs(r.labels);
    std::map<std::string, std::string> others = r.annotations;
    others.erase(kSummary);
    m_annotations->setPairs(others);
    m_filling = false;
    updateKind();
    updateUnit();
}

void RuleEditorForm::edited()
{
    if (m_filling)
        return;
    Q_EMIT ruleEdited();
}

void RuleEditorForm::readThreshold(QLineEdit *edit, RuleField field)
{
    const QString text = edit->text();
    const bool clear = field == RuleField::ClearThreshold;
    if (clear && text.trimmed().isEmpty()) {
        m_rule.rule.clearThreshold.reset();
        m_textProblems.erase(field);
    } else if (const std::optional<double> v = RuleValueText::parse(text, m_rule.rule.unit)) {
        if (clear)
            m_rule.rule.clearThreshold = *v;
        else
            m_rule.rule.threshold = *v;
        m_textProblems.erase(field);
    } else {
        m_textProblems[field] = tr("Not a number in this unit: %1.").arg(RuleValueText::examples(m_rule.rule.unit));
    }
    QLabel *hint = clear ? m_clearHint : m_thresholdHint;
    const std::optional<double> shown = clear ? m_rule.rule.clearThreshold : std::optional(m_rule.rule.threshold);
    if (m_textProblems.count(field) || !shown || m_rule.rule.unit == ValueUnit::None) {
        hint->clear();
    } else if (RuleValueText::parse(text.trimmed(), ValueUnit::None)) {
        hint->setText(QStringLiteral("= ") + alertsui::AlertFormat::value(*shown, m_rule.rule.unit));
    } else {
        // Typed with a unit: say what it is in the rule's.
        const QString symbol = RuleValueText::symbol(m_rule.rule.unit);
        hint->setText(QStringLiteral("= ") + RuleValueText::number(*shown)
                      + (symbol.isEmpty() ? QString() : QStringLiteral(" ") + symbol));
    }
}

void RuleEditorForm::setTextProblem(RuleField field, const QString &problem)
{
    if (problem.isEmpty())
        m_textProblems.erase(field);
    else
        m_textProblems[field] = problem;
}

void RuleEditorForm::readDuration(QLineEdit *edit, RuleField field, int64_t &target, bool emptyIsZero)
{
    const std::string text = edit->text().trimmed().toStdString();
    if (text.empty() && emptyIsZero) {
        target = 0;
        m_textProblems.erase(field);
    } else if (text.empty()) {
        m_textProblems[field] = tr("Enter a duration, e.g. 15s or 1m.");
    } else if (const std::optional<int64_t> ms = alerting::parsePromDuration(text)) {
        target = *ms;
        m_textProblems.erase(field);
    } else {
        m_textProblems[field] = tr("Not a duration: write it as Prometheus does, e.g. 30s, 5m, 1h30m.");
    }
}

void RuleEditorForm::updateKind()
{
    const bool threshold = m_rule.rule.kind == ConditionKind::Threshold;
    auto *form = m_fields[RuleField::Threshold].form;
    form->setRowVisible(m_fields[RuleField::Threshold].widget, threshold);
    form->setRowVisible(m_fields[RuleField::ClearThreshold].widget, threshold);
    form->setRowVisible(m_filterNote, !threshold);
    if (threshold) {
        readThreshold(m_threshold, RuleField::Threshold);
        readThreshold(m_clear, RuleField::ClearThreshold);
    } else {
        // A filter rule has no value to compare: what the hidden rows hold does not count.
        m_rule.rule.clearThreshold.reset();
        m_textProblems.erase(RuleField::Threshold);
        m_textProblems.erase(RuleField::ClearThreshold);
    }
    updateProblems();
}

void RuleEditorForm::updateUnit()
{
    const QString symbol = RuleValueText::symbol(m_rule.rule.unit);
    m_thresholdUnit->setText(symbol);
    m_clearUnit->setText(symbol);
    const QString examples = RuleValueText::examples(m_rule.rule.unit);
    m_threshold->setToolTip(tr("The threshold in the value unit: %1").arg(examples));
    if (m_rule.rule.kind == ConditionKind::Threshold) {
        readThreshold(m_threshold, RuleField::Threshold);
        readThreshold(m_clear, RuleField::ClearThreshold);
    }
    updateProblems();
}

void RuleEditorForm::setProblems(const RuleCheckResult &check)
{
    m_check = check;
    updateProblems();
}

void RuleEditorForm::updateProblems()
{
    std::map<RuleField, QString> all = m_check.problems;
    for (const auto &[field, text] : m_textProblems)
        all.insert_or_assign(field, text);
    const bool threshold = m_rule.rule.kind == ConditionKind::Threshold;
    bool tabHas[3] = {false, false, false};
    for (auto &[field, f] : m_fields) {
        const auto it = all.find(field);
        const bool hidden = !threshold && (field == RuleField::Threshold || field == RuleField::ClearThreshold);
        const bool show = it != all.end() && !hidden;
        f.error->setText(show ? it->second : QString());
        f.form->setRowVisible(f.error, show);
        if (show)
            tabHas[f.tab] = true;
    }
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int t = 0; t < 3; ++t)
        m_tabs->setTabIcon(t, tabHas[t] ? warning : QIcon());
    m_expr->setErrorPosition(m_check.expression && !m_textProblems.count(RuleField::Expr)
                                 ? std::optional<int>(m_check.expression->position)
                                 : std::nullopt);
}

} // namespace mw::rulesui
