#include "AlertRulesDialog.h"

#include "NameCache.h"
#include "RuleCheck.h"
#include "RuleEditorForm.h"
#include "RuleIds.h"
#include "RuleListModel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace mw::rulesui {

using dashboard::DocumentRule;

namespace {

const QString kSizeKey = QStringLiteral("alertRulesDialog/size");
const QString kSplitKey = QStringLiteral("alertRulesDialog/split");

constexpr int64_t kDefaultIntervalMs = 60'000;
constexpr int64_t kDefaultForMs = 5 * 60'000;

} // namespace

AlertRulesDialog::AlertRulesDialog(dashboard::Document document, BackendLookup lookup, QWidget *parent)
    : QDialog(parent), m_document(std::move(document)), m_lookup(std::move(lookup))
{
    setObjectName(QStringLiteral("alertRulesDialog"));
    setWindowTitle(tr("Alert rules"));
    setSizeGripEnabled(true);

    m_model = new RuleListModel(m_document, this);
    m_names = new editor::NameCache(this);

    m_list = new QTableView;
    m_list->setObjectName(QStringLiteral("ruleList"));
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 10);
    QHeaderView *header = m_list->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSectionResizeMode(RuleListModel::SeverityColumn, QHeaderView::ResizeToContents);
    header->resizeSection(RuleListModel::NameColumn, 130);
    header->resizeSection(RuleListModel::ConditionColumn, 215);
    header->resizeSection(RuleListModel::SourceColumn, 110);
    header->setMinimumSectionSize(60);
    m_list->installEventFilter(this);

    m_add = new QPushButton(tr("&Add"));
    m_add->setObjectName(QStringLiteral("addRule"));
    m_add->setToolTip(tr("A new rule in the selected rule's group"));
    m_duplicate = new QPushButton(tr("&Duplicate"));
    m_duplicate->setObjectName(QStringLiteral("duplicateRule"));
    m_remove = new QPushButton(tr("&Remove"));
    m_remove->setObjectName(QStringLiteral("removeRule"));
    m_remove->setToolTip(tr("Remove the selected rule (Delete)"));
    for (QPushButton *b : {m_add, m_duplicate, m_remove})
        b->setAutoDefault(false);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_remove);
    listButtons->addStretch();

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(listButtons);

    m_form = new RuleEditorForm(m_document);
    m_form->setObjectName(QStringLiteral("ruleForm"));
    auto *empty = new QLabel(tr("This dashboard has no alert rules.\nAdd one, e.g. “p99 latency above 500 ms for 5m”."));
    empty->setObjectName(QStringLiteral("rulesEmpty"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack = new QStackedWidget;
    m_stack->addWidget(m_form);
    m_stack->addWidget(empty);

    m_split = new QSplitter(Qt::Horizontal);
    m_split->addWidget(left);
    m_split->addWidget(m_stack);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 3);
    m_split->setChildrenCollapsible(false);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("rulesProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    QPalette red = m_problem->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_problem->setPalette(red);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AlertRulesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AlertRulesDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_problem, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_split, 1);
    layout->addLayout(bottom);

    connect(m_add, &QPushButton::clicked, this, &AlertRulesDialog::addRule);
    connect(m_duplicate, &QPushButton::clicked, this, &AlertRulesDialog::duplicateRule);
    connect(m_remove, &QPushButton::clicked, this, &AlertRulesDialog::removeRule);
    connect(m_form, &RuleEditorForm::ruleEdited, this, &AlertRulesDialog::formEdited);

    m_model->setRules(m_document.rules);
    m_drafts.assign(m_document.rules.size(), RuleDraft());
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRow(current.isValid() ? current.row() : -1); });
    checkAll();
    selectRow(m_model->rowCount() > 0 ? 0 : -1);
    showRow(currentRow());

    // Room for the list's columns beside the form, within the screen.
    QSize preferred(1240, 720);
    if (const QScreen *screen = parent ? parent->screen() : this->screen())
        preferred = preferred.boundedTo(screen->availableGeometry().size() * 0.9);
    resize(preferred);
    QSettings settings;
    if (const QSize size = settings.value(kSizeKey).toSize(); size.isValid())
        resize(size);
    if (const QByteArray split = settings.value(kSplitKey).toByteArray(); !split.isEmpty())
        m_split->restoreState(split);
    else
        m_split->setSizes({640, 580});
}

