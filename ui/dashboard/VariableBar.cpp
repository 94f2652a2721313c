#include "VariableBar.h"

#include "VariableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace mw::ui {
namespace {

const std::string kAll = "$__all";

QString summary(const std::vector<std::string> &current)
{
    if (current.empty() || (current.size() == 1 && current.front() == kAll))
        return VariableBar::tr("All");
    QStringList s;
    for (const std::string &c : current)
        s << QString::fromStdString(c);
    return s.size() > 3 ? VariableBar::tr("%1 + %n more", nullptr, static_cast<int>(s.size()) - 2).arg(s.mid(0, 2).join(u", "))
                        : s.join(u", ");
}

} // namespace

VariableBar::VariableBar(view::VariableModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("variableBar"));
    m_layout->setContentsMargins(6, 2, 6, 2);
    connect(model, &view::VariableModel::optionsChanged, this, &VariableBar::refill);
    connect(model, &view::VariableModel::selectionChanged, this, [this] {
        for (int i = 0; i < static_cast<int>(m_controls.size()); ++i)
            refill(i);
    }, Qt::QueuedConnection); // never rebuild a menu from inside its own action's signal
    rebuild();
}

void VariableBar::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_controls.clear();
    const auto &vars = m_model->variables();
    for (int i = 0; i < static_cast<int>(vars.size()); ++i) {
        const auto &v = vars[static_cast<std::size_t>(i)];
        auto *label = new QLabel(QString::fromStdString(v.label.empty() ? v.name : v.label), this);
        m_layout->addWidget(label);
        QWidget *control = makeControl(i);
        label->setBuddy(control);
        m_layout->addWidget(control);
        m_controls.push_back(control);
        refill(i);
    }
    m_layout->addStretch(1);
    setVisible(!vars.empty());
}

QWidget *VariableBar::makeControl(int index)
{
    const auto &v = m_model->variables()[static_cast<std::size_t>(index)];
    const QString name = QStringLiteral("var-") + QString::fromStdString(v.name);
    if (!v.multi) {
        auto *combo = new QComboBox(this);
        combo->setObjectName(name);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(combo, &QComboBox::activated, this, [this, index, combo] {
            m_model->select(index, {combo->currentData().toString().toStdString()});
        });
        return combo;
    }
    auto *button = new QToolButton(this);
    button->setObjectName(name);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setMenu(new QMenu(button));
    return button;
}

void VariableBar::refill(int index)
{
    if (index < 0 || index >= static_cast<int>(m_controls.size()))
        return;
    const auto &v = m_model->variables()[static_cast<std::size_t>(index)];
    const QStringList options = m_model->options(index);
    const QString error = m_model->error(index);
    QWidget *control = m_controls[static_cast<std::size_t>(index)];
    control->setToolTip(error);
    if (auto *combo = qobject_cast<QComboBox *>(control)) {
        const QSignalBlocker block(combo);
        combo->clear();
        if (v.includeAll)
            combo->addItem(tr("All"), QString::fromStdString(kAll));
        for (const QString &o : options)
            combo->addItem(o, o);
        const QString current = v.current.empty() ? QString() : QString::fromStdString(v.current.front());
        const int i = combo->findData(current);
        if (i >= 0)
            combo->setCurrentIndex(i);
        return;
    }
    auto *button = qobject_cast<QToolButton *>(control);
    QMenu *menu = button->menu();
    menu->clear();
    const bool all = v.current.empty() || (v.current.size() == 1 && v.current.front() == kAll);
    if (v.includeAll) {
        QAction *a = menu->addAction(tr("All"));
        a->setCheckable(true);
        a->setChecked(all);
        connect(a, &QAction::triggered, this, [this, index] { m_model->select(index, {kAll}); });
        menu->addSeparator();
    }
    for (const QString &o : options) {
        QAction *a = menu->addAction(o);
        a->setCheckable(true);
        const std::string value = o.toStdString();
        a->setChecked(!all && std::find(v.current.begin(), v.current.end(), value) != v.current.end());
        connect(a, &QAction::toggled, this, [this, index, value](bool on) {
            std::vector<std::string> cur = m_model->variables()[static_cast<std::size_t>(index)].current;
            if (cur.size() == 1 && cur.front() == kAll)
                cur.clear();
            cur.erase(std::remove(cur.begin(), cur.end(), value), cur.end());
            if (on)
                cur.push_back(value);
            if (cur.empty())
                cur = {kAll};
            m_model->select(index, cur);
        });
    }
    if (!error.isEmpty())
        menu->addAction(error)->setEnabled(false);
    button->setText(summary(v.current));
}

} // namespace mw::ui
