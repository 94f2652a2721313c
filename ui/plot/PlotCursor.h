#pragma once

// Shared state that ties the plots of a dashboard together: the hover time
// (hovering one plot shows the crosshair at that time on all) and the visible
// time range (zooming or panning one plot moves all). QtCore only.

#include "TimeRange.h"

#include <QObject>

#include <optional>

namespace mw {

class PlotCursor : public QObject
{
    Q_OBJECT
public:
    explicit PlotCursor(QObject *parent = nullptr);

    std::optional<int64_t> hoverTime() const { return m_hover; }
    /// The plot the pointer is over (it draws the value box), or null.
    const QObject *hoverSource() const { return m_source; }
    void setHover(int64_t t, const QObject *source);
    void clearHover();

    /// The shared visible range; nullopt = each plot shows its default range.
    std::optional<TimeRange> timeRange() const { return m_range; }
    void setTimeRange(TimeRange r);
    void resetTimeRange();

Q_SIGNALS:
    void hoverChanged(); ///< time or source changed, or hover cleared
    void timeRangeChanged();

private:
    std::optional<int64_t> m_hover;
    const QObject *m_source = nullptr;
    std::optional<TimeRange> m_range;
};

} // namespace mw
