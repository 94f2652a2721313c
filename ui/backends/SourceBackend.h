#pragma once

// What a dashboard panel, a variable or an alert rule asks of a data source,
// whichever kind it is: a Prometheus-compatible server (the expression runs
// there), directly scraped /metrics endpoints (a local store and the local
// PromQL engine), or a labeled-prediction feed (quality metrics computed
// locally and kept as series). A panel does not care which one answers.
//
// Requests are asynchronous: each returns an id, and the answer comes back
// through a signal on the owning thread, even when it is known at once (it is
// never delivered from inside the call). Answers are values.

#include "QualitySnapshot.h"

#include "alerting/RuleQuerier.h"
#include "store/Labels.h"
#include "store/Point.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mw::view {

using PointsPtr = std::shared_ptr<const std::vector<Point>>;

/// One series of a range answer: its labels (with __name__ when the
/// expression keeps it) and points in time order; NaN is a gap.
struct AnswerSeries
{
    Labels labels;
    PointsPtr points;
};

struct RangeAnswer
{
    std::vector<AnswerSeries> series;
    QString error;        ///< empty on success: one specific sentence for the user
    QStringList warnings; ///< the source's warnings (histogram fixes, skipped samples)
    bool ok() const { return error.isEmpty(); }
};

/// Names for completion and variables.
struct NamesAnswer
{
    QStringList names; ///< sorted, unique
    QString error;
    bool ok() const { return error.isEmpty(); }
};

enum class SourceState : uint8_t {
    Unknown, ///< nothing heard yet
    Up,      ///< the last contact succeeded
    Partial, ///< some targets up, some down (scrape)
    Down,    ///< the last contact failed
};

struct SourceHealth
{
    SourceState state = SourceState::Unknown;
    int64_t lastSuccessMs = 0; ///< wall-clock time of the last good contact, 0 = never
    int64_t lastAttemptMs = 0;
    QString error;             ///< the last failure, when state is Down or Partial
    QString detail;            ///< e.g. "2 of 3 targets up", "Prometheus 2.42"
};

class SourceBackend : public QObject
{
    Q_OBJECT
public:
    /// Also registers RangeAnswer and NamesAnswer with the meta-type system
    /// (once per process), so queued connections can carry them.
    explicit SourceBackend(QString name, QObject *parent = nullptr);

    QString name() const { return m_name; }

    /// Starts polling or scraping (a scrape source collects from now on).
    virtual void start() = 0;
    virtual void stop() = 0;

    /// A range query: one point per step from startMs to endMs inclusive.
    virtual quint64 rangeQuery(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs) = 0;
    /// Values of `label`, over series of `metric` when it is not empty
    /// (label_values(metric, label)) or over all series.
    virtual quint64 labelValues(const QString &label, const QString &metric) = 0;
    /// Metric names (for completion).
    virtual quint64 metricNames() = 0;
    /// Label names, over series of `metric` when it is not empty.
    virtual quint64 labelNames(const QString &metric) = 0;
    /// Drops a request: its signal is not emitted.
    virtual void cancel(quint64 id) = 0;

    virtual SourceHealth health() const = 0;
    /// Instant queries for the alert engine (synchronous; a remote source
    /// answers from its latest completed evaluation).
    virtual alerting::RuleQuerier &ruleQuerier() = 0;
    /// The newest time this source has data for: now for a live source.
    virtual int64_t nowMs() const = 0;

    /// Whether the quality panels draw this source's snapshots (a feed's
    /// window, a score_buckets source's newest curve) rather than queries.
    virtual bool keepsQualitySnapshots() const { return false; }
    /// The newest snapshot; null before the first evaluation or when the
    /// source keeps none.
    virtual QualitySnapshotPtr qualitySnapshot() const { return nullptr; }

    using SourceLookup = std::function<SourceBackend *(const std::string &name)>;
    /// Called whenever the dashboard's set of backends changes, with a lookup
    /// of the running ones by source name (valid until the next call): a
    /// source that reads another one (score_buckets) finds it here.
    virtual void bindSources(const SourceLookup &lookup) { Q_UNUSED(lookup); }

Q_SIGNALS:
    void rangeFinished(quint64 id, const mw::view::RangeAnswer &answer);
    void namesFinished(quint64 id, const mw::view::NamesAnswer &answer);
    void healthChanged();
    /// New data has arrived (a scrape or a feed batch): live panels may refresh.
    void dataArrived();
    /// qualitySnapshot() changed.
    void snapshotChanged();

private:
    QString m_name;
};

} // namespace mw::view

Q_DECLARE_METATYPE(mw::view::RangeAnswer)
Q_DECLARE_METATYPE(mw::view::NamesAnswer)
