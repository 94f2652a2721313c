#pragma once

// Name/value pairs of a rule (labels, annotations) as a two-column table
// with Add and Remove. Values may be templates ({{ $labels.model_name }}).
// The rows are read back as a map; a name used twice is reported by
// problem() (the map cannot hold both). Child names: "<name>Table",
// "<name>Add", "<name>Remove".

#include <QStringList>
#include <QWidget>

#include <map>
#include <string>
#include <utility>

class QTableWidget;
class QToolButton;

namespace mw::rulesui {

class KeyValueTable final : public QWidget
{
    Q_OBJECT
public:
    /// `suggested`: the names Add offers first (the first one not yet used).
    KeyValueTable(const QString &name, const QString &keyTitle, QStringList suggested, QWidget *parent = nullptr);

    /// A row as typed: name, value.
    using Row = std::pair<QString, QString>;

    void setPairs(const std::map<std::string, std::string> &pairs);
    /// Every row as it is, empty and repeated names included (a draft the
    /// map cannot hold); setRows() puts them back without changed().
    QList<Row> rows() const;
    void setRows(const QList<Row> &rows);
    /// The rows as a map (rows with neither name nor value are left out; of
    /// a name used twice, the last row).
    std::map<std::string, std::string> pairs() const;
    /// "“team” is used twice."; "" when none.
    QString problem() const;
    /// Appends a row with the next suggested name and edits its value.
    void addRow();
    void removeCurrentRow();
    QTableWidget *table() const { return m_table; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void changed();

private:
    QTableWidget *m_table;
    QToolButton *m_remove;
    QStringList m_suggested;
    bool m_filling = false;
};

} // namespace mw::rulesui
