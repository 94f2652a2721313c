#pragma once

#include "AlertRow.h"

#include "alertmanager/AckSilencer.h"
#include "alertmanager/AmTypes.h"
#include "prometheus/PromConnection.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace mw {
class AlertmanagerClient;
class PrometheusClient;
} // namespace mw

namespace mw::alertsui {

class AlertTableModel;

/// Polls external alert sources (GET /api/v2/alerts and /api/v2/silences of
/// each Alertmanager, GET /api/v1/alerts of each Prometheus) every 15 s and
/// hands their rows to an AlertTableModel. Acknowledging an Alertmanager
/// alert creates a silence on its labels (AckSilencer: createdBy is the local
/// user, with the comment); an until-resolved one is expired as soon as the
/// alert leaves the listing. Prometheus alerts cannot be acknowledged here
/// (their Alertmanager silences them).
class ExternalAlertsPoller final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 15'000;

    /// Rows go to `model` (not owned; may be null, then only rowsChanged()).
    explicit ExternalAlertsPoller(AlertTableModel *model, QObject *parent = nullptr);
    ~ExternalAlertsPoller() override;

    void addAlertmanager(const QString &name, const AlertmanagerConnection &connection);
    void addPrometheus(const QString &name, const PrometheusConnection &connection);
    int sourceCount() const { return static_cast<int>(m_am.size() + m_prom.size()); }

    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    int intervalMs() const { return m_timer.interval(); }
    /// Polls now, then every intervalMs().
    void start();
    void stop();

    /// Starts acknowledging `row` (an Alertmanager alert): until resolved
    /// (no duration) or for `durationMs`. Returns why it cannot be done, or an
    /// empty string; the outcome comes as actionFinished().
    QString acknowledge(const AlertRow &row, const QString &comment, std::optional<int64_t> durationMs);
    /// Expires the silences muting `row`.
    QString unacknowledge(const AlertRow &row);

    /// The until-resolved acknowledgements of an Alertmanager source.
    const AckSilencer *silencer(const QString &name) const;

public Q_SLOTS:
    void pollNow();

Q_SIGNALS:
    /// The latest rows of one source ("alertmanager NAME", "prometheus NAME").
    void rowsChanged(const QString &source, const std::vector<mw::alertsui::AlertRow> &rows);
    /// A poll of `source` failed; its previous rows stay.
    void sourceError(const QString &source, const QString &message);
    /// An acknowledge / unacknowledge ended: `error` empty on success.
    void actionFinished(const QString &key, const QString &error);
    /// Every source answered the last poll.
    void pollFinished();

private:
    struct AmSource;
    struct PromSource;

    void amAnswered(AmSource &s);
    void expireResolved(AmSource &s);
    void checkPollDone();
    AmSource *amSource(const QString &name) const;
    void publish(const QString &source, std::vector<AlertRow> rows);

    AlertTableModel *m_model;
    QTimer m_timer;
    std::vector<std::unique_ptr<AmSource>> m_am;
    std::vector<std::unique_ptr<PromSource>> m_prom;
};

} // namespace mw::alertsui
