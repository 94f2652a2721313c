#pragma once

// The body of a quality panel (ROC/PR curves, confusion heatmap): it draws
// the latest snapshot of the panel's source when it keeps them (a feed's
// window, a score_buckets source's newest curve); a curve panel on a
// Prometheus or scrape source draws its score-bucket queries instead
// (BucketCurveSnapshot.h). Otherwise it says what it needs.

#include "PanelBody.h"

#include <QPointer>

class QLabel;
class QStackedLayout;

namespace mw::view {
class SourceBackend;
class QualityCurveView;
class ConfusionHeatmapView;
} // namespace mw::view

namespace mw::ui {

class QualityBody : public PanelBody
{
    Q_OBJECT
public:
    explicit QualityBody(dashboard::PanelKind kind, QWidget *parent = nullptr);

    void showFrame(const view::PanelFrame &frame, const dashboard::Panel &panel,
                   const std::vector<dashboard::Threshold> &ruleThresholds) override;
    void setBackend(view::SourceBackend *backend) override;
    bool ownsStates() const override { return true; }

    view::QualityCurveView *curveView() const { return m_curve; }
    view::ConfusionHeatmapView *heatmapView() const { return m_heatmap; }

private:
    void onSnapshot();

    dashboard::PanelKind m_kind;
    QPointer<view::SourceBackend> m_snapshots; ///< the source, when it keeps snapshots
    QMetaObject::Connection m_connection;
    bool m_hasBackend = false;
    QStackedLayout *m_stack;
    QLabel *m_notFeed;
    view::QualityCurveView *m_curve = nullptr;
    view::ConfusionHeatmapView *m_heatmap = nullptr;
};

} // namespace mw::ui
