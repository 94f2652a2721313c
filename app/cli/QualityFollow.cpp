// modelwatch-cli quality --follow: a FeedTailer (file) or FeedPoller (URL)
// feeds one QualityPipeline; a report is printed every interval until
// SIGINT or SIGTERM.

#include "QualityFeedInput.h"
#include "QualityPrinter.h"
#include "QualitySetup.h"

#include "feeds/FeedPoller.h"
#include "feeds/FeedTailer.h"
#include "quality/QualityPipeline.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>

namespace mw::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onSignal(int)
{
    g_interrupted.store(true);
}

} // namespace

int runQualityFollow(const QualitySetup &setup)
{
    std::unique_ptr<quality::QualityPipeline> pipeline;
    quality::FeedBatch errors; // the latest batch's parse errors
    quality::FeedFormat format = setup.format;
    int exitCode = 0;
    bool usage = false;

    auto ingest = [&](const quality::FeedBatch &batch) {
        if (!pipeline) {
            QString error;
            const auto window = windowFor(setup, batch, error);
            if (!window) {
                std::fprintf(stderr, "modelwatch-cli quality: %s\n", qPrintable(error));
                usage = true;
                QCoreApplication::exit(2);
                return;
            }
            pipeline = std::make_unique<quality::QualityPipeline>(setup.join, *window);
        }
        if (format == quality::FeedFormat::Auto)
            format = batch.format;
        printFeedErrors(setup.feed, batch);
        if (batch.rejectedLines > 0)
            exitCode = 1;
        pipeline->ingest(batch);
    };
    auto report = [&] {
        if (!pipeline)
            return;
        QualityContext ctx{setup.feed, format, setup.join.joinWindowMs, nullptr};
        if (setup.json)
            std::fputs((qualityJson(ctx, *pipeline).dump() + '\n').c_str(), stdout);
        else {
            printQualityText(ctx, *pipeline, stdout);
            std::fputs("\n", stdout);
        }
        std::fflush(stdout);
    };

    std::unique_ptr<feeds::FeedTailer> tailer;
    std::unique_ptr<feeds::FeedPoller> poller;
    if (isFeedUrl(setup.feed)) {
        feeds::FeedPollOptions o;
        o.url = QUrl(setup.feed, QUrl::StrictMode);
        o.limit = setup.limit;
        o.format = setup.format;
        o.interval = std::min(setup.interval, std::chrono::milliseconds(1000));
        poller = std::make_unique<feeds::FeedPoller>(o);
        QObject::connect(poller.get(), &feeds::FeedPoller::batchReady, poller.get(), ingest);
        QObject::connect(poller.get(), &feeds::FeedPoller::failed, poller.get(),
                         [&](const feeds::FeedPollError &e, bool givingUp) {
                             std::fprintf(stderr, "%s: %s%s\n", qPrintable(setup.feed), qPrintable(e.message),
                                          givingUp ? "" : " (retrying)");
                             if (givingUp)
                                 QCoreApplication::exit(1);
                         });
        poller->start();
    } else {
        feeds::FeedTailOptions o;
        o.path = setup.feed;
        o.format = setup.format;
        o.pollInterval = std::min(setup.interval, std::chrono::milliseconds(1000));
        tailer = std::make_unique<feeds::FeedTailer>(o);
        QObject::connect(tailer.get(), &feeds::FeedTailer::batchReady, tailer.get(), ingest);
        tailer->start();
    }

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    QTimer printTimer;
    QObject::connect(&printTimer, &QTimer::timeout, report);
    printTimer.start(setup.interval);
    QTimer signalTimer;
    QObject::connect(&signalTimer, &QTimer::timeout, [] {
        if (g_interrupted.load())
            QCoreApplication::exit(0);
    });
    signalTimer.start(100);
    const int loopCode = QCoreApplication::exec();
    if (usage)
        return 2;
    if (loopCode != 0)
        return loopCode;
    report();
    return exitCode;
}

} // namespace mw::cli
