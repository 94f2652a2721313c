#include "QualityBody.h"

#include "BucketCurveSnapshot.h"
#include "ConfusionHeatmapView.h"
#include "SourceBackend.h"
#include "QualityCurveView.h"

#include <QLabel>
#include <QStackedLayout>

namespace mw::ui {

QualityBody::QualityBody(dashboard::PanelKind kind, QWidget *parent)
    : PanelBody(parent), m_kind(kind), m_stack(new QStackedLayout(this)), m_notFeed(new QLabel(this))
{
    m_notFeed->setAlignment(Qt::AlignCenter);
    m_notFeed->setWordWrap(true);
    m_notFeed->setForegroundRole(QPalette::PlaceholderText);
    m_notFeed->setText(tr("This panel reads a labeled-prediction feed: choose a feed source for it."));
    m_stack->addWidget(m_notFeed);
    if (kind == dashboard::PanelKind::ConfusionMatrix) {
        m_heatmap = new view::ConfusionHeatmapView(this);
        m_stack->addWidget(m_heatmap);
    } else {
        m_curve = new view::QualityCurveView(this);
        m_stack->addWidget(m_curve);
    }
}

void QualityBody::showFrame(const view::PanelFrame &frame, const dashboard::Panel &panel,
                            const std::vector<dashboard::Threshold> &)
{
    if (m_curve)
        m_curve->setCurve(panel.qualityCurve.curve);
    if (m_heatmap)
        m_heatmap->setNormalize(panel.confusionMatrix.normalize);
    // On a counters source a curve panel draws its score-bucket queries.
    if (m_snapshots || !m_curve || !m_hasBackend)
        return;
    QString error;
    if (frame.state == view::PanelState::Ready) {
        if (view::QualitySnapshotPtr snap = bucketCurveSnapshot(frame, &error)) {
            m_curve->setSnapshot(std::move(snap));
            m_stack->setCurrentIndex(1);
            return;
        }
    }
    m_notFeed->setText(error.isEmpty() ? tr("Waiting for the score buckets of queries A (positives) and B (negatives).")
                                       : error);
    m_stack->setCurrentIndex(0);
}

void QualityBody::setBackend(view::SourceBackend *backend)
{
    disconnect(m_connection);
    m_snapshots = backend && backend->keepsQualitySnapshots() ? backend : nullptr;
    m_hasBackend = backend != nullptr;
    if (view::SourceBackend *source = m_snapshots.data()) {
        m_connection = connect(source, &view::SourceBackend::snapshotChanged, this, &QualityBody::onSnapshot);
        m_stack->setCurrentIndex(1);
        onSnapshot();
    } else {
        m_notFeed->setText(m_curve ? tr("A curve panel reads a labeled-prediction feed, or two score-bucket queries: "
                                        "A for positives, B for negatives.")
                                   : tr("This panel reads a labeled-prediction feed: choose a feed source for it."));
        m_stack->setCurrentIndex(0);
    }
}

void QualityBody::onSnapshot()
{
    view::SourceBackend *source = m_snapshots.data();
    if (!source)
        return;
    if (m_curve)
        m_curve->setSnapshot(source->qualitySnapshot());
    if (m_heatmap)
        m_heatmap->setSnapshot(source->qualitySnapshot());
}

} // namespace mw::ui
