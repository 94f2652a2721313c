#include "ScoreBucketBackend.h"

#include "BackendsLog.h"

#include "promql/EngineValue.h"
#include "quality/QualityQueries.h"

#include <QDateTime>
#include <QMetaObject>

#include <algorithm>
#include <cmath>
#include <map>

namespace mw::view {

namespace {

constexpr int64_t kMinRetentionMs = 6LL * 3600 * 1000;

using Steps = std::map<int64_t, std::vector<promql::VectorSample>>;

/// The answer's `le` series regrouped by time: one instant vector per step.
Steps byStep(const RangeAnswer &answer)
{
    Steps steps;
    for (const AnswerSeries &s : answer.series) {
        if (!s.labels.get("le") || !s.points)
            continue;
        for (const Point &p : *s.points)
            if (std::isfinite(p.v))
                steps[p.t].push_back({s.labels, p.v, p.t});
    }
    return steps;
}

} // namespace

ScoreBucketBackend::ScoreBucketBackend(const dashboard::Source &source, const alerting::Clock *clock, QObject *parent)
    : LocalStoreBackend(QString::fromStdString(source.name),
                        StoreConfig{std::max(kMinRetentionMs, 2 * source.scoreBuckets.backfillMs), 0, 120, 0, 0, 0},
                        parent)
    , m_source(source)
    , m_clock(clock)
{
    m_evaluation.setInterval(int(std::clamp<int64_t>(source.scoreBuckets.evaluationIntervalMs, 100, 24LL * 3600 * 1000)));
    connect(&m_evaluation, &QTimer::timeout, this, &ScoreBucketBackend::evaluateNow);
    m_health.detail = tr("Reads the score buckets of '%1'").arg(QString::fromStdString(source.scoreBuckets.from));
}

ScoreBucketBackend::~ScoreBucketBackend()
{
    dropRequests();
}

int64_t ScoreBucketBackend::nowMs() const
{
    if (m_clock)
        return m_clock->nowMs();
    const SourceBackend *from = m_from.data();
    return from ? from->nowMs() : QDateTime::currentMSecsSinceEpoch();
}

void ScoreBucketBackend::start()
{
    m_running = true;
    m_evaluation.start();
    QMetaObject::invokeMethod(this, &ScoreBucketBackend::evaluateNow, Qt::QueuedConnection);
}

void ScoreBucketBackend::stop()
{
    m_running = false;
    m_evaluation.stop();
    dropRequests();
}

void ScoreBucketBackend::dropRequests()
{
    if (SourceBackend *from = m_from.data()) {
        if (m_positivesId)
            from->cancel(m_positivesId);
        if (m_negativesId)
            from->cancel(m_negativesId);
    }
    m_positivesId = m_negativesId = 0;
    m_positives.reset();
    m_negatives.reset();
}

void ScoreBucketBackend::bindSources(const SourceLookup &lookup)
{
    SourceBackend *from = lookup ? lookup(m_source.scoreBuckets.from) : nullptr;
    if (from == this || (from && from->keepsQualitySnapshots()))
        from = nullptr; // the document refuses these; a lookup must not make a loop
    if (from == m_from.data() && m_fromConnection)
        return;
    dropRequests();
    disconnect(m_fromConnection);
    m_from = from;
    if (from)
        m_fromConnection = connect(from, &SourceBackend::rangeFinished, this, &ScoreBucketBackend::onRange);
    if (m_running)
        QMetaObject::invokeMethod(this, &ScoreBucketBackend::evaluateNow, Qt::QueuedConnection);
}

void ScoreBucketBackend::setHealth(SourceState state, const QString &error, const QString &detail)
{
    SourceHealth h = m_health;
    h.state = state;
    h.error = error;
    h.lastAttemptMs = QDateTime::currentMSecsSinceEpoch();
    if (state == SourceState::Up)
        h.lastSuccessMs = h.lastAttemptMs;
    if (!detail.isEmpty())
        h.detail = detail;
    const bool changed = h.state != m_health.state || h.error != m_health.error || h.detail != m_health.detail;
    m_health = h;
    if (changed)
        Q_EMIT healthChanged();
}

void ScoreBucketBackend::evaluateNow()
{
    const QString fromName = QString::fromStdString(m_source.scoreBuckets.from);
    SourceBackend *from = m_from.data();
    if (!from) {
        setHealth(SourceState::Down, tr("Its source '%1' is not running.").arg(fromName));
        return;
    }
    if (m_positivesId || m_negativesId)
        return; // the last answers are still on their way
    const dashboard::ScoreBucketOptions &o = m_source.scoreBuckets;
    const int64_t step = std::max<int64_t>(1000, o.evaluationIntervalMs);
    const int64_t now = nowMs();
    // Until a step has been written, ask for the whole backfill (a scrape
    // source may only now be collecting); then one step per interval.
    const int64_t start = m_lastStepMs == 0 && o.backfillMs > 0 ? now - o.backfillMs / step * step : now;
    m_positivesId = from->rangeQuery(QString::fromStdString(o.positives), start, now, step);
    m_negativesId = from->rangeQuery(QString::fromStdString(o.negatives), start, now, step);
}

void ScoreBucketBackend::onRange(quint64 id, const RangeAnswer &answer)
{
    if (id == 0 || (id != m_positivesId && id != m_negativesId))
        return;
    (id == m_positivesId ? m_positives : m_negatives) = answer;
    if (!m_positives || !m_negatives)
        return;
    computeSteps();
    m_positivesId = m_negativesId = 0;
    m_positives.reset();
    m_negatives.reset();
}

void ScoreBucketBackend::appendSample(const char *metric, double value, int64_t t)
{
    Labels l;
    l.set(kMetricNameLabel, metric);
    l.set("source", m_source.name);
    SeriesStore &store = mutableStore();
    store.append(store.getOrCreate(l, expo::MetricType::Gauge), t, value);
}

void ScoreBucketBackend::computeSteps()
{
    const QString fromName = QString::fromStdString(m_source.scoreBuckets.from);
    using Named = std::pair<const char *, const RangeAnswer *>;
    for (const auto &[which, a] : {Named{"positives", &*m_positives}, Named{"negatives", &*m_negatives}}) {
        if (!a->ok()) {
            setHealth(SourceState::Down, tr("The %1 query on '%2': %3").arg(QLatin1String(which), fromName, a->error));
            return;
        }
    }
    const Steps positives = byStep(*m_positives);
    const Steps negatives = byStep(*m_negatives);
    const int64_t minSamples = m_source.scoreBuckets.minSamples;
    std::string lastError;
    std::optional<quality::BinaryCurve> newest;
    int written = 0;
    for (const auto &[t, pos] : positives) {
        const auto neg = negatives.find(t);
        if (t <= m_lastStepMs || neg == negatives.end())
            continue;
        const quality::BucketCurveResult r = quality::curveFromBucketVectors(pos, neg->second);
        if (!r.curve) {
            lastError = r.error;
            continue;
        }
        const double scored = r.curve->positives() + r.curve->negatives();
        appendSample("modelwatch_quality_labeled", scored, t);
        if (scored > 0.0 && scored >= double(minSamples)) {
            if (r.curve->rocDefined())
                appendSample("modelwatch_quality_roc_auc", r.curve->rocAuc(), t);
            if (r.curve->averagePrecisionDefined())
                appendSample("modelwatch_quality_pr_auc", r.curve->averagePrecision(), t);
        }
        m_lastStepMs = t;
        newest = r.curve;
        ++written;
    }
    if (written == 0) {
        if (!lastError.empty())
            setHealth(SourceState::Down, tr("The score buckets of '%1': %2").arg(fromName, QString::fromStdString(lastError)));
        else
            setHealth(SourceState::Unknown, {}, tr("No score buckets from '%1' yet").arg(fromName));
        return;
    }
    mutableStore().applyRetention(m_lastStepMs);
    std::shared_ptr<QualitySnapshot> snapshot = binarySnapshot(*newest, m_lastStepMs, minSamples);
    snapshot->source = name();
    m_snapshot = std::move(snapshot);
    qCDebug(lcBackends) << name() << "wrote" << written << "steps, newest at" << m_lastStepMs;
    setHealth(SourceState::Up, {},
              tr("%1 scored predictions at %2")
                  .arg(newest->positives() + newest->negatives(), 0, 'f', 0)
                  .arg(QDateTime::fromMSecsSinceEpoch(m_lastStepMs).toString(QStringLiteral("HH:mm:ss"))));
    Q_EMIT snapshotChanged();
    Q_EMIT dataArrived();
}

} // namespace mw::view
