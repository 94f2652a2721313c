#include "Clock.h"

#include <QDateTime>

namespace mw::alerting {

int64_t SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace mw::alerting
