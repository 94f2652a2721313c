#include "ExternalAlertsPoller.h"

#include "AlertRowBuilder.h"
#include "AlertTableModel.h"
#include "AlertsLog.h"

#include "alertmanager/AlertmanagerClient.h"
#include "platform/AlertCoordinator.h"
#include "prometheus/PrometheusClient.h"

#include <QDateTime>

#include <algorithm>
#include <set>

namespace mw::alertsui {

struct ExternalAlertsPoller::AmSource
{
    QString name;
    std::unique_ptr<AlertmanagerClient> client;
    AckSilencer silencer;
    quint64 alertsRequest = 0;
    quint64 silencesRequest = 0;
    std::optional<AmResponse> alerts;
    std::optional<AmResponse> silences;
    std::vector<AmAlert> lastAlerts;
    std::vector<AmSilence> lastSilences;
    std::set<std::string> expiring; ///< DELETEs in flight
    QString label() const { return tr("alertmanager %1").arg(name); }
};

struct ExternalAlertsPoller::PromSource
{
    QString name;
    std::unique_ptr<PrometheusClient> client;
    quint64 request = 0;
    QString label() const { return tr("prometheus %1").arg(name); }
};

ExternalAlertsPoller::ExternalAlertsPoller(AlertTableModel *model, QObject *parent) : QObject(parent), m_model(model)
{
    m_timer.setInterval(kDefaultIntervalMs);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ExternalAlertsPoller::pollNow);
}

ExternalAlertsPoller::~ExternalAlertsPoller() = default;

void ExternalAlertsPoller::addAlertmanager(const QString &name, const AlertmanagerConnection &connection)
{
    auto s = std::make_unique<AmSource>();
    s->name = name;
    s->client = std::make_unique<AlertmanagerClient>();
    s->client->setConnection(connection);
    AmSource *src = s.get();
    connect(s->client.get(), &AlertmanagerClient::finished, this, [this, src](quint64 id, const AmResponse &r) {
        if (id == src->alertsRequest) {
            src->alertsRequest = 0;
            src->alerts = r;
        } else if (id == src->silencesRequest) {
            src->silencesRequest = 0;
            src->silences = r;
        } else {
            return; // actions have their own handlers
        }
        if (src->alerts && src->silences)
            amAnswered(*src);
    });
    m_am.push_back(std::move(s));
}

void ExternalAlertsPoller::addPrometheus(const QString &name, const PrometheusConnection &connection)
{
    auto s = std::make_unique<PromSource>();
    s->name = name;
    s->client = std::make_unique<PrometheusClient>();
    s->client->setConnection(connection);
    PromSource *src = s.get();
    connect(s->client.get(), &PrometheusClient::finished, this, [this, src](quint64 id, const PromResponse &r) {
        if (id != src->request)
            return;
        src->request = 0;
        if (!r.ok()) {
            qCWarning(lcAlertsUi) << "polling" << src->label() << "failed:" << r.error.message;
            Q_EMIT sourceError(src->label(), r.error.message);
        } else if (const auto *alerts = r.get<std::vector<PromAlert>>()) {
            std::vector<AlertRow> rows;
            for (const PromAlert &a : *alerts)
                rows.push_back(AlertRowBuilder::fromPrometheus(src->name, a));
            publish(src->label(), std::move(rows));
        }
        checkPollDone();
    });
    m_prom.push_back(std::move(s));
}

void ExternalAlertsPoller::start()
{
    m_timer.start();
    pollNow();
}

void ExternalAlertsPoller::stop()
{
    m_timer.stop();
}

void ExternalAlertsPoller::pollNow()
{
    for (const auto &s : m_am) {
        if (s->alertsRequest || s->silencesRequest)
            continue; // the previous poll is still out
        s->alerts.reset();
        s->silences.reset();
        s->alertsRequest = s->client->alerts();
        s->silencesRequest = s->client->silences();
    }
    for (const auto &s : m_prom)
        if (!s->request)
            s->request = s->client->alerts();
}

void ExternalAlertsPoller::amAnswered(AmSource &s)
{
    if (!s.alerts->ok()) {
        qCWarning(lcAlertsUi) << "polling" << s.label() << "failed:" << s.alerts->error.message;
        Q_EMIT sourceError(s.label(), s.alerts->error.message);
    } else {
        s.lastAlerts = s.alerts->alerts;
        if (s.silences->ok())
            s.lastSilences = s.silences->silences;
        else
            Q_EMIT sourceError(s.label(), s.silences->error.message);
        std::vector<AlertRow> rows;
        for (const AmAlert &a : s.lastAlerts)
            rows.push_back(AlertRowBuilder::fromAlertmanager(s.name, a, s.lastSilences, s.silencer));
        publish(s.label(), std::move(rows));
        expireResolved(s);
    }
    checkPollDone();
}

