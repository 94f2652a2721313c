#pragma once

// A panel's thresholds as a table: value, severity, colour (empty: the
// severity's), style (line or band); add and remove rows. Thresholds must
// be ascending: when they are not, a note says so and offers to sort, and
// sortThresholds() (the dialog calls it on OK and Apply) puts them in
// order. Cell widgets are named "value<row>", "severity<row>", "color<row>",
// "style<row>".

#include "dashboard/Document.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace mw::editor {

class ThresholdTableEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ThresholdTableEditor(std::vector<dashboard::Threshold> thresholds, QWidget *parent = nullptr);

    /// In table order (not necessarily ascending).
    const std::vector<dashboard::Threshold> &thresholds() const { return m_thresholds; }
    bool isAscending() const;
    /// Orders the rows by value (stable) and shows them again.
    void sortThresholds();
    /// Appends a threshold above the last one.
    void addThreshold();
    void removeThreshold(int row);
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    void rebuild();
    void fillRow(int row);
    void edited();

    std::vector<dashboard::Threshold> m_thresholds;
    QTableWidget *m_table = nullptr;
    QLabel *m_orderNote = nullptr;
    QPushButton *m_sort = nullptr;
};

} // namespace mw::editor
