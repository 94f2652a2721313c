#include "PrometheusBackend.h"

#include "BackendsLog.h"
#include "SeriesSelector.h"

#include <QDateTime>

#include <algorithm>
#include <set>

namespace mw::view {

namespace {

/// How far back label_values(metric, label) looks for series.
constexpr int64_t kSeriesLookbackMs = 6 * 3600 * 1000;

Labels toLabels(const PromLabels &pairs)
{
    Labels labels;
    for (const auto &[name, value] : pairs)
        labels.set(name, value);
    return labels;
}

AnswerSeries toAnswer(Labels labels, std::vector<Point> points)
{
    return {std::move(labels), std::make_shared<const std::vector<Point>>(std::move(points))};
}

QString errorSentence(const PromError &error)
{
    return error.message.isEmpty() ? QString::fromLatin1(promErrorKindName(error.kind)) : error.message;
}

QStringList sortedNames(const std::set<std::string> &names)
{
    QStringList out;
    out.reserve(static_cast<qsizetype>(names.size()));
    for (const std::string &n : names)
        out.push_back(QString::fromStdString(n));
    return out; // std::set: already sorted (bytewise) and unique
}

} // namespace

PrometheusBackend::PrometheusBackend(QString name, PrometheusBackendConfig config, QObject *parent)
    : SourceBackend(std::move(name), parent)
    , m_config(std::move(config))
    , m_rules(m_client)
{
    m_health.detail = m_config.connection.baseUrl.toDisplayString();
    m_client.setConnection(m_config.connection);
    connect(&m_client, &PrometheusClient::finished, this, &PrometheusBackend::onFinished);
    connect(&m_healthTimer, &QTimer::timeout, this, &PrometheusBackend::pollHealth);
}

PrometheusBackend::~PrometheusBackend() = default;

void PrometheusBackend::start()
{
    m_healthTimer.start(m_config.healthInterval);
    pollHealth();
}

void PrometheusBackend::stop()
{
    m_healthTimer.stop();
    if (m_healthRequest != 0) {
        m_client.cancel(m_healthRequest);
        m_healthRequest = 0;
    }
}

int64_t PrometheusBackend::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

quint64 PrometheusBackend::rangeQuery(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs)
{
    return submit(Want::Range, {}, [=, this] { return m_client.queryRange(expr, startMs, endMs, stepMs); });
}

quint64 PrometheusBackend::labelValues(const QString &label, const QString &metric)
{
    if (metric.trimmed().isEmpty())
        return submit(Want::Names, {}, [=, this] { return m_client.labelValues(label); });
    return submit(Want::ValuesFromSeries, label, [=, this] {
        const int64_t now = nowMs();
        return m_client.series({seriesSelectorFor(metric)}, now - kSeriesLookbackMs, now);
    });
}

quint64 PrometheusBackend::metricNames()
{
    return submit(Want::Names, {}, [this] { return m_client.labelValues(QString::fromLatin1(kMetricNameLabel)); });
}

quint64 PrometheusBackend::labelNames(const QString &metric)
{
    if (metric.trimmed().isEmpty())
        return submit(Want::Names, {}, [this] { return m_client.labels(); });
    return submit(Want::NamesFromSeries, {}, [=, this] {
        const int64_t now = nowMs();
        return m_client.series({seriesSelectorFor(metric)}, now - kSeriesLookbackMs, now);
    });
}

void PrometheusBackend::cancel(quint64 id)
{
    if (const auto it = m_clientOf.constFind(id); it != m_clientOf.constEnd()) {
        const quint64 clientId = *it;
        m_clientOf.erase(it);
        m_byClient.remove(clientId);
        m_client.cancel(clientId); // its Canceled answer finds no entry and is dropped
    }
}

quint64 PrometheusBackend::submit(Want want, QString label, const std::function<quint64()> &sendFn)
{
    const Pending pending{m_nextId++, want, std::move(label)};
    // The client never answers from inside the call: recording afterwards is
    // safe. It resolves the connection's secrets (header values included)
    // before its first request; one that does not resolve fails the request.
    const quint64 clientId = sendFn();
    m_byClient.insert(clientId, pending);
    m_clientOf.insert(pending.id, clientId);
    return pending.id;
}

void PrometheusBackend::onFinished(quint64 clientId, const PromResponse &response)
{
    if (clientId == m_healthRequest) {
        m_healthRequest = 0;
        noteContact(response);
        return;
    }
    const auto it = m_byClient.find(clientId);
    if (it == m_byClient.end())
        return; // canceled, or the rule querier's own request
    const Pending pending = *it;
    m_byClient.erase(it);
    m_clientOf.remove(pending.id);
    noteContact(response);
    deliver(pending, response);
}

void PrometheusBackend::deliver(const Pending &pending, const PromResponse &response)
{
    if (pending.want == Want::Range) {
        RangeAnswer answer;
        answer.warnings = response.warnings + response.infos + response.decodeWarnings;
        if (!response.ok()) {
            answer.error = errorSentence(response.error);
        } else if (const PromQueryData *data = response.get<PromQueryData>()) {
            if (data->type == PromResultType::Scalar) {
                answer.series.push_back(toAnswer({}, {data->scalar}));
            } else if (data->type == PromResultType::String) {
                answer.error = tr("The expression gives a string, not a series.");
            } else {
                answer.series.reserve(data->series.size());
                for (const PromSeries &s : data->series)
                    answer.series.push_back(toAnswer(toLabels(s.labels), s.points));
            }
        } else {
            answer.error = tr("The server's answer to a range query holds no query result.");
        }
        Q_EMIT rangeFinished(pending.id, answer);
        return;
    }
    NamesAnswer answer;
    if (!response.ok()) {
        answer.error = errorSentence(response.error);
    } else if (const auto *strings = response.get<std::vector<std::string>>();
               strings && pending.want == Want::Names) {
        answer.names = sortedNames(std::set<std::string>(strings->begin(), strings->end()));
    } else if (const auto *series = response.get<std::vector<PromLabels>>()) {
        const std::string label = pending.label.toStdString();
        std::set<std::string> names;
        for (const PromLabels &labels : *series)
            for (const auto &[name, value] : labels)
                if (pending.want == Want::NamesFromSeries)
                    names.insert(name);
                else if (name == label)
                    names.insert(value);
        answer.names = sortedNames(names);
    } else {
        answer.error = tr("The server's answer holds no names.");
    }
    Q_EMIT namesFinished(pending.id, answer);
}

void PrometheusBackend::pollHealth()
{
    if (m_healthRequest != 0)
        return; // the previous poll is still out
    PromRequestOptions options;
    options.maxRetries = 0; // the next poll is the retry
    options.timeout = std::min<std::chrono::milliseconds>(m_config.healthInterval, std::chrono::seconds(10));
    m_healthRequest = m_client.query(QStringLiteral("vector(1)"), std::nullopt, options);
}

void PrometheusBackend::noteContact(const PromResponse &response)
{
    switch (response.error.kind) {
    case PromErrorKind::Canceled:
    case PromErrorKind::InvalidRequest:
        return; // nothing was asked of the server
    case PromErrorKind::None:
    case PromErrorKind::Api:         // the server rejected the expression: it is up
    case PromErrorKind::BodyTooLarge: // it answered, too much
        m_health.lastSuccessMs = nowMs();
        setHealth(SourceState::Up, {});
        return;
    default:
        qCDebug(lcBackends) << name() << "down:" << response.error.message;
        setHealth(SourceState::Down, errorSentence(response.error));
        return;
    }
}

void PrometheusBackend::setHealth(SourceState state, const QString &error)
{
    m_health.lastAttemptMs = nowMs();
    if (m_health.state == state && m_health.error == error)
        return;
    m_health.state = state;
    m_health.error = error;
    Q_EMIT healthChanged();
}

} // namespace mw::view
