#pragma once

// The queries of a panel as a list of QueryRowEditors: add, remove, reorder,
// hide. Rows are named "query0", "query1", ... in list order.

#include "dashboard/Document.h"

#include <QWidget>

#include <vector>

class QVBoxLayout;

namespace mw::view {
class SourceBackend;
}

namespace mw::editor {

class NameCache;
class QueryRowEditor;

class QueryListEditor : public QWidget
{
    Q_OBJECT
public:
    explicit QueryListEditor(const std::vector<dashboard::Query> &queries, QWidget *parent = nullptr);

    std::vector<dashboard::Query> queries() const;
    /// Every expression parses.
    bool isValid() const;
    int count() const { return int(m_rows.size()); }
    QueryRowEditor *row(int index) const { return m_rows.at(std::size_t(index)); }

    /// Appends an empty query with the next free refId ("A", "B", ... "AA").
    void addQuery();
    void removeQuery(int index);
    void moveQuery(int from, int to);
    void setVariables(const std::vector<dashboard::Variable> &variables);
    void setNameSource(NameCache *cache, view::SourceBackend *backend);
    /// Shows or hides every row's legend format, rows added later included.
    void setLegendVisible(bool visible);

Q_SIGNALS:
    void changed();

private:
    QueryRowEditor *makeRow(dashboard::Query query);
    void relayout();
    QString nextRefId() const;

    std::vector<QueryRowEditor *> m_rows;
    QVBoxLayout *m_rowsLayout = nullptr;
    std::vector<dashboard::Variable> m_variables;
    NameCache *m_cache = nullptr;
    view::SourceBackend *m_backend = nullptr;
    bool m_legendVisible = true;
};

} // namespace mw::editor
