#include "KeyValueTable.h"

#include <QHeaderView>
#include <QSet>
#include <QStyle>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace mw::rulesui {

KeyValueTable::KeyValueTable(const QString &name, const QString &keyTitle, QStringList suggested, QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, 2, this)), m_remove(new QToolButton(this)),
      m_suggested(std::move(suggested))
{
    setObjectName(name);
    m_table->setObjectName(name + QStringLiteral("Table"));
    m_table->setHorizontalHeaderLabels({keyTitle, tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(0, 150);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_table->setWordWrap(false);

    auto *add = new QToolButton(this);
    add->setObjectName(name + QStringLiteral("Add"));
    add->setText(tr("Add"));
    add->setToolTip(tr("Add a row"));
    m_remove->setObjectName(name + QStringLiteral("Remove"));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Remove the selected row"));
    m_remove->setEnabled(false);

    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(4);
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(add, &QToolButton::clicked, this, &KeyValueTable::addRow);
    connect(m_remove, &QToolButton::clicked, this, &KeyValueTable::removeCurrentRow);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
    connect(m_table, &QTableWidget::currentCellChanged, this,
            [this](int row) { m_remove->setEnabled(row >= 0); });
}

void KeyValueTable::setPairs(const std::map<std::string, std::string> &pairs)
{
    QList<Row> rows;
    for (const auto &[k, v] : pairs)
        rows.append({QString::fromStdString(k), QString::fromStdString(v)});
    setRows(rows);
}

QList<KeyValueTable::Row> KeyValueTable::rows() const
{
    QList<Row> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *k = m_table->item(row, 0);
        const QTableWidgetItem *v = m_table->item(row, 1);
        out.append({k ? k->text() : QString(), v ? v->text() : QString()});
    }
    return out;
}

void KeyValueTable::setRows(const QList<Row> &rows)
{
    m_filling = true;
    m_table->setRowCount(0);
    for (const auto &[k, v] : rows) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(k));
        m_table->setItem(row, 1, new QTableWidgetItem(v));
    }
    m_filling = false;
    m_remove->setEnabled(false);
}

std::map<std::string, std::string> KeyValueTable::pairs() const
{
    std::map<std::string, std::string> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *k = m_table->item(row, 0);
        const QTableWidgetItem *v = m_table->item(row, 1);
        const QString key = k ? k->text().trimmed() : QString();
        const QString value = v ? v->text() : QString();
        if (key.isEmpty() && value.isEmpty())
            continue;
        out.insert_or_assign(key.toStdString(), value.toStdString());
    }
    return out;
}

QString KeyValueTable::problem() const
{
    QSet<QString> seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *k = m_table->item(row, 0);
        const QString key = k ? k->text().trimmed() : QString();
        if (key.isEmpty())
            continue;
        if (seen.contains(key))
            return tr("“%1” is used twice.").arg(key);
        seen.insert(key);
    }
    return {};
}

void KeyValueTable::addRow()
{
    const std::map<std::string, std::string> used = pairs();
    QString key;
    for (const QString &s : m_suggested) {
        if (used.count(s.toStdString()) == 0) {
            key = s;
            break;
        }
    }
    m_filling = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(QString()));
    m_filling = false;
    m_table->setCurrentCell(row, key.isEmpty() ? 0 : 1);
    m_table->setFocus();
    m_table->editItem(m_table->item(row, key.isEmpty() ? 0 : 1));
    Q_EMIT changed();
}

void KeyValueTable::removeCurrentRow()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    m_remove->setEnabled(m_table->currentRow() >= 0);
    Q_EMIT changed();
}

QSize KeyValueTable::sizeHint() const
{
    // Room for the header and four rows.
    const int rows = 4 * m_table->verticalHeader()->defaultSectionSize();
    return {QWidget::sizeHint().width(), m_table->horizontalHeader()->sizeHint().height() + rows + 2 * m_table->frameWidth()};
}

} // namespace mw::rulesui
