#pragma once

// A score_buckets source (input 2 of the quality issue as a source): every
// evaluation interval it runs the document's two score-histogram queries on
// the source named in `from` (a Prometheus server or scraped endpoints),
// turns each time step's buckets into a ROC and PR curve
// (quality::curveFromBucketVectors: every score in a bucket tied at its
// bound) and keeps the areas as series in its own store, where panels and
// alert rules read them with the local PromQL engine, like a feed's.
//
// Series written (every one also carries source="NAME"):
//   modelwatch_quality_roc_auc     trapezoidal ROC area of the buckets
//   modelwatch_quality_pr_auc      average precision (the step integral)
//   modelwatch_quality_labeled     positives + negatives in the window (the guard's count)
// The minimum-sample guard: below minSamples scored predictions, the areas
// get no sample (a rule sees no data); an undefined area (no positives, no
// negatives) gets none either. _labeled always does.
//
// At start the last `backfill` of history is computed in one range query
// (step = the evaluation interval); after that, one step per interval. The
// newest curve is also kept as a QualitySnapshot, so a quality_curve panel
// can name this source.

#include "LocalStoreBackend.h"

#include "alerting/Clock.h"
#include "dashboard/Document.h"

#include <QPointer>
#include <QTimer>

#include <optional>

namespace mw::view {

class ScoreBucketBackend final : public LocalStoreBackend
{
    Q_OBJECT
public:
    /// `source` must be a SourceKind::ScoreBuckets source. `clock` (not
    /// owned): the evaluation time; null: the `from` source's now.
    explicit ScoreBucketBackend(const dashboard::Source &source, const alerting::Clock *clock = nullptr,
                                QObject *parent = nullptr);
    ~ScoreBucketBackend() override;

    void start() override;
    void stop() override;
    SourceHealth health() const override { return m_health; }
    int64_t nowMs() const override;
    bool keepsQualitySnapshots() const override { return true; }
    QualitySnapshotPtr qualitySnapshot() const override { return m_snapshot; }
    void bindSources(const SourceLookup &lookup) override;

    /// Asks the `from` source for the buckets up to now (the timer calls it;
    /// tests may). Does nothing while the previous answers are outstanding.
    void evaluateNow();
    const dashboard::Source &source() const { return m_source; }

private:
    void onRange(quint64 id, const RangeAnswer &answer);
    void computeSteps();
    void appendSample(const char *metric, double value, int64_t t);
    void setHealth(SourceState state, const QString &error, const QString &detail = {});
    void dropRequests();

    dashboard::Source m_source;
    const alerting::Clock *m_clock;
    QPointer<SourceBackend> m_from;
    QMetaObject::Connection m_fromConnection;
    quint64 m_positivesId = 0;
    quint64 m_negativesId = 0;
    std::optional<RangeAnswer> m_positives;
    std::optional<RangeAnswer> m_negatives;
    int64_t m_lastStepMs = 0; ///< the newest step written; the next range starts after it
    bool m_running = false;
    QTimer m_evaluation;
    SourceHealth m_health;
    QualitySnapshotPtr m_snapshot;
};

} // namespace mw::view
