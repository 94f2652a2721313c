#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace mw::cli {

/// Reads a rule file (at most 1 MiB, the importer's limit, plus one byte so
/// that a larger file is refused by it). False with `error` set.
bool readRuleFile(const QString &path, std::string &text, QString &error);

/// A rule value for people: Go's %v of a float64 (as `{{ $value }}` prints it).
std::string formatRuleValue(double v);

/// `modelwatch-cli rules eval`: evaluates every alerting rule of a rule file
/// once at T (or N times at S intervals ending at T, with --steps/--step, so
/// that `for:` can be seen going from pending to firing) on a Prometheus
/// server (--prometheus) or locally on scraped (--scrape) or loaded (--load)
/// data, through the alert engine itself. Prints each rule's alerts and
/// states (and the engine's events with --steps), JSON with --json.
/// Exit status 0 evaluated, 1 invalid rule file or a rule's query failed, 2 usage.
int runRulesEval(const QStringList &args);

} // namespace mw::cli
