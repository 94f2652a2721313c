#pragma once

// The dashboard's variables: their options (a fixed list, or label values
// from the source) and the user's selection, as the values queries see.

#include "QueryText.h"
#include "SourceBackend.h"
#include "dashboard/Document.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <vector>

namespace mw::view {

class VariableModel : public QObject
{
    Q_OBJECT
public:
    explicit VariableModel(QObject *parent = nullptr);

    /// The document's variables (their `current` is the initial selection).
    void setVariables(std::vector<dashboard::Variable> variables);
    void setBackend(SourceBackend *backend);
    const std::vector<dashboard::Variable> &variables() const { return m_vars; }

    /// Asks the source for every query variable's options again.
    void reload();
    /// True when a query variable has no options yet (its source had no data).
    bool missingOptions() const;
    QStringList options(int index) const;
    /// The error of the last options request for `index`, or empty.
    QString error(int index) const;
    /// Sets the selection of variable `index` ("$__all" for All).
    void select(int index, const std::vector<std::string> &values);
    /// The selection as queries see it.
    VariableValues values() const;
    /// What queries see of `variables`' current selections (none or
    /// "$__all" = All): the dashboard's and the editor preview's substitution.
    static VariableValues valuesOf(const std::vector<dashboard::Variable> &variables);

Q_SIGNALS:
    void optionsChanged(int index);
    /// The selection changed (by the user, or because options arrived).
    void selectionChanged();

private:
    struct Entry
    {
        QStringList options;
        QString error;
        quint64 request = 0;
    };
    void onNames(quint64 id, const mw::view::NamesAnswer &answer);

    std::vector<dashboard::Variable> m_vars;
    std::vector<Entry> m_entries;
    QPointer<SourceBackend> m_backend;
    QMetaObject::Connection m_connection;
};

} // namespace mw::view
