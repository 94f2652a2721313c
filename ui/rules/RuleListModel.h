#pragma once

// The rules being edited, as the rule list shows them: name, severity,
// condition ("> 500ms for 5m"), source and tied panel, one row per rule in
// document order. It holds the rules themselves (the dialog edits them
// here) and each row's problem, shown as a warning mark on the name. QtGui
// only (the marks are painted icons).

#include "dashboard/Document.h"

#include <QAbstractTableModel>
#include <QIcon>

#include <vector>

namespace mw::rulesui {

class RuleListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column : int { NameColumn, SeverityColumn, ConditionColumn, SourceColumn, PanelColumn, ColumnCount };
    enum Role : int {
        IdRole = Qt::UserRole + 1, ///< QString: the rule's id
        ProblemRole,               ///< QString: the row's first problem, "" when it can be saved
    };

    /// `document` gives the names of sources and panels (its rules are not read).
    explicit RuleListModel(dashboard::Document document, QObject *parent = nullptr);

    const std::vector<dashboard::DocumentRule> &rules() const { return m_rules; }
    const dashboard::DocumentRule &rule(int row) const { return m_rules.at(std::size_t(row)); }
    /// Replaces every row (a model reset); problems are cleared.
    void setRules(std::vector<dashboard::DocumentRule> rules);
    /// Replaces one row's rule (dataChanged when it differs).
    void setRule(int row, dashboard::DocumentRule rule);
    void insertRule(int row, dashboard::DocumentRule rule);
    void removeRule(int row);
    /// The row's problem ("" for none): a warning mark and its tooltip.
    void setProblem(int row, const QString &problem);
    QString problem(int row) const { return m_problems.value(row); }
    /// Rows with a problem.
    int problemCount() const;
    /// -1 when no row has that id.
    int rowOfId(const std::string &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    dashboard::Document m_document;
    std::vector<dashboard::DocumentRule> m_rules;
    QStringList m_problems; ///< parallel to m_rules
    QIcon m_warning;
};

} // namespace mw::rulesui
