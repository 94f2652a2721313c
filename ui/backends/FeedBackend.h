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

#include "LocalStoreBackend.h"
#include "QualitySnapshot.h"

#include "alerting/Clock.h"
#include "dashboard/Document.h"
#include "quality/PredictionJoiner.h"
#include "quality/QualityWindow.h"

#include <QTimer>

#include <deque>
#include <memory>

namespace mw::feeds {
class FeedPoller;
class FeedTailer;
struct FeedPollError;
} // namespace mw::feeds

namespace mw::view {

class FeedBackend final : public LocalStoreBackend
{
    Q_OBJECT
public:
    /// `source` must be a SourceKind::Feed source. `clock` (not owned) is the
    /// time of the window and the samples; null: the wall clock.
    explicit FeedBackend(const dashboard::Source &source, const alerting::Clock *clock = nullptr,
                         QObject *parent = nullptr);
    ~FeedBackend() override;

    void start() override;
    void stop() override;

    SourceHealth health() const override { return m_health; }
    bool keepsQualitySnapshots() const override { return true; }
    /// The latest evaluation's snapshot; null before the first one.
    QualitySnapshotPtr qualitySnapshot() const override { return m_snapshot; }
    int64_t nowMs() const override { return m_clock->nowMs(); }

    /// Reads what the file has now (a tailed source), moves the window to the
    /// clock's now and appends the window's figures as samples; the
    /// evaluation timer calls it, tests may call it directly.
    void evaluateNow();
    /// Hands a parsed batch to the joiner and the window (what the poller and
    /// the tailer call).
    void ingest(const quality::FeedBatch &batch);

    const dashboard::Source &source() const { return m_source; }
    /// Null until the first records fixed the classes.
    const quality::QualityWindow *window() const { return m_window.get(); }
    const quality::PredictionJoiner &joiner() const { return m_joiner; }

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

    dashboard::Source m_source;
    alerting::SystemClock m_systemClock;
    const alerting::Clock *m_clock;
    quality::PredictionJoiner m_joiner;
    std::unique_ptr<quality::QualityWindow> m_window;
    std::vector<quality::LabeledPrediction> m_joined; ///< scratch
    std::deque<Scored> m_mirror; ///< the window's samples' scores, in the window's order
    std::unique_ptr<feeds::FeedPoller> m_poller;
    std::unique_ptr<feeds::FeedTailer> m_tailer;
    QTimer m_evaluation;
    SourceHealth m_health;
    QualitySnapshotPtr m_snapshot;
    uint64_t m_rejectedLines = 0;
};

} // namespace mw::view

