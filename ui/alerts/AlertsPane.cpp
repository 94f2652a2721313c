#include "AlertsPane.h"

#include "AckDialog.h"
#include "AlertDetailsText.h"
#include "AlertFilterProxy.h"
#include "AlertHistoryModel.h"
#include "AlertTableModel.h"
#include "AlertsLog.h"
#include "ExternalAlertsPoller.h"
#include "SnoozeDialog.h"

#include "platform/AlertCoordinator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QToolButton>
#include <QTextBrowser>

namespace mw::alertsui {

using alerting::AlertStatus;

AlertsPane::AlertsPane(platform::AlertCoordinator *coordinator, const alerting::Clock &clock,
                       platform::AlertHistory *history, QWidget *parent)
    : QWidget(parent),
      m_coordinator(coordinator),
      m_clock(clock),
      m_model(new AlertTableModel(coordinator, clock, this)),
      m_proxy(new AlertFilterProxy(this)),
      m_historyModel(new AlertHistoryModel(history, this)),
      m_external(new ExternalAlertsPoller(m_model, this))
{
    setObjectName(QStringLiteral("alertsPane"));
    m_proxy->setSourceModel(m_model);
    buildLayout();

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AlertsPane::updateSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlertsPane::updateSelection);
    connect(m_model, &AlertTableModel::refreshed, this, &AlertsPane::updateSelection);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const QVariant panel = index.data(AlertTableModel::PanelIdRole);
        if (panel.isValid())
            Q_EMIT showPanelRequested(panel.toInt());
    });
    connect(m_historyModel, &AlertHistoryModel::readFailed, this, &AlertsPane::showError);
    connect(m_external, &ExternalAlertsPoller::sourceError, this,
            [this](const QString &source, const QString &message) { showError(tr("%1: %2").arg(source, message)); });
    connect(m_external, &ExternalAlertsPoller::actionFinished, this, [this](const QString &key, const QString &error) {
        report(key, error.toStdString());
    });
    if (coordinator) {
        connect(coordinator, &platform::AlertCoordinator::eventsApplied, m_historyModel, &AlertHistoryModel::refresh);
        connect(coordinator, &platform::AlertCoordinator::historyError, this,
                [this](const QString &message) { showError(tr("Alert history: %1").arg(message)); });
        connect(coordinator, &platform::AlertCoordinator::actionFailed, this,
                [this](const QString &id, const QString &message) {
                    showError(tr("%1: %2").arg(id, message));
                });
    }
    updateSelection();
}

AlertsPane::~AlertsPane() = default;

void AlertsPane::setRulePanels(std::map<std::string, int> panelOfRule)
{
    m_model->setRulePanels(std::move(panelOfRule));
}

const AlertRow *AlertsPane::currentRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
        return nullptr;
    return m_model->rowAt(m_proxy->mapToSource(current).row());
}

const AlertRow *AlertsPane::rowOf(const QString &key) const
{
    return m_model->rowAt(m_model->rowOfKey(key));
}

QString AlertsPane::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AlertsPane::showError(const QString &message)
{
    qCWarning(lcAlertsUi) << "alerts pane:" << message;
    m_error->setText(message);
    m_error->show();
}

void AlertsPane::clearError()
{
    m_error->clear();
    m_error->hide();
}

