#pragma once

// A labeled-prediction feed as a dashboard data source (dashboard kind
// "feed"): an http(s):// URL is polled with FeedPoller (e.g. the demo
// server's /v1/feed), anything else is a file followed with FeedTailer (a
// file:// prefix is dropped). Records are joined by id (PredictionJoiner)
// into a QualityWindow; every evaluation interval the window's figures become
// samples, stamped with the clock's now, in this backend's own SeriesStore,
// and range queries, label lookups and alert rules run on them with the local
// PromQL engine, exactly as for a scraped source.
//
// Series written (every one also carries source="NAME", the source's name):
//   modelwatch_quality_precision{class="C"}     per class (scikit-learn's precision_score, average=None)
//   modelwatch_quality_precision{average="A"}   A = macro | micro | weighted
//   modelwatch_quality_recall{class="C"}, {average="A"}     likewise
//   modelwatch_quality_f1{class="C"}, {average="A"}         likewise
//   modelwatch_quality_accuracy                 share of labeled predictions that were right
//   modelwatch_quality_roc_auc, _pr_auc         binary: the positive class's curve (no class label);
//                                               multi-class: one-vs-rest {class="C"} and
//                                               {average="macro"}, {average="weighted"}
//                                               (pr_auc is average precision, the step integral)
//   modelwatch_quality_labeled                  labeled predictions in the window (the guard's count)
//   modelwatch_quality_pending_labels           predictions still waiting for their label
// The minimum-sample guard: while the window holds fewer labeled predictions
// than the source's minSamples, no metric series gets a sample (a rule sees
// no data, never a figure from five labels); _labeled and _pending_labels
// always do. A figure that is undefined (precision of a class never
// predicted, ROC-AUC with one class only) gets no sample either.
//
// Classes are fixed when the first records arrive: the source's classes, or
// the labels of that first batch (sorted, numerically when all are
// integers; "0" and "1" at least). A class first seen later is counted in
// the window's unknownLabels and left out: name every class of a
// multi-class model in the source.
//
// The window's time is the clock's (wall clock unless one is injected): a
// time window keeps the labels of the last windowMs of real time, so a file
// of old records shows nothing; replay one with a count window (window 0s,
// windowCount N).

#include "SourceBackend.h"

#include "alerting/Clock.h"
#include "alerting/EngineRuleQuerier.h"
#include "dashboard/Document.h"
#include "promql/EngineStoreQueryable.h"
#include "quality/BinaryCurve.h"
#include "quality/ClassificationReport.h"
#include "quality/ConfusionMatrix.h"
#include "quality/PredictionJoiner.h"
#include "quality/QualityWindow.h"
#include "store/SeriesStore.h"

#include <QTimer>

#include <deque>
#include <memory>
#include <set>

namespace mw::feeds {
class FeedPoller;
class FeedTailer;
struct FeedPollError;
} // namespace mw::feeds

namespace mw::view {

/// One class's curve (binary: the positive class; multi-class: one-vs-rest),
/// with at most FeedBackend::kMaxCurvePoints points kept for drawing (the
/// areas are computed on every point).
struct QualityCurve
{
    QString className;
    std::vector<quality::RocPoint> roc; ///< sklearn's roc_curve order, (0, 0) first
    std::vector<quality::PrPoint> pr;   ///< sklearn's precision_recall_curve order, recall decreasing
    double rocAuc = std::numeric_limits<double>::quiet_NaN();
    double averagePrecision = std::numeric_limits<double>::quiet_NaN();
    bool rocDefined = false;
    bool averagePrecisionDefined = false;
    double positives = 0.0;
    double negatives = 0.0;
    /// positives / (positives + negatives): the PR curve of a chance scorer.
    double baseRate() const;
};

/// The current window of a feed source, as the quality panels draw it: a value.
struct QualitySnapshot
{
    QString source;
    int64_t timeMs = 0;     ///< the evaluation that made it
    QStringList classes;    ///< index order of the matrix and the report
    int positiveClass = -1; ///< binary: index of the positive class; -1 multi-class
    /// predicted × actual counts (ConfusionMatrix's layout).
    quality::ConfusionMatrix confusion;
    /// Per-class precision and recall with Wilson intervals, the averages, accuracy.
    quality::ClassificationReport report;
    std::vector<QualityCurve> curves; ///< empty when no sample has a score
    double labeled = 0.0;             ///< labeled predictions in the window
    int64_t minSamples = 0;           ///< the guard
    uint64_t pendingLabels = 0;
    uint64_t joined = 0;              ///< since start
    uint64_t expiredPredictions = 0;  ///< never got a label

