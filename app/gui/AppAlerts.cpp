#include "AppAlerts.h"

#include "AlertBands.h"
#include "AlertColors.h"
#include "AlertTableModel.h"
#include "ExternalAlertsPoller.h"
#include "PrometheusBackendConfig.h"
#include "AlertsPane.h"
#include "platform/AlertCoordinator.h"
#include "platform/AlertHistory.h"
#include "platform/DBusNotificationSink.h"
#include "DashboardView.h"
#include "platform/FallbackNotificationSink.h"
#include "MainWindow.h"
#include "PausableNotificationSink.h"
#include "TrayIcon.h"
#include "PanelWidget.h"
#include "RuleEditing.h"
#include "TrayNotificationSink.h"

#include <QApplication>
#include <QDockWidget>
#include <QInputDialog>
#include <QSettings>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>

namespace mw::app {

AppAlerts::AppAlerts(ui::MainWindow &window, const QString &historyPath)
    : QObject(&window), m_window(window), m_querier(*window.session()),
      m_history(std::make_unique<platform::AlertHistory>())
{
    if (!m_history->open(historyPath.isEmpty() ? platform::AlertHistory::defaultPath() : historyPath)) {
        m_historyError = m_history->errorString();
        window.statusBar()->showMessage(tr("Alert history is not kept: %1").arg(m_historyError));
    }
    platform::AlertHistory *history = m_history->isOpen() ? m_history.get() : nullptr;

    m_coordinator = std::make_unique<platform::AlertCoordinator>(m_clock, m_querier, history, nullptr);
    m_pane = new alertsui::AlertsPane(m_coordinator.get(), m_clock, history);
    m_tray = std::make_unique<alertsui::TrayIcon>(m_pane->model());
    m_traySink = std::make_unique<alertsui::TrayNotificationSink>(m_tray->systemTrayIcon());
    m_dbus = std::make_unique<platform::DBusNotificationSink>();
    // Ask the desktop's notification server once (it answers at once, or the
    // bus says there is none); the sink probes again if one appears later.
    m_dbus->probe(1000);
    m_fallback = std::make_unique<platform::FallbackNotificationSink>(m_dbus.get(), m_traySink.get());
    m_sink = std::make_unique<alertsui::PausableNotificationSink>(m_fallback.get());
    m_coordinator->setSink(m_sink.get());
    connect(m_tray.get(), &alertsui::TrayIcon::notificationsPausedChanged, m_sink.get(),
            &alertsui::PausableNotificationSink::setPaused);

    m_dock = new QDockWidget(tr("Alerts"), &window);
    m_dock->setObjectName(QStringLiteral("alertsDock"));
    m_dock->setWidget(m_pane);
    window.addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    // The dashboard keeps most of the window: the dock starts as the strip the
    // pane asks for (filter row and a few table rows; the details show beside
    // the table once an alert is selected), set once the window is laid out.
    QTimer::singleShot(0, m_dock, [this] {
        m_window.resizeDocks({m_dock}, {m_dock->sizeHint().height()}, Qt::Vertical);
    });
    QMenu *menu = new QMenu(tr("&Alerts"), &window);
    QAction *toggle = m_dock->toggleViewAction();
    toggle->setText(tr("Show &alerts pane"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    menu->addAction(toggle);
    menu->addAction(m_tray->pauseAction());
    menu->addSeparator();
    QAction *am = menu->addAction(tr("Show alerts of an Alert&manager…"));
    am->setObjectName(QStringLiteral("actionAlertmanager"));
    connect(am, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString url = QInputDialog::getText(&m_window, tr("Alertmanager"),
                                                  tr("The Alertmanager's URL (its alerts show in the Alerts pane, and "
                                                     "acknowledging one creates a silence there):"),
                                                  QLineEdit::Normal, QSettings().value(QStringLiteral("alertmanager/url")).toString(), &ok);
        if (ok && !url.trimmed().isEmpty()) {
            QSettings().setValue(QStringLiteral("alertmanager/url"), url.trimmed());
            addAlertmanager(url.trimmed());
        }
    });
    addRuleEditing(window, *menu, *m_pane);
    window.addExtraMenu(menu);
    if (const QString url = QSettings().value(QStringLiteral("alertmanager/url")).toString(); !url.isEmpty())
        addAlertmanager(url);

    m_tray->show();
    connect(m_tray.get(), &alertsui::TrayIcon::showWindowRequested, &window, [&window] {
        window.showNormal();
        window.raise();
        window.activateWindow();
    });
    connect(m_tray.get(), &alertsui::TrayIcon::quitRequested, &window, &QWidget::close);
    connect(m_coordinator.get(), &platform::AlertCoordinator::openRequested, this, [this](const QString &id) {
        m_window.showNormal();
        m_window.raise();
        m_dock->show();
        m_pane->showAlert(id);
    });
    connect(m_pane, &alertsui::AlertsPane::showPanelRequested, this, [this](int panelId) {
        if (QWidget *w = m_window.dashboardView()->panelWidget(panelId))
            m_window.dashboardView()->ensureWidgetVisible(w);
    });
    connect(m_coordinator.get(), &platform::AlertCoordinator::historyError, this, [this](const QString &message) {
        m_window.statusBar()->showMessage(tr("Alert history: %1").arg(message), 10'000);
    });
    connect(m_coordinator.get(), &platform::AlertCoordinator::eventsApplied, this, &AppAlerts::updateBands);
    view::DocumentController *doc = window.documentController();
    connect(doc, &view::DocumentController::documentReplaced, this, &AppAlerts::takeRules);
    connect(doc, &view::DocumentController::documentEdited, this, &AppAlerts::takeRules);
    window.dashboardView()->setBandProvider([this](int panelId, int64_t fromMs, int64_t toMs) {
        std::vector<TimeBand> out;
        const auto &rules = m_window.documentController()->document().rules;
        const int64_t now = m_clock.nowMs();
        std::vector<alertsui::AlertBand> bands;
        if (m_history->isOpen()) {
            if (auto b = alertsui::AlertBands::forPanel(*m_history, rules, panelId, fromMs, toMs, now))
                bands = std::move(*b);
        } else {
            bands = alertsui::AlertBands::fromEngine(m_coordinator->engine(), alertsui::AlertBands::rulesOfPanel(rules, panelId),
                                                     fromMs, toMs, now);
        }
        for (const alertsui::AlertBand &b : bands) {
            QColor c = alertsui::AlertColors::severity(b.severity);
            c.setAlphaF(0.15f);
            out.push_back({b.fromMs, b.toMs, c});
        }
        return out;
    });
    takeRules();
    m_coordinator->start();
}

void AppAlerts::takeRules()
{
    const dashboard::Document &d = m_window.documentController()->document();
    std::vector<alerting::AlertRule> rules;
    std::map<std::string, int> panels;
    std::map<std::string, std::string> routes;
    for (const dashboard::DocumentRule &r : d.rules) {
        routes.emplace(r.rule.id, r.source);
        rules.push_back(r.rule);
        if (r.panelId)
            panels[r.rule.id] = *r.panelId;
    }
    m_querier.setRoutes(std::move(routes));
    if (rules == m_rules)
        return;
    m_rules = rules;
    for (const std::string &problem : m_coordinator->setRules(std::move(rules)))
        m_window.statusBar()->showMessage(tr("Alert rules: %1").arg(QString::fromStdString(problem)), 10'000);
    m_pane->setRulePanels(std::move(panels));
    // The alerts of the document's Prometheus servers show in the same pane.
    for (const dashboard::Source &src : d.sources) {
        if (src.kind != dashboard::SourceKind::Prometheus)
            continue;
        const QString key = QString::fromStdString(src.name + '\n' + src.url);
        if (m_external.contains(key))
            continue;
        QString error;
        if (const auto config = view::PrometheusBackendConfig::fromSource(src, &error)) {
            m_external.insert(key);
            m_pane->externalAlerts()->addPrometheus(QString::fromStdString(src.name), config->connection);
            m_pane->externalAlerts()->start();
        }
    }
    m_pane->model()->refresh();
    updateBands();
}

void AppAlerts::addAlertmanager(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || (u.scheme() != u"http" && u.scheme() != u"https")) {
        m_window.statusBar()->showMessage(tr("'%1' is not an http:// or https:// URL").arg(url), 10'000);
        return;
    }
    if (m_external.contains(QStringLiteral("am\n") + url))
        return;
    m_external.insert(QStringLiteral("am\n") + url);
    AlertmanagerConnection connection;
    connection.baseUrl = u;
    m_pane->externalAlerts()->addAlertmanager(u.host(), connection);
    m_pane->externalAlerts()->start();
}

void AppAlerts::updateBands() { m_window.dashboardView()->updateBands(); }

AppAlerts::~AppAlerts()
{
    // The pane and the charts' band provider use the coordinator: they go first.
    m_window.dashboardView()->setBandProvider({});
    delete m_dock;
    m_coordinator->stop();
}

} // namespace mw::app
