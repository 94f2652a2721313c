#pragma once

#include <QCommandLineOption>
#include <QString>

#include <cstdint>
#include <optional>

class QCommandLineParser;

namespace mw {
class SeriesStore;
}

namespace mw::cli {

/// Where a command's data comes from on the command line: --prometheus URL,
/// --scrape URL... with --duration (and --interval), or --load FILE; and the
/// evaluation time --time. Declared and read here for every command that takes
/// them (`query`, `rules eval`); the help texts that name what the command
/// does with the data are the command's.
class SourceOptions
{
public:
    /// The help texts that differ between commands.
    struct Help
    {
        QString prometheus;
        QString scrape;
        QString load;
        QString time;
    };

    /// `command` names the command in messages ("query": "modelwatch-cli query: ...").
    SourceOptions(QString command, const Help &help);
    void addTo(QCommandLineParser &parser) const;

    /// False with `error` set unless exactly one of --prometheus, --scrape and --load is given.
    bool checkOneSource(const QCommandLineParser &parser, QString &error) const;
    /// --time in milliseconds, left empty when not given; false with `error` set when invalid.
    bool readTime(const QCommandLineParser &parser, std::optional<int64_t> &timeMs, QString &error) const;
    bool hasTime(const QCommandLineParser &parser) const;

    /// Whether the source is a server (--prometheus), and its URL as given.
    bool isRemote(const QCommandLineParser &parser) const;
    QString prometheusUrl(const QCommandLineParser &parser) const;

    /// Fills `store` from --load, or by scraping --scrape's URLs every
    /// --interval (1 s) for --duration; `newestMs` gets the newest sample's
    /// time (0 before a scrape). Returns 0 when done; 2 with `usage` set for
    /// a usage error (the caller prints it with its usage line); otherwise
    /// prints the failure on stderr and returns the exit status (1 the file
    /// does not load, 2 the scrape cannot start), `usage` left empty.
    int loadLocal(const QCommandLineParser &parser, SeriesStore &store, int64_t &newestMs, QString &usage) const;

private:
    QString m_command;
    QCommandLineOption m_prometheus;
    QCommandLineOption m_scrape;
    QCommandLineOption m_duration;
    QCommandLineOption m_interval;
    QCommandLineOption m_load;
    QCommandLineOption m_time;
};

} // namespace mw::cli
