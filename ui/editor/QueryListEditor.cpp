#include "QueryListEditor.h"

#include "QueryRowEditor.h"

#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace mw::editor {

QueryListEditor::QueryListEditor(const std::vector<dashboard::Query> &queries, QWidget *parent) : QWidget(parent)
{
    auto *content = new QWidget;
    m_rowsLayout = new QVBoxLayout(content);
    m_rowsLayout->setContentsMargins(6, 6, 6, 6);
    m_rowsLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("queryScroll"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *add = new QPushButton(tr("Add query"), this);
    add->setObjectName(QStringLiteral("addQuery"));
    connect(add, &QPushButton::clicked, this, &QueryListEditor::addQuery);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addStretch();
    layout->addLayout(buttons);

    for (const dashboard::Query &q : queries)
        m_rows.push_back(makeRow(q));
    relayout();
}

std::vector<dashboard::Query> QueryListEditor::queries() const
{
    std::vector<dashboard::Query> out;
    out.reserve(m_rows.size());
    for (const QueryRowEditor *row : m_rows)
        out.push_back(row->query());
    return out;
}

bool QueryListEditor::isValid() const
{
    return std::all_of(m_rows.begin(), m_rows.end(), [](const QueryRowEditor *r) { return !r->error(); });
}

QueryRowEditor *QueryListEditor::makeRow(dashboard::Query query)
{
    auto *row = new QueryRowEditor(std::move(query), this);
    row->setVariables(m_variables);
    row->setNameSource(m_cache, m_backend);
    row->setLegendVisible(m_legendVisible);
    connect(row, &QueryRowEditor::changed, this, &QueryListEditor::changed);
    auto indexOf = [this, row] { return int(std::find(m_rows.begin(), m_rows.end(), row) - m_rows.begin()); };
    connect(row, &QueryRowEditor::moveUpRequested, this, [this, indexOf] { moveQuery(indexOf(), indexOf() - 1); });
    connect(row, &QueryRowEditor::moveDownRequested, this, [this, indexOf] { moveQuery(indexOf(), indexOf() + 1); });
    connect(row, &QueryRowEditor::removeRequested, this, [this, indexOf] { removeQuery(indexOf()); });
    return row;
}

QString QueryListEditor::nextRefId() const
{
    auto used = [this](const QString &id) {
        return std::any_of(m_rows.begin(), m_rows.end(),
                           [&](const QueryRowEditor *r) { return QString::fromStdString(r->query().refId) == id; });
    };
    for (int n = 0;; ++n) {
        QString id;
        for (int k = n; k >= 0; k = k / 26 - 1)
            id.prepend(QChar(u'A' + k % 26));
        if (!used(id))
            return id;
    }
}

void QueryListEditor::addQuery()
{
    dashboard::Query q;
    q.refId = nextRefId().toStdString();
    QueryRowEditor *row = makeRow(std::move(q));
    m_rows.push_back(row);
    relayout();
    Q_EMIT changed();
    row->setFocus();
}

void QueryListEditor::removeQuery(int index)
{
    if (index < 0 || index >= count())
        return;
    QueryRowEditor *row = m_rows[std::size_t(index)];
    m_rows.erase(m_rows.begin() + index);
    row->hide();
    row->setObjectName(QString());
    row->deleteLater();
    relayout();
    Q_EMIT changed();
}

void QueryListEditor::moveQuery(int from, int to)
{
    if (from < 0 || from >= count() || to < 0 || to >= count() || from == to)
        return;
    QueryRowEditor *row = m_rows[std::size_t(from)];
    m_rows.erase(m_rows.begin() + from);
    m_rows.insert(m_rows.begin() + to, row);
    relayout();
    Q_EMIT changed();
}

void QueryListEditor::setVariables(const std::vector<dashboard::Variable> &variables)
{
    m_variables = variables;
    for (QueryRowEditor *row : m_rows)
        row->setVariables(variables);
}

void QueryListEditor::setNameSource(NameCache *cache, view::SourceBackend *backend)
{
    m_cache = cache;
    m_backend = backend;
    for (QueryRowEditor *row : m_rows)
        row->setNameSource(cache, backend);
}

void QueryListEditor::setLegendVisible(bool visible)
{
    m_legendVisible = visible;
    for (QueryRowEditor *row : m_rows)
        row->setLegendVisible(visible);
}

void QueryListEditor::relayout()
{
    for (QueryRowEditor *row : m_rows)
        m_rowsLayout->removeWidget(row);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        QueryRowEditor *row = m_rows[i];
        row->setObjectName(QStringLiteral("query%1").arg(i));
        row->setPlace(i == 0, i + 1 == m_rows.size());
        m_rowsLayout->insertWidget(int(i), row);
    }
}

} // namespace mw::editor
