#include "SourceOptions.h"

#include "CliArgs.h"
#include "QuerySources.h"

#include <QCommandLineParser>

#include <chrono>
#include <cstdio>
#include <utility>

namespace mw::cli {

SourceOptions::SourceOptions(QString command, const Help &help)
    : m_command(std::move(command))
    , m_prometheus(QStringLiteral("prometheus"), help.prometheus, QStringLiteral("URL"))
    , m_scrape(QStringLiteral("scrape"), help.scrape, QStringLiteral("URL"))
    , m_duration(QStringLiteral("duration"), QStringLiteral("How long to scrape (with --scrape)."), QStringLiteral("D"))
    , m_interval(QStringLiteral("interval"), QStringLiteral("Scrape interval (default 1s)."), QStringLiteral("D"))
    , m_load(QStringLiteral("load"), help.load, QStringLiteral("FILE"))
    , m_time(QStringLiteral("time"), help.time, QStringLiteral("T"))
{
}

void SourceOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_prometheus, m_scrape, m_duration, m_interval, m_load, m_time});
}

bool SourceOptions::checkOneSource(const QCommandLineParser &parser, QString &error) const
{
    if (int(parser.isSet(m_prometheus)) + int(parser.isSet(m_scrape)) + int(parser.isSet(m_load)) == 1)
        return true;
    error = QStringLiteral("give exactly one of --prometheus, --scrape or --load");
    return false;
}

bool SourceOptions::readTime(const QCommandLineParser &parser, std::optional<int64_t> &timeMs, QString &error) const
{
    if (!parser.isSet(m_time))
        return true;
    timeMs = parseTimeArg(parser.value(m_time), error);
    return timeMs.has_value();
}

bool SourceOptions::hasTime(const QCommandLineParser &parser) const
{
    return parser.isSet(m_time);
}

bool SourceOptions::isRemote(const QCommandLineParser &parser) const
{
    return parser.isSet(m_prometheus);
}

QString SourceOptions::prometheusUrl(const QCommandLineParser &parser) const
{
    return parser.value(m_prometheus);
}

int SourceOptions::loadLocal(const QCommandLineParser &parser, SeriesStore &store, int64_t &newestMs,
                             QString &usage) const
{
    QString error;
    if (parser.isSet(m_load)) {
        if (!loadTimestampedFile(parser.value(m_load), store, newestMs, error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }
    if (!parser.isSet(m_duration)) {
        usage = QStringLiteral("--scrape needs --duration");
        return 2;
    }
    const std::optional<int64_t> duration = parseDurationArg(parser.value(m_duration), error);
    std::optional<int64_t> interval = int64_t{1000};
    if (!duration || (parser.isSet(m_interval) && !(interval = parseDurationArg(parser.value(m_interval), error)))) {
        usage = error;
        return 2;
    }
    newestMs = 0;
    if (!scrapeIntoStore(parser.values(m_scrape), std::chrono::milliseconds(*interval),
                         std::chrono::milliseconds(*duration), store, newestMs, error)) {
        std::fprintf(stderr, "modelwatch-cli %s: %s\n", qPrintable(m_command), qPrintable(error));
        return 2;
    }
    return 0;
}

} // namespace mw::cli