    /// Enough labeled predictions for the figures to mean something.
    bool enoughSamples() const { return labeled > 0.0 && labeled >= double(minSamples); }
};

using QualitySnapshotPtr = std::shared_ptr<const QualitySnapshot>;

class FeedBackend final : public SourceBackend
{
    Q_OBJECT
public:
    static constexpr std::size_t kMaxCurvePoints = 1000;

    /// `source` must be a SourceKind::Feed source. `clock` (not owned) is the
    /// time of the window and the samples; null: the wall clock.
    explicit FeedBackend(const dashboard::Source &source, const alerting::Clock *clock = nullptr,
                         QObject *parent = nullptr);
    ~FeedBackend() override;

    void start() override;
    void stop() override;

    quint64 rangeQuery(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs) override;
    quint64 labelValues(const QString &label, const QString &metric) override;
    quint64 metricNames() override;
    quint64 labelNames(const QString &metric) override;
    void cancel(quint64 id) override;

    SourceHealth health() const override { return m_health; }
    alerting::RuleQuerier &ruleQuerier() override { return m_querier; }
    int64_t nowMs() const override { return m_clock->nowMs(); }

    /// Reads what the file has now (a tailed source), moves the window to the
    /// clock's now and appends the window's figures as samples; the
    /// evaluation timer calls it, tests may call it directly.
    void evaluateNow();
    /// Hands a parsed batch to the joiner and the window (what the poller and
    /// the tailer call).
    void ingest(const quality::FeedBatch &batch);

    /// The latest evaluation's snapshot; null before the first one.
    QualitySnapshotPtr snapshot() const { return m_snapshot; }
    const dashboard::Source &source() const { return m_source; }
    const SeriesStore &store() const { return m_store; }
    /// Null until the first records fixed the classes.
    const quality::QualityWindow *window() const { return m_window.get(); }
    const quality::PredictionJoiner &joiner() const { return m_joiner; }

Q_SIGNALS:
    void snapshotChanged();

private:
    struct Scored
    {
        uint32_t actual;
        double score;               ///< binary score
        std::vector<double> scores; ///< multi-class
        bool hasScore;
    };

    void createWindow(const quality::FeedBatch &batch);
    void addJoined();
    void trimMirror();
    void appendSeries(int64_t now);
    void appendSample(const char *metric, std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
                      double value, int64_t now);
    QualitySnapshotPtr buildSnapshot(int64_t now) const;
    QualityCurve curveFor(std::size_t positive, const QString &name) const;
    void setHealth(SourceState state, const QString &error, const QString &detail = {});
    void onPollFailed(const feeds::FeedPollError &error, bool givingUp);
    quint64 deliverNames(NamesAnswer answer);

    dashboard::Source m_source;
    alerting::SystemClock m_systemClock;
    const alerting::Clock *m_clock;
    SeriesStore m_store;
    promql::StoreQueryable m_queryable;
    promql::Engine m_engine;
    alerting::EngineRuleQuerier m_querier;
    quality::PredictionJoiner m_joiner;
    std::unique_ptr<quality::QualityWindow> m_window;
    std::vector<quality::LabeledPrediction> m_joined; ///< scratch
    std::deque<Scored> m_mirror; ///< the window's samples' scores, in the window's order
    std::unique_ptr<feeds::FeedPoller> m_poller;
    std::unique_ptr<feeds::FeedTailer> m_tailer;
    QTimer m_evaluation;
    SourceHealth m_health;
    QualitySnapshotPtr m_snapshot;
    std::set<quint64> m_pending;
    quint64 m_nextId = 0;
    uint64_t m_rejectedLines = 0;
};

} // namespace mw::view

Q_DECLARE_METATYPE(mw::view::QualitySnapshotPtr)