void ExternalAlertsPoller::expireResolved(AmSource &s)
{
    for (const std::string &id : s.silencer.silencesToExpire(s.lastAlerts)) {
        if (!s.expiring.insert(id).second)
            continue;
        qCInfo(lcAlertsUi) << "alert resolved: expiring its acknowledgement silence" << QString::fromStdString(id);
        const quint64 req = s.client->deleteSilence(QString::fromStdString(id));
        AmSource *src = &s;
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(s.client.get(), &AlertmanagerClient::finished, this,
                        [this, src, req, id, conn](quint64 done, const AmResponse &r) {
                            if (done != req)
                                return;
                            disconnect(*conn);
                            src->expiring.erase(id);
                            if (r.ok() || r.error.kind == PromErrorKind::NotFound)
                                src->silencer.expired(id);
                            else
                                Q_EMIT sourceError(src->label(), r.error.message);
                        });
    }
}

void ExternalAlertsPoller::checkPollDone()
{
    const bool busy = std::any_of(m_am.begin(), m_am.end(), [](const auto &s) { return s->alertsRequest || s->silencesRequest; })
        || std::any_of(m_prom.begin(), m_prom.end(), [](const auto &s) { return s->request != 0; });
    if (!busy)
        Q_EMIT pollFinished();
}

void ExternalAlertsPoller::publish(const QString &source, std::vector<AlertRow> rows)
{
    if (m_model)
        m_model->setExternalRows(source, rows);
    Q_EMIT rowsChanged(source, rows);
}

ExternalAlertsPoller::AmSource *ExternalAlertsPoller::amSource(const QString &name) const
{
    for (const auto &s : m_am)
        if (s->name == name)
            return s.get();
    return nullptr;
}

const AckSilencer *ExternalAlertsPoller::silencer(const QString &name) const
{
    const AmSource *s = amSource(name);
    return s ? &s->silencer : nullptr;
}

QString ExternalAlertsPoller::acknowledge(const AlertRow &row, const QString &comment, std::optional<int64_t> durationMs)
{
    if (row.origin == AlertOrigin::Prometheus)
        return tr("Alerts of a Prometheus server are acknowledged in its Alertmanager.");
    AmSource *s = row.origin == AlertOrigin::Alertmanager ? amSource(row.sourceName) : nullptr;
    if (!s)
        return tr("No Alertmanager named %1.").arg(row.sourceName);
    const auto it = std::find_if(s->lastAlerts.begin(), s->lastAlerts.end(),
                                 [&](const AmAlert &a) { return a.fingerprint == row.fingerprint; });
    if (it == s->lastAlerts.end())
        return tr("The alert is no longer in %1.").arg(s->label());
    const AmAlert alert = *it;
    const std::string by = platform::AlertCoordinator::localUserName().toStdString();
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    // Alertmanager refuses a silence without a comment.
    const QString text = comment.trimmed().isEmpty() ? tr("acknowledged in ModelWatch") : comment.trimmed();
    const AmSilenceSpec spec = s->silencer.silenceFor(alert, by, text.toStdString(), now, durationMs);
    const quint64 req = s->client->createSilence(spec);
    auto conn = std::make_shared<QMetaObject::Connection>();
    const QString key = row.key;
    *conn = connect(s->client.get(), &AlertmanagerClient::finished, this,
                    [this, s, req, alert, by, now, durationMs, key, conn](quint64 done, const AmResponse &r) {
                        if (done != req)
                            return;
                        disconnect(*conn);
                        if (!r.ok()) {
                            Q_EMIT actionFinished(key, r.error.message);
                            return;
                        }
                        if (!durationMs)
                            s->silencer.watchUntilResolved(alert, r.silenceId, by, now);
                        qCInfo(lcAlertsUi) << "acknowledged" << key << "with silence" << QString::fromStdString(r.silenceId);
                        Q_EMIT actionFinished(key, QString());
                        pollNow();
                    });
    return {};
}

QString ExternalAlertsPoller::unacknowledge(const AlertRow &row)
{
    AmSource *s = row.origin == AlertOrigin::Alertmanager ? amSource(row.sourceName) : nullptr;
    if (!s)
        return tr("Only alerts of an Alertmanager can be un-acknowledged here.");
    if (row.silencedBy.empty())
        return tr("The alert is not silenced.");
    auto left = std::make_shared<int>(static_cast<int>(row.silencedBy.size()));
    auto errors = std::make_shared<QStringList>();
    const QString key = row.key;
    for (const std::string &id : row.silencedBy) {
        const quint64 req = s->client->deleteSilence(QString::fromStdString(id));
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(s->client.get(), &AlertmanagerClient::finished, this,
                        [this, s, req, id, key, left, errors, conn](quint64 done, const AmResponse &r) {
                            if (done != req)
                                return;
                            disconnect(*conn);
                            if (r.ok() || r.error.kind == PromErrorKind::NotFound)
                                s->silencer.expired(id);
                            else
                                errors->append(r.error.message);
                            if (--*left == 0) {
                                Q_EMIT actionFinished(key, errors->join(u'\n'));
                                pollNow();
                            }
                        });
    }
    return {};
}

} // namespace mw::alertsui
