#include "VariablesDialog.h"

#include "VariableCheck.h"
#include "VariableForm.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace mw::variablesui {

namespace {

const QString kSizeKey = QStringLiteral("variablesDialog/size");

QString itemText(const dashboard::Variable &v)
{
    const QString name = v.name.empty() ? QCoreApplication::translate("mw::variablesui::VariablesDialog", "(unnamed)")
                                        : QStringLiteral("$") + QString::fromStdString(v.name);
    return v.label.empty() ? name : name + QStringLiteral("  —  ") + QString::fromStdString(v.label);
}

} // namespace

VariablesDialog::VariablesDialog(std::vector<dashboard::Variable> variables, view::SourceBackend *backend, QWidget *parent)
    : QDialog(parent), m_original(variables), m_vars(std::move(variables))
{
    setObjectName(QStringLiteral("variablesDialog"));
    setWindowTitle(tr("Dashboard variables"));
    setSizeGripEnabled(true);
    for (const dashboard::Variable &v : m_vars)
        m_origins.push_back(v.name);

    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("variableList"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumWidth(200);
    m_list->setIconSize(QSize(16, 16));

    const auto button = [](const QString &text, const char *name, const QString &tip) {
        auto *b = new QPushButton(text);
        b->setObjectName(QString::fromLatin1(name));
        b->setToolTip(tip);
        b->setAutoDefault(false);
        return b;
    };
    m_add = button(tr("&Add"), "addVariable", tr("A new variable after the selected one"));
    m_duplicate = button(tr("D&uplicate"), "duplicateVariable", tr("A copy of the selected variable"));
    m_remove = button(tr("&Remove"), "removeVariable", tr("Remove the selected variable"));
    m_up = button(tr("Move u&p"), "moveVariableUp", tr("Earlier in the variable bar"));
    m_down = button(tr("Move do&wn"), "moveVariableDown", tr("Later in the variable bar"));
    auto *listButtons = new QGridLayout;
    listButtons->addWidget(m_add, 0, 0);
    listButtons->addWidget(m_duplicate, 0, 1);
    listButtons->addWidget(m_remove, 0, 2);
    listButtons->addWidget(m_up, 1, 0);
    listButtons->addWidget(m_down, 1, 1);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_form = new VariableForm;
    m_form->setObjectName(QStringLiteral("variableForm"));
    m_form->setBackend(backend);
    auto *formPage = new QWidget;
    auto *formLayout = new QVBoxLayout(formPage);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(m_form);
    formLayout->addStretch(1);
    auto *empty = new QLabel(tr("This dashboard has no variables.\nAdd one, e.g. $model from label_values(model_name)."));
    empty->setObjectName(QStringLiteral("variablesEmpty"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack = new QStackedWidget;
    m_stack->addWidget(formPage);
    m_stack->addWidget(empty);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addSpacing(style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing) + 6);
    columns->addWidget(m_stack, 2);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("variablesProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    QPalette red = m_problem->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_problem->setPalette(red);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &VariablesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &VariablesDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_problem, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addLayout(bottom);

    connect(m_add, &QPushButton::clicked, this, &VariablesDialog::addVariable);
    connect(m_duplicate, &QPushButton::clicked, this, &VariablesDialog::duplicateVariable);
    connect(m_remove, &QPushButton::clicked, this, &VariablesDialog::removeVariable);
    connect(m_up, &QPushButton::clicked, this, &VariablesDialog::moveUp);
    connect(m_down, &QPushButton::clicked, this, &VariablesDialog::moveDown);
    connect(m_form, &VariableForm::edited, this, &VariablesDialog::formEdited);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_moving)
            showRow(row);
    });

    for (std::size_t i = 0; i < m_vars.size(); ++i) {
        m_list->addItem(QString());
        refreshItem(int(i));
    }
    selectRow(m_vars.empty() ? -1 : 0);
    showRow(currentRow());

    resize(820, 520);
    QSettings settings;
    if (const QSize size = settings.value(kSizeKey).toSize(); size.isValid())
        resize(size);
}

VariablesDialog::~VariablesDialog() = default;

bool VariablesDialog::isValid() const
{
    for (std::size_t i = 0; i < m_vars.size(); ++i) {
        if (!VariableCheck::check(m_vars, i).ok())
            return false;
    }
    return true;
}

bool VariablesDialog::hasChanges() const { return m_vars != m_original; }

int VariablesDialog::currentRow() const { return m_list->currentRow(); }

void VariablesDialog::selectRow(int row)
{
    if (row < 0 || row >= m_list->count()) {
        m_list->setCurrentRow(-1);
        showRow(-1);
        return;
    }
    m_list->setCurrentRow(row);
}

