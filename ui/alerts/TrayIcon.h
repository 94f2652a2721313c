#pragma once

#include "alerting/AlertTypes.h"

#include <QImage>
#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace mw::alertsui {

class AlertTableModel;

/// The system tray icon: a disc in the colour of the worst current alert
/// state with the number of firing, unacknowledged alerts on it; the tooltip
/// lists them; the context menu has Show window, Pause notifications and Quit.
/// Its state is readable without a tray (offscreen tests): worstState(),
/// count(), image().
class TrayIcon final : public QObject
{
    Q_OBJECT
public:
    /// Follows `model` (local and external alerts); not owned.
    explicit TrayIcon(AlertTableModel *model, QObject *parent = nullptr);
    ~TrayIcon() override;

    /// Inactive when there is no alert at all.
    alerting::AlertStatus worstState() const { return m_worst; }
    /// Firing alerts nobody acknowledged or snoozed.
    int count() const { return static_cast<int>(m_firing.size()); }
    /// "HighLatency {model=a}" for each of them.
    const QStringList &firingAlerts() const { return m_firing; }
    QString toolTip() const;
    /// The icon as drawn now.
    QImage image(int size = 64) const { return paint(m_worst, count(), size); }
    static QImage paint(alerting::AlertStatus worst, int count, int size);

    QSystemTrayIcon *systemTrayIcon() const { return m_tray; }
    QMenu *contextMenu() const { return m_menu; }
    QAction *showWindowAction() const { return m_showAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    QAction *quitAction() const { return m_quitAction; }

    bool notificationsPaused() const;
    void setNotificationsPaused(bool paused);

    /// Shows the tray icon where the desktop has a tray; false otherwise.
    bool show();

public Q_SLOTS:
    void update();

Q_SIGNALS:
    void showWindowRequested();
    void quitRequested();
    void notificationsPausedChanged(bool paused);
    /// worstState() or count() changed.
    void stateChanged();

private:
    AlertTableModel *m_model;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QAction *m_showAction;
    QAction *m_pauseAction;
    QAction *m_quitAction;
    alerting::AlertStatus m_worst = alerting::AlertStatus::Inactive;
    QStringList m_firing;
};

} // namespace mw::alertsui
