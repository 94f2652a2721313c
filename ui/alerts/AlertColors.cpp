#include "AlertColors.h"

#include <QPainter>
#include <QPixmap>
#include <QPixmapCache>

namespace mw::alertsui {

using alerting::AlertStatus;
using alerting::Severity;

QColor AlertColors::status(AlertStatus status)
{
    switch (status) {
    case AlertStatus::Firing: return QColor(0xd3, 0x2f, 0x2f);       // red
    case AlertStatus::Pending: return QColor(0xf5, 0xa6, 0x23);      // amber
    case AlertStatus::Acknowledged: return QColor(0x1e, 0x88, 0xe5); // blue
    case AlertStatus::Snoozed: return QColor(0x8e, 0x6f, 0xc1);      // violet
    case AlertStatus::Resolved: return QColor(0x43, 0xa0, 0x47);     // green
    case AlertStatus::Inactive: return QColor(0x9e, 0x9e, 0x9e);     // grey
    }
    return Qt::gray;
}

QColor AlertColors::severity(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return QColor(0xc6, 0x28, 0x28);
    case Severity::Warning: return QColor(0xe6, 0x7e, 0x00);
    case Severity::Info: return QColor(0x15, 0x65, 0xc0);
    }
    return Qt::gray;
}

QIcon AlertColors::statusIcon(AlertStatus s)
{
    // QPixmapCache, not a static QIcon: pixmaps must not outlive the application.
    const QString key = QStringLiteral("mw-alert-status-%1").arg(static_cast<int>(s));
    QPixmap pm;
    if (!QPixmapCache::find(key, &pm)) {
        pm = QPixmap(16, 16);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(status(s).darker(130));
        p.setBrush(status(s));
        p.drawEllipse(QRectF(2.5, 2.5, 11, 11));
        p.end();
        QPixmapCache::insert(key, pm);
    }
    return QIcon(pm);
}

} // namespace mw::alertsui
