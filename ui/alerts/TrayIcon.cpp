#include "TrayIcon.h"

#include "AlertColors.h"
#include "AlertFormat.h"
#include "AlertTableModel.h"
#include "AlertsLog.h"

#include <QAction>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

namespace mw::alertsui {

using alerting::AlertStatus;

namespace {
constexpr int kTooltipLines = 10;
}

TrayIcon::TrayIcon(AlertTableModel *model, QObject *parent)
    : QObject(parent), m_model(model), m_tray(new QSystemTrayIcon(this)), m_menu(new QMenu)
{
    m_showAction = m_menu->addAction(tr("&Show window"));
    m_showAction->setObjectName(QStringLiteral("trayShow"));
    m_pauseAction = m_menu->addAction(tr("&Pause notifications"));
    m_pauseAction->setObjectName(QStringLiteral("trayPause"));
    m_pauseAction->setCheckable(true);
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(tr("&Quit"));
    m_quitAction->setObjectName(QStringLiteral("trayQuit"));
    connect(m_showAction, &QAction::triggered, this, &TrayIcon::showWindowRequested);
    connect(m_quitAction, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(m_pauseAction, &QAction::toggled, this, &TrayIcon::notificationsPausedChanged);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showWindowRequested();
    });
    if (model) {
        connect(model, &AlertTableModel::refreshed, this, &TrayIcon::update);
        connect(model, &QAbstractItemModel::dataChanged, this, &TrayIcon::update);
        connect(model, &QAbstractItemModel::modelReset, this, &TrayIcon::update);
    }
    update();
}

TrayIcon::~TrayIcon()
{
    delete m_menu; // a QMenu has no QObject parent here (it is a top-level widget)
}

bool TrayIcon::notificationsPaused() const
{
    return m_pauseAction->isChecked();
}

void TrayIcon::setNotificationsPaused(bool paused)
{
    m_pauseAction->setChecked(paused);
}

bool TrayIcon::show()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCInfo(lcAlertsUi) << "no system tray on this desktop";
        return false;
    }
    m_tray->show();
    return true;
}

void TrayIcon::update()
{
    AlertStatus worst = AlertStatus::Inactive;
    QStringList firing;
    if (m_model) {
        for (const AlertRow &row : m_model->rows()) {
            if (statusRank(row.status) > statusRank(worst))
                worst = row.status;
            if (row.status == AlertStatus::Firing) {
                const QString labels = AlertFormat::labels(row.labels);
                firing << (labels.isEmpty() ? row.rule : row.rule + QStringLiteral(" {") + labels + u'}');
            }
        }
    }
    const bool changed = worst != m_worst || firing.size() != m_firing.size();
    m_worst = worst;
    m_firing = firing;
    m_tray->setIcon(QIcon(QPixmap::fromImage(image(64))));
    m_tray->setToolTip(toolTip());
    if (changed)
        Q_EMIT stateChanged();
}

QString TrayIcon::toolTip() const
{
    if (m_firing.isEmpty())
        return m_worst == AlertStatus::Inactive || m_worst == AlertStatus::Resolved
            ? tr("ModelWatch: no alerts")
            : tr("ModelWatch: nothing unacknowledged is firing (worst: %1)").arg(AlertFormat::status(m_worst));
    QStringList lines{tr("ModelWatch: %n firing", nullptr, static_cast<int>(m_firing.size()))};
    for (int i = 0; i < m_firing.size() && i < kTooltipLines; ++i)
        lines << QStringLiteral("• ") + m_firing[i];
    if (m_firing.size() > kTooltipLines)
        lines << tr("… and %n more", nullptr, static_cast<int>(m_firing.size()) - kTooltipLines);
    return lines.join(u'\n');
}

QImage TrayIcon::paint(AlertStatus worst, int count, int size)
{
    QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor colour = AlertColors::status(worst);
    const qreal margin = size * 0.06;
    const QRectF disc(margin, margin, size - 2 * margin, size - 2 * margin);
    p.setPen(QPen(colour.darker(140), std::max(1.0, size / 32.0)));
    p.setBrush(colour);
    p.drawEllipse(disc);
    if (count > 0) {
        const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
        QFont f = p.font();
        f.setBold(true);
        f.setPixelSize(static_cast<int>(size * (text.size() > 2 ? 0.36 : text.size() > 1 ? 0.46 : 0.6)));
        p.setFont(f);
        p.setPen(Qt::white);
        p.drawText(disc, Qt::AlignCenter, text);
    }
    p.end();
    return img;
}

} // namespace mw::alertsui
