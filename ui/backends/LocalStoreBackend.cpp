#include "LocalStoreBackend.h"

#include "BackendsLog.h"
#include "StoreNames.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace mw::view {

namespace {

RangeAnswer toAnswer(promql::QueryResult result)
{
    RangeAnswer answer;
    for (std::string &w : result.warnings)
        answer.warnings.push_back(QString::fromStdString(w));
    if (!result.ok()) {
        answer.error = QString::fromStdString(result.error);
        return answer;
    }
    auto *matrix = std::get_if<promql::Matrix>(&result.value);
    if (!matrix) {
        answer.error = LocalStoreBackend::tr("The expression gives a %1, not series over time.")
                           .arg(QString::fromLatin1(result.resultType()));
        return answer;
    }
    answer.series.reserve(matrix->size());
    for (promql::MatrixSeries &s : *matrix)
        answer.series.push_back(
            {std::move(s.labels), std::make_shared<const std::vector<Point>>(std::move(s.points))});
    return answer;
}

} // namespace

LocalStoreBackend::LocalStoreBackend(QString name, StoreConfig store, QObject *parent)
    : SourceBackend(std::move(name), parent)
    , m_store(store)
    , m_queryable(m_store)
    , m_engine(m_queryable)
    , m_rules(m_queryable)
{
}

quint64 LocalStoreBackend::later(std::function<void(quint64)> work)
{
    const quint64 id = m_nextId++;
    m_queued.insert(id);
    QMetaObject::invokeMethod(
        this,
        [this, id, work = std::move(work)] {
            if (m_queued.remove(id))
                work(id);
        },
        Qt::QueuedConnection);
    return id;
}

quint64 LocalStoreBackend::rangeQuery(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs)
{
    return later([=, this](quint64 id) {
        QElapsedTimer clock;
        clock.start();
        RangeAnswer answer = toAnswer(m_engine.rangeQuery(expr.toStdString(), startMs, endMs, stepMs));
        qCDebug(lcBackends) << name() << "range query took" << clock.nsecsElapsed() / 1000 << "us:" << expr;
        Q_EMIT rangeFinished(id, answer);
    });
}

quint64 LocalStoreBackend::labelValues(const QString &label, const QString &metric)
{
    return later([=, this](quint64 id) { Q_EMIT namesFinished(id, StoreNames::labelValues(m_store, label, metric)); });
}

quint64 LocalStoreBackend::metricNames()
{
    return later([this](quint64 id) { Q_EMIT namesFinished(id, StoreNames::metricNames(m_store)); });
}

quint64 LocalStoreBackend::labelNames(const QString &metric)
{
    return later([=, this](quint64 id) { Q_EMIT namesFinished(id, StoreNames::labelNames(m_store, metric)); });
}

void LocalStoreBackend::cancel(quint64 id)
{
    m_queued.remove(id);
}

} // namespace mw::view
