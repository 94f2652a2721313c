#pragma once

#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace mw::demo {

class DemoHttpServer;
class DemoMetrics;
class FaultInjector;
class LoadGenerator;
class PredictionFeed;
class PredictionService;

/// The whole demo model server in one object: trains the model, then serves
/// it over HTTP with metrics, a labeled-prediction feed and fault injection,
/// and drives its own load. Started by modelwatch-demo-server and, in-process,
/// by `modelwatch --demo`. Lives on the thread that creates it (all its parts
/// are driven by that thread's event loop).
class DemoServer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QHostAddress host = QHostAddress::LocalHost;
        quint16 port = 8501;         ///< 0: any free port (see port())
        double rate = 20.0;          ///< load generator requests per second; 0: none
        uint64_t seed = 42;          ///< training data, load, faults
        int64_t labelDelayMs = 5000; ///< how long until a prediction's true label is known
        std::string modelName = "demo";
        int trainingSamples = 2000;
        /// Milliseconds since the epoch; a test passes its own to step time.
        std::function<int64_t()> clockMs;
        /// How often due labels are released; 0: never by timer (a test calls releaseLabels()).
        int labelPollMs = 100;
    };

    /// The model is trained here (a few milliseconds), so every part exists
    /// before start().
    explicit DemoServer(Options options, QObject *parent = nullptr);
    ~DemoServer() override;

    /// Starts listening, the load and the label clock; false with `error`
    /// set when the address cannot be bound.
    bool start(QString *error = nullptr);

    quint16 port() const { return m_port; }
    /// http://HOST:PORT
    QUrl url() const;
    const Options &options() const { return m_options; }

    FaultInjector &faults() { return *m_faults; }
    LoadGenerator &loadGenerator() { return *m_load; }
    PredictionFeed &feed() { return *m_feed; }
    PredictionService &service() { return *m_service; }
    DemoMetrics &metrics() { return *m_metrics; }

    /// Labels what is due now (the label timer calls this too).
    void releaseLabels();
    /// The metrics exposition, as the endpoint serves it.
    std::string metricsText();

private:
    Options m_options;
    std::unique_ptr<DemoMetrics> m_metrics;
    FaultInjector *m_faults = nullptr; ///< QObject child
    std::unique_ptr<PredictionFeed> m_feed;
    std::unique_ptr<PredictionService> m_service;
    LoadGenerator *m_load = nullptr;  ///< QObject child
    DemoHttpServer *m_http = nullptr; ///< QObject child
    QTimer m_labelTimer;
    quint16 m_port = 0;
};

} // namespace mw::demo
