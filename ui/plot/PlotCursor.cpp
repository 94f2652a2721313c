#include "PlotCursor.h"

namespace mw {

PlotCursor::PlotCursor(QObject *parent)
    : QObject(parent)
{
}

void PlotCursor::setHover(int64_t t, const QObject *source)
{
    if (m_hover == t && m_source == source)
        return;
    m_hover = t;
    m_source = source;
    Q_EMIT hoverChanged();
}

void PlotCursor::clearHover()
{
    if (!m_hover && !m_source)
        return;
    m_hover.reset();
    m_source = nullptr;
    Q_EMIT hoverChanged();
}

void PlotCursor::setTimeRange(TimeRange r)
{
    if (!r.isValid() || m_range == r)
        return;
    m_range = r;
    Q_EMIT timeRangeChanged();
}

void PlotCursor::resetTimeRange()
{
    if (!m_range)
        return;
    m_range.reset();
    Q_EMIT timeRangeChanged();
}

} // namespace mw
