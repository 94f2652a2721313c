#include "QuerySources.h"

#include "exposition/ExpositionParser.h"
#include "exposition/Gzip.h"
#include "scrape/ScrapeTarget.h"
#include "store/SeriesStore.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

namespace mw::cli {

bool loadTimestampedFile(const QString &path, SeriesStore &store, int64_t &newestMs, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    constexpr qint64 kMaxLoad = qint64{1} << 30;
    const QByteArray raw = file.read(kMaxLoad + 1);
    std::string_view payload(raw.constData(), static_cast<std::size_t>(raw.size()));
    std::string inflated;
    if (expo::looksGzipped(payload)) {
        std::string message;
        if (!expo::gunzip(payload, kMaxLoad, inflated, message)) {
            error = path + u": " + QString::fromStdString(message);
            return false;
        }
        payload = inflated;
    }
    expo::ParseOptions options;
    options.maxBytes = kMaxLoad;
    options.maxSamples = 200'000'000;
    const expo::ParseResult parsed = expo::parse(payload, expo::guessFormat(payload), options);
    if (!parsed.ok()) {
        error = path + u':' + QString::fromStdString(parsed.error->toString());
        return false;
    }
    newestMs = 0;
    for (const expo::Sample &s : parsed.samples) {
        if (!s.hasTimestamp) {
            error = QStringLiteral("%1:%2: sample without a timestamp (--load needs timestamped samples, as "
                                   "promtool's backfill does)")
                        .arg(path)
                        .arg(s.line);
            return false;
        }
        newestMs = std::max(newestMs, s.timestampMs);
    }
    const AppendReport report = store.appendScrape(1, newestMs, parsed);
    if (report.outOfOrder || report.duplicates) {
        error = QStringLiteral("%1: %2 samples out of order and %3 duplicate timestamps")
                    .arg(path)
                    .arg(report.outOfOrder)
                    .arg(report.duplicates);
        return false;
    }
    return true;
}

bool scrapeIntoStore(const QStringList &urls, std::chrono::milliseconds interval, std::chrono::milliseconds duration,
                     SeriesStore &store, int64_t &lastMs, QString &error)
{
    std::vector<std::unique_ptr<ScrapeTarget>> targets;
    TargetId id = 1;
    for (const QString &u : urls) {
        const QUrl url(u, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")) {
            error = QStringLiteral("'%1' is not an http:// or https:// URL").arg(u);
            return false;
        }
        ScrapeTargetConfig config;
        config.url = url;
        config.interval = interval;
        config.timeout = interval;
        targets.push_back(std::make_unique<ScrapeTarget>(store, id++, config));
    }
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    for (auto &t : targets) {
        QObject::connect(t.get(), &ScrapeTarget::scraped, t.get(), [&, target = t.get()](const ScrapeReport &r) {
            if (!r.up)
                std::fprintf(stderr, "%s: %s\n", qPrintable(target->config().url.toString()),
                             qPrintable(r.errorMessage));
        });
        t->start();
    }
    loop.exec();
    // Let scrapes in flight finish (bounded by their timeout) so the last one counts.
    for (auto &t : targets) {
        t->stop();
        lastMs = std::max(lastMs, t->lastReport().timeMs);
    }
    return true;
}

} // namespace mw::cli