AlertRulesDialog::~AlertRulesDialog() = default;

std::vector<DocumentRule> AlertRulesDialog::rules() const { return m_model->rules(); }

dashboard::Document AlertRulesDialog::document() const
{
    dashboard::Document d = m_document;
    d.rules = m_model->rules();
    return d;
}

bool AlertRulesDialog::isValid() const { return m_model->problemCount() == 0; }

bool AlertRulesDialog::hasChanges() const
{
    return m_model->rules() != m_document.rules
        || std::any_of(m_drafts.begin(), m_drafts.end(), [](const RuleDraft &d) { return !d.empty(); });
}

int AlertRulesDialog::currentRow() const
{
    const QModelIndex i = m_list->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void AlertRulesDialog::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_list->setCurrentIndex({});
        showRow(-1);
        return;
    }
    m_list->setCurrentIndex(m_model->index(row, RuleListModel::NameColumn));
    m_list->scrollTo(m_list->currentIndex());
}

void AlertRulesDialog::showRow(int row)
{
    const int old = m_shown;
    m_shown = row;
    m_stack->setCurrentIndex(row < 0 ? 1 : 0);
    m_duplicate->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    if (row >= 0) {
        m_form->setRule(m_model->rule(row), m_drafts.at(std::size_t(row)));
        useSourceFor(m_model->rule(row));
        checkRow(row);
    }
    // The old row is checked on its own now, its draft (and so its mark) kept.
    if (old >= 0 && old != row && old < m_model->rowCount())
        checkRow(old);
    updateState();
}

void AlertRulesDialog::formEdited()
{
    if (m_shown < 0)
        return;
    DocumentRule r = m_form->rule();
    const DocumentRule &before = m_model->rule(m_shown);
    if (m_newIds.count(before.rule.id)) {
        const std::string id = RuleIds::unique(r.rule.group, r.rule.name, idsExcept(m_shown));
        if (id != before.rule.id) {
            m_newIds.erase(before.rule.id);
            m_newIds.insert(id);
            m_form->setRuleId(id);
        }
        r.rule.id = id;
    }
    const bool sourceChanged = r.source != before.source;
    m_model->setRule(m_shown, r);
    m_drafts.at(std::size_t(m_shown)) = m_form->draft();
    if (sourceChanged)
        useSourceFor(r);
    checkRow(m_shown);
    updateState();
}

void AlertRulesDialog::checkRow(int row)
{
    RuleCheckResult result = RuleCheck::check(m_model->rules(), std::size_t(row), m_document);
    if (row == m_shown)
        m_form->setProblems(result);
    // The texts that do not read: the form's for the row it shows, else the row's draft.
    const std::map<RuleField, QString> &texts =
        row == m_shown ? m_form->textProblems() : m_drafts.at(std::size_t(row)).problems;
    for (const auto &[field, text] : texts)
        result.problems.insert_or_assign(field, text);
    m_model->setProblem(row, result.summary());
}

void AlertRulesDialog::checkAll()
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        checkRow(row);
    updateState();
}

void AlertRulesDialog::updateState()
{
    const int bad = m_model->problemCount();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(bad == 0);
    QString text;
    for (int row = 0; row < m_model->rowCount() && text.isEmpty(); ++row) {
        if (const QString p = m_model->problem(row); !p.isEmpty()) {
            const std::string &name = m_model->rule(row).rule.name;
            text = tr("%1 — %2").arg(name.empty() ? tr("(unnamed)") : QString::fromStdString(name), p);
        }
    }
    if (bad > 1)
        text = tr("%1 rules cannot be saved yet. %2").arg(bad).arg(text);
    m_problem->setText(text);
}

