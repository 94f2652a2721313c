#pragma once

// The toolbar's time range: relative presets (last 5 minutes .. 7 days) and
// an absolute range dialog. Shows the current range as text.

#include "dashboard/Document.h"

#include <QToolButton>

namespace mw::ui {

class TimeRangePicker : public QToolButton
{
    Q_OBJECT
public:
    explicit TimeRangePicker(QWidget *parent = nullptr);

    void setRange(const dashboard::TimeRange &range);
    const dashboard::TimeRange &range() const { return m_range; }
    /// The relative presets offered, as spans in ms.
    static std::vector<int64_t> presetSpans();

public Q_SLOTS:
    /// Opens the absolute range dialog.
    void chooseAbsolute();

Q_SIGNALS:
    void rangeChosen(const mw::dashboard::TimeRange &range);

private:
    dashboard::TimeRange m_range;
};

} // namespace mw::ui
