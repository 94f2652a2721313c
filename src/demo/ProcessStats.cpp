#include "ProcessStats.h"

#include <QDir>
#include <QFile>

#include <unistd.h>

namespace mw::demo {

namespace {

QByteArray readProcFile(const char *path)
{
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // /proc files report size 0: read until EOF, not size() bytes.
    return file.readAll();
}

double bootTimeSeconds()
{
    const QByteArray stat = readProcFile("/proc/stat");
    for (const QByteArray &line : stat.split('\n')) {
        if (line.startsWith("btime "))
            return line.mid(6).trimmed().toDouble();
    }
    return 0.0;
}

} // namespace

std::optional<ProcessStats> ProcessStats::read()
{
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    const long ticks = ::sysconf(_SC_CLK_TCK);
    if (pageSize <= 0 || ticks <= 0)
        return std::nullopt;

    ProcessStats stats;
    const QList<QByteArray> statm = readProcFile("/proc/self/statm").split(' ');
    if (statm.size() < 2)
        return std::nullopt;
    stats.virtualBytes = statm[0].toDouble() * static_cast<double>(pageSize);
    stats.residentBytes = statm[1].toDouble() * static_cast<double>(pageSize);

    // /proc/self/stat: the command name (field 2) may hold spaces and
    // parentheses, so fields are counted from the last ')'.
    const QByteArray stat = readProcFile("/proc/self/stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // fields[0] is field 3 (state): utime = field 14, stime = 15, starttime = 22.
    if (fields.size() < 20)
        return std::nullopt;
    const double hz = static_cast<double>(ticks);
    stats.cpuSeconds = (fields[11].toDouble() + fields[12].toDouble()) / hz;
    stats.startTimeSeconds = bootTimeSeconds() + fields[19].toDouble() / hz;

    stats.openFds = static_cast<double>(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot).size());
    return stats;
}

} // namespace mw::demo