void VariablesDialog::showRow(int row)
{
    m_shown = row;
    m_stack->setCurrentIndex(row < 0 ? 1 : 0);
    if (row >= 0)
        m_form->setVariable(m_vars.at(std::size_t(row)), m_origins.at(std::size_t(row)));
    updateState();
}

void VariablesDialog::formEdited()
{
    if (m_shown < 0)
        return;
    m_vars.at(std::size_t(m_shown)) = m_form->variable();
    updateState();
}

void VariablesDialog::refreshItem(int row)
{
    QListWidgetItem *item = m_list->item(row);
    if (!item)
        return;
    const dashboard::Variable &v = m_vars.at(std::size_t(row));
    const VariableProblems problems = VariableCheck::check(m_vars, std::size_t(row));
    item->setText(itemText(v));
    item->setIcon(problems.ok() ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
    item->setToolTip(problems.summary());
}

void VariablesDialog::updateState()
{
    QString text;
    int bad = 0;
    for (int row = 0; row < int(m_vars.size()); ++row) {
        refreshItem(row);
        const VariableProblems p = VariableCheck::check(m_vars, std::size_t(row));
        if (row == m_shown)
            m_form->setProblems(p);
        if (!p.ok()) {
            ++bad;
            if (text.isEmpty())
                text = tr("%1 — %2").arg(itemText(m_vars[std::size_t(row)]), p.summary());
        }
    }
    if (bad > 1)
        text = tr("%1 variables cannot be saved yet. %2").arg(bad).arg(text);
    m_problem->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(bad == 0);
    const int row = m_shown;
    m_duplicate->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < int(m_vars.size()));
}

void VariablesDialog::insert(dashboard::Variable v, int row)
{
    row = std::clamp(row, 0, int(m_vars.size()));
    m_vars.insert(m_vars.begin() + row, std::move(v));
    m_origins.insert(m_origins.begin() + row, std::string());
    m_moving = true;
    m_list->insertItem(row, QString());
    m_moving = false;
    selectRow(row);
    showRow(row);
    m_form->focusFirstField();
}

void VariablesDialog::addVariable()
{
    dashboard::Variable v;
    v.name = VariableCheck::uniqueName("var", m_vars);
    v.kind = dashboard::VariableKind::Query;
    const int at = currentRow();
    insert(std::move(v), at < 0 ? int(m_vars.size()) : at + 1);
}

void VariablesDialog::duplicateVariable()
{
    const int at = currentRow();
    if (at < 0)
        return;
    dashboard::Variable v = m_vars.at(std::size_t(at));
    v.name = VariableCheck::uniqueName(v.name.empty() ? std::string("var") : v.name, m_vars);
    insert(std::move(v), at + 1);
}

void VariablesDialog::removeVariable()
{
    const int at = currentRow();
    if (at < 0)
        return;
    m_shown = -1;
    m_vars.erase(m_vars.begin() + at);
    m_origins.erase(m_origins.begin() + at);
    m_moving = true;
    delete m_list->takeItem(at);
    m_moving = false;
    selectRow(std::min(at, int(m_vars.size()) - 1));
    showRow(currentRow());
    m_list->setFocus();
}

void VariablesDialog::move(int from, int to)
{
    if (from < 0 || to < 0 || from >= int(m_vars.size()) || to >= int(m_vars.size()))
        return;
    std::swap(m_vars[std::size_t(from)], m_vars[std::size_t(to)]);
    std::swap(m_origins[std::size_t(from)], m_origins[std::size_t(to)]);
    m_moving = true;
    m_list->setCurrentRow(to);
    m_moving = false;
    m_shown = to;
    updateState();
}

void VariablesDialog::moveUp() { move(currentRow(), currentRow() - 1); }

void VariablesDialog::moveDown() { move(currentRow(), currentRow() + 1); }

void VariablesDialog::reject()
{
    if (hasChanges() && !confirmDiscard())
        return;
    QDialog::reject();
}

bool VariablesDialog::confirmDiscard()
{
    QMessageBox box(QMessageBox::Question, windowTitle(), tr("Discard the changes to the dashboard's variables?"),
                    QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("discardVariablesBox"));
    box.setInformativeText(tr("The dashboard keeps the variables it had."));
    box.setDefaultButton(QMessageBox::Cancel);
    box.setEscapeButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Discard;
}

void VariablesDialog::done(int result)
{
    if (result == QDialog::Accepted && !isValid())
        return;
    QSettings settings;
    settings.setValue(kSizeKey, size());
    QDialog::done(result);
}

} // namespace mw::variablesui
