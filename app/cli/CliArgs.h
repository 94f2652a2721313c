#pragma once

#include <QString>

#include <cstdint>
#include <optional>

class QCommandLineParser;

namespace mw::cli {

/// A time argument: Unix seconds (`1700000000`, `1700000000.5`) or RFC 3339
/// (`2026-11-25T07:00:00Z`). Milliseconds since the epoch, or nullopt with
/// `error` set.
std::optional<int64_t> parseTimeArg(const QString &text, QString &error);

/// A duration: Prometheus' syntax (`500ms`, `15s`, `1m30s`, `2h`, `1d`, `1w`,
/// `1y`) or plain seconds (`15`, `0.5`). Milliseconds (> 0), or nullopt with
/// `error` set.
std::optional<int64_t> parseDurationArg(const QString &text, QString &error);

/// A subcommand's --help on stdout: its `usage` line(s), then the options
/// `parser` describes (without Qt's own usage line, which names the
/// executable's path).
void printCommandHelp(const QCommandLineParser &parser, const char *usage);

} // namespace mw::cli
