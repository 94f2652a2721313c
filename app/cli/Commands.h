#pragma once

#include <QStringList>

/// Subcommands of modelwatch-cli. Each takes its own arguments (without the
/// program and subcommand names) and returns the process exit code:
/// 0 success, 1 the input was invalid / the target failed, 2 usage or I/O error.
namespace mw::cli {

int runParse(const QStringList &args);
int runScrape(const QStringList &args);
int runDetect(const QStringList &args);
int runQuery(const QStringList &args);
int runDashboard(const QStringList &args);
int runRules(const QStringList &args);
int runQuality(const QStringList &args);
/// Takes the whole command line (it creates its own QApplication, offscreen
/// unless QT_QPA_PLATFORM says otherwise): 0 written, 1 runtime error, 2 usage.
int runRender(int &argc, char **argv);

} // namespace mw::cli