bool AlertsPane::showAlert(const QString &instanceId)
{
    const int source = m_model->rowOfKey(QStringLiteral("local:") + instanceId);
    if (source < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(source, 0));
    if (!index.isValid()) { // filtered out: show everything
        m_filterText->clear();
        m_stateFilter->setCurrentIndex(1);
        m_severityFilter->setCurrentIndex(0);
        index = m_proxy->mapFromSource(m_model->index(source, 0));
    }
    m_tabs->setCurrentIndex(0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void AlertsPane::updateSelection()
{
    const AlertRow *row = currentRow();
    const bool actionable = row && row->isActive() && row->origin != AlertOrigin::Prometheus;
    m_ackButton->setEnabled(actionable);
    m_snoozeButton->setEnabled(actionable);
    m_unackButton->setEnabled(row && (row->hasAction || row->status == AlertStatus::Acknowledged
                                      || row->status == AlertStatus::Snoozed));
    m_details->setHtml(row ? AlertDetailsText::html(*row) : QString());
    placeDetails(row != nullptr);
    if (m_historySelectedOnly->isChecked())
        m_historyModel->setInstanceFilter(row ? row->instanceId : std::string());
}

void AlertsPane::placeDetails(bool selected)
{
    if (selected == !m_details->isHidden())
        return;
    m_details->setVisible(selected);
    if (selected)
        m_split->setSizes(m_detailSizes.size() == 2 ? m_detailSizes : QList<int>{3000, 2000}); // relative weights
}

void AlertsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A strip under the dashboard is wide: details beside the table. Floating
    // or docked at a side, the pane is tall: details below it.
    const Qt::Orientation orientation = width() >= 2 * height() ? Qt::Horizontal : Qt::Vertical;
    if (orientation == m_split->orientation())
        return;
    m_split->setOrientation(orientation);
    m_detailSizes.clear();
    if (!m_details->isHidden())
        m_split->setSizes({3000, 2000});
}

void AlertsPane::report(const QString &key, const std::string &error)
{
    if (error.empty()) {
        clearError();
        return;
    }
    const AlertRow *row = rowOf(key);
    showError(tr("%1: %2").arg(row ? row->rule : key, QString::fromStdString(error)));
}

void AlertsPane::acknowledgeSelected()
{
    const AlertRow *row = currentRow();
    if (!row) {
        showError(tr("Select an alert to acknowledge."));
        return;
    }
    auto *dialog = new AckDialog(AlertDetailsText::oneLine(*row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString key = row->key;
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, key] { acknowledge(key, dialog->comment(), dialog->durationMs()); });
    dialog->open();
}

void AlertsPane::acknowledge(const QString &key, const QString &comment, std::optional<int64_t> durationMs)
{
    const AlertRow *row = rowOf(key);
    if (!row) {
        showError(tr("The alert is gone."));
        return;
    }
    if (row->origin != AlertOrigin::Local) {
        const QString refused = m_external->acknowledge(*row, comment, durationMs);
        if (!refused.isEmpty())
            report(key, refused.toStdString());
        return;
    }
    if (!m_coordinator)
        return;
    report(key, m_coordinator->acknowledge(row->instanceId, comment, durationMs).error);
}

void AlertsPane::snoozeSelected(int64_t durationMs, const QString &comment)
{
    const AlertRow *row = currentRow();
    if (!row) {
        showError(tr("Select an alert to snooze."));
        return;
    }
    snooze(row->key, durationMs, comment);
}

void AlertsPane::snoozeSelectedCustom()
{
    const AlertRow *row = currentRow();
    if (!row) {
        showError(tr("Select an alert to snooze."));
        return;
    }
    auto *dialog = new SnoozeDialog(AlertDetailsText::oneLine(*row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString key = row->key;
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, key] { snooze(key, dialog->durationMs(), dialog->comment()); });
    dialog->open();
}

void AlertsPane::snooze(const QString &key, int64_t durationMs, const QString &comment)
{
    const AlertRow *row = rowOf(key);
    if (!row) {
        showError(tr("The alert is gone."));
        return;
    }
    if (row->origin != AlertOrigin::Local) {
        // Alertmanager has one way to mute: a silence for the duration.
        const QString text = comment.isEmpty() ? tr("snoozed in ModelWatch") : comment;
        const QString refused = m_external->acknowledge(*row, text, durationMs);
        if (!refused.isEmpty())
            report(key, refused.toStdString());
        return;
    }
    if (m_coordinator)
        report(key, m_coordinator->snoozeInstance(row->instanceId, durationMs, comment).error);
}

void AlertsPane::unacknowledgeSelected()
{
    const AlertRow *row = currentRow();
    if (!row) {
        showError(tr("Select an alert to un-acknowledge."));
        return;
    }
    const QString key = row->key;
    if (row->origin != AlertOrigin::Local) {
        const QString refused = m_external->unacknowledge(*row);
        if (!refused.isEmpty())
            report(key, refused.toStdString());
        return;
    }
    if (!m_coordinator)
        return;
    const alerting::AlertEngine &engine = m_coordinator->engine();
    const std::optional<alerting::AlertInstance> inst = engine.instance(row->instanceId);
    if (inst && inst->ack) {
        report(key, m_coordinator->unacknowledge(row->instanceId).error);
        return;
    }
    // Snoozed: withdraw every active snooze muting it.
    std::vector<std::string> ids;
    for (const alerting::Snooze &s : engine.snoozes())
        if (inst && s.activeAt(m_clock.nowMs()) && s.matches(inst->labels))
            ids.push_back(s.id);
    if (ids.empty()) {
        report(key, tr("neither acknowledged nor snoozed").toStdString());
        return;
    }
    for (const std::string &id : ids) {
        const alerting::ActionResult r = m_coordinator->unsnooze(id);
        if (!r.ok()) {
            report(key, r.error);
            return;
        }
    }
    clearError();
}

} // namespace mw::alertsui
