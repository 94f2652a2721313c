#pragma once

// Running a program as a user would, for the tests of modelwatch-cli (each
// test target gets the CLI's path as MW_CLI_PATH): arguments, optional
// standard input, then its exit code and both output channels. This thread's
// event loop keeps turning while the program runs, so a server living on it
// (TestHttpServer, an in-process demo server) can answer the program.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

#include <optional>

namespace mw::test {

/// How a run went.
struct CliRun
{
    int exitCode = -1; ///< -1: did not start, or did not finish in time (then killed); -2: crashed
    QByteArray out;
    QByteArray err;
};

/// How long a run may take.
struct CliLimits
{
    int startMs = 10'000;  ///< until the program has started
    int finishMs = 60'000; ///< from the start until it has exited (else it is killed)
};

/// Runs `program args`, writing `stdinData` (unless null) to its standard
/// input before closing it, to the program's end or the end of `limits`.
inline CliRun runCli(const QString &program, const QStringList &args, const QByteArray &stdinData = {},
                     CliLimits limits = {})
{
    const QDeadlineTimer deadline(limits.finishMs);
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, args);
    if (!process.waitForStarted(limits.startMs))
        return {};
    if (!stdinData.isNull())
        process.write(stdinData);
    process.closeWriteChannel();
    if (finished.isEmpty() && !finished.wait(int(deadline.remainingTime()))) {
        process.kill();
        process.waitForFinished(5'000);
        return {};
    }
    const int exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    return {exitCode, process.readAllStandardOutput(), process.readAllStandardError()};
}

/// `run`, or nullopt when the program did not exit on its own in time.
inline std::optional<CliRun> exited(const CliRun &run)
{
    if (run.exitCode < 0)
        return std::nullopt;
    return run;
}

} // namespace mw::test
