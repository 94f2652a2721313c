#include "QualityFeedInput.h"

#include "feeds/FeedLineBuffer.h"
#include "feeds/FeedPoller.h"
#include "quality/FeedParser.h"

#include <QEventLoop>
#include <QFile>

#include <algorithm>
#include <cstdio>

namespace mw::cli {

bool isFeedUrl(const QString &feed)
{
    return feed.startsWith(u"http://", Qt::CaseInsensitive) || feed.startsWith(u"https://", Qt::CaseInsensitive);
}

namespace {

FeedInput readUrl(const QString &feed, const FeedInputOptions &options)
{
    FeedInput in;
    feeds::FeedPollOptions o;
    o.url = QUrl(feed, QUrl::StrictMode);
    o.limit = options.limit;
    o.timeout = options.timeout;
    o.format = options.format;
    o.backoff.maxRetries = 2;
    feeds::FeedPoller poller(o);
    QEventLoop loop;
    QObject::connect(&poller, &feeds::FeedPoller::batchReady, &loop,
                     [&in](const quality::FeedBatch &b) { feeds::appendBatch(in.batch, quality::FeedBatch(b)); });
    QObject::connect(&poller, &feeds::FeedPoller::caughtUp, &loop, &QEventLoop::quit);
    QObject::connect(&poller, &feeds::FeedPoller::failed, &loop,
                     [&in, &loop](const feeds::FeedPollError &e, bool givingUp) {
                         if (!givingUp)
                             return;
                         in.error = e.message;
                         in.exitCode = e.kind == feeds::FeedPollErrorKind::InvalidUrl ? 2 : 1;
                         loop.quit();
                     });
    poller.drain();
    if (poller.isActive())
        loop.exec();
    return in;
}

} // namespace

FeedInput readFeedOnce(const QString &feed, const FeedInputOptions &options)
{
    if (isFeedUrl(feed))
        return readUrl(feed, options);
    FeedInput in;
    QFile f;
    const bool opened = feed == u"-" ? f.open(stdin, QIODevice::ReadOnly) : (f.setFileName(feed), f.open(QIODevice::ReadOnly));
    if (!opened) {
        in.error = u"cannot open: " + f.errorString();
        in.exitCode = 2;
        return in;
    }
    const quality::FeedOptions parse;
    // A pipe hands its bytes over in pieces: read until end of file (or just
    // past the cap, which the parser then refuses whole).
    const qint64 cap = static_cast<qint64>(parse.maxBytes) + 1;
    QByteArray bytes;
    while (bytes.size() < cap) {
        const QByteArray chunk = f.read(std::min<qint64>(cap - bytes.size(), qint64{1} << 20));
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    if (f.error() != QFileDevice::NoError) {
        in.error = u"cannot read: " + f.errorString();
        in.exitCode = 2;
        return in;
    }
    in.batch = quality::parseFeed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                                  options.format, parse);
    return in;
}

} // namespace mw::cli
