#include "DemoServer.h"

#include "DemoHttpServer.h"
#include "DemoLog.h"
#include "DemoMetrics.h"
#include "FaultInjector.h"
#include "LoadGenerator.h"
#include "Model.h"
#include "PredictionFeed.h"
#include "PredictionService.h"
#include "SyntheticData.h"

#include <QDateTime>

#include <chrono>

Q_LOGGING_CATEGORY(lcDemo, "modelwatch.demo")

namespace mw::demo {

namespace {

Model trainModel(const DemoServer::Options &options, DemoMetrics &metrics)
{
    const auto start = std::chrono::steady_clock::now();
    SyntheticData data(options.seed);
    Model::TrainReport report;
    Model model = Model::train(data.batch(static_cast<std::size_t>(std::max(options.trainingSamples, 1))), {}, &report);
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    metrics.recordModelLoad(us);
    qCInfo(lcDemo).nospace() << "model \"" << options.modelName.c_str() << "\" trained in " << us / 1000.0
                             << " ms: loss " << report.finalLoss << ", training accuracy " << report.trainAccuracy;
    return model;
}

} // namespace

DemoServer::DemoServer(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_labelTimer(this)
{
    if (!m_options.clockMs)
        m_options.clockMs = [] { return QDateTime::currentMSecsSinceEpoch(); };
    m_metrics = std::make_unique<DemoMetrics>(m_options.modelName, "/models/" + m_options.modelName + "/1");
    m_faults = new FaultInjector(m_options.seed, this);
    for (Fault fault : FaultInjector::kAll)
        m_metrics->setFaultActive(FaultInjector::name(fault), false);
    connect(m_faults, &FaultInjector::faultChanged, this, [this](Fault fault, bool active) {
        m_metrics->setFaultActive(FaultInjector::name(fault), active);
    });

    m_feed = std::make_unique<PredictionFeed>(m_options.labelDelayMs);
    m_feed->setOnLabeled([this](const LabeledPrediction &p) { m_metrics->recordLabeled(p.predicted, p.actual, p.score); });

    m_service = std::make_unique<PredictionService>(trainModel(m_options, *m_metrics), m_options.modelName, *m_faults,
                                                    *m_metrics);
    // Its own seed stream: the load does not replay the training samples.
    m_load = new LoadGenerator(*m_service, *m_feed, *m_faults, m_options.seed + 1, m_options.clockMs, this);
    m_http = new DemoHttpServer({*m_service, *m_feed, *m_faults, [this] { return metricsText(); }}, this);

    connect(&m_labelTimer, &QTimer::timeout, this, &DemoServer::releaseLabels);
}

DemoServer::~DemoServer()
{
    // The HTTP server and the load refer to the members below: they go first.
    delete m_http;
    delete m_load;
}

bool DemoServer::start(QString *error)
{
    m_port = m_http->listen(m_options.host, m_options.port);
    if (m_port == 0) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2").arg(m_options.host.toString()).arg(m_options.port);
        return false;
    }
    if (m_options.labelPollMs > 0)
        m_labelTimer.start(m_options.labelPollMs);
    m_load->setRate(m_options.rate);
    qCInfo(lcDemo) << "serving" << url().toString() << "at" << m_options.rate << "requests/s, labels after"
                   << m_options.labelDelayMs << "ms";
    return true;
}

QUrl DemoServer::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(m_options.host.toString());
    u.setPort(m_port);
    return u;
}

void DemoServer::releaseLabels()
{
    m_feed->releaseDue(m_options.clockMs());
}

std::string DemoServer::metricsText()
{
    m_metrics->setLabelsPending(m_feed->pending());
    m_metrics->setBallastBytes(m_faults->ballastBytes());
    return m_metrics->serialize();
}

} // namespace mw::demo