std::set<std::string> AlertRulesDialog::idsExcept(int row) const
{
    std::set<std::string> ids;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        if (i != row)
            ids.insert(m_model->rule(i).rule.id);
    }
    return ids;
}

void AlertRulesDialog::insertNew(DocumentRule rule, int row, RuleDraft draft)
{
    rule.rule.id = RuleIds::unique(rule.rule.group, rule.rule.name, idsExcept(-1));
    m_newIds.insert(rule.rule.id);
    row = std::clamp(row, 0, m_model->rowCount());
    m_drafts.insert(m_drafts.begin() + row, std::move(draft));
    m_model->insertRule(row, std::move(rule));
    checkAll();
    selectRow(row);
    m_form->focusFirstField();
}

void AlertRulesDialog::addRule()
{
    const int at = currentRow();
    const DocumentRule *like = at >= 0 ? &m_model->rule(at) : m_model->rowCount() > 0 ? &m_model->rule(0) : nullptr;
    DocumentRule r;
    r.rule.name = "NewAlert";
    r.rule.group = like ? like->rule.group : (m_document.uid.empty() ? std::string("dashboard") : m_document.uid);
    r.rule.kind = alerting::ConditionKind::Threshold;
    r.rule.intervalMs = like ? like->rule.intervalMs : kDefaultIntervalMs;
    r.rule.forMs = kDefaultForMs;
    insertNew(std::move(r), at < 0 ? m_model->rowCount() : at + 1);
}

void AlertRulesDialog::duplicateRule()
{
    const int at = currentRow();
    if (at < 0)
        return;
    // The copy is of what the form shows, texts that do not read included.
    insertNew(m_model->rule(at), at + 1, m_drafts.at(std::size_t(at)));
}

void AlertRulesDialog::removeRule()
{
    const int at = currentRow();
    if (at < 0)
        return;
    m_newIds.erase(m_model->rule(at).rule.id);
    m_shown = -1; // the form's row goes: nothing of it is read back
    // The list may show a neighbour while the row is still there (so the
    // drafts still match the rows then); it is shown again below.
    m_model->removeRule(at);
    m_drafts.erase(m_drafts.begin() + at);
    m_shown = -1;
    checkAll();
    selectRow(std::min(at, m_model->rowCount() - 1));
    showRow(currentRow());
    m_list->setFocus();
}

void AlertRulesDialog::useSourceFor(const DocumentRule &rule)
{
    const std::string name = !rule.source.empty() ? rule.source
                             : m_document.sources.empty() ? std::string()
                                                          : m_document.sources.front().name;
    m_form->setNameSource(m_names, m_lookup && !name.empty() ? m_lookup(name) : nullptr);
}

bool AlertRulesDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && currentRow() >= 0) {
            m_form->focusFirstField();
            return true;
        }
        if (key->key() == Qt::Key_Delete && currentRow() >= 0) {
            removeRule();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void AlertRulesDialog::reject()
{
    if (hasChanges() && !confirmDiscard())
        return;
    QDialog::reject();
}

bool AlertRulesDialog::confirmDiscard()
{
    QMessageBox box(QMessageBox::Question, windowTitle(), tr("Discard the changes to the alert rules?"),
                    QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("discardRulesBox"));
    box.setInformativeText(tr("The dashboard keeps the rules it had."));
    box.setDefaultButton(QMessageBox::Cancel);
    box.setEscapeButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Discard;
}

void AlertRulesDialog::done(int result)
{
    if (result == QDialog::Accepted && !isValid())
        return;
    QSettings settings;
    settings.setValue(kSizeKey, size());
    settings.setValue(kSplitKey, m_split->saveState());
    QDialog::done(result);
}

} // namespace mw::rulesui
