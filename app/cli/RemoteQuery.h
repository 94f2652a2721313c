#pragma once

#include "promql/EngineValue.h"

#include <QCommandLineOption>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>

class QCommandLineParser;

namespace mw {
struct PromResponse;
struct PrometheusConnection;
}

namespace mw::cli {

/// The connection options of a Prometheus-compatible source on the command
/// line: --header, --basic-auth-user, --password-ref, --bearer-token-ref,
/// --ca-file, --cert-file, --key-file, --insecure-skip-verify. Secrets are
/// references (env:VAR or keyring:service/key), never the secret itself, so
/// they do not land in shell history.
class RemoteOptions
{
public:
    RemoteOptions();
    void addTo(QCommandLineParser &parser) const;
    /// The connection for `url` with the options given; nullopt with `error`
    /// set when one is invalid.
    std::optional<PrometheusConnection> connection(const QCommandLineParser &parser, const QString &url,
                                                   QString &error) const;

private:
    QCommandLineOption m_header;
    QCommandLineOption m_user;
    QCommandLineOption m_password;
    QCommandLineOption m_bearer;
    QCommandLineOption m_ca;
    QCommandLineOption m_cert;
    QCommandLineOption m_key;
    QCommandLineOption m_insecure;
};

/// A Prometheus API query response as the local engine's result type, so one
/// printer serves both kinds of source. Errors become QueryResult::error:
/// Prometheus' own `errorType: error` verbatim, or the transport's sentence.
promql::QueryResult toQueryResult(const PromResponse &response);

/// Runs EXPR against a Prometheus-compatible server: an instant query at
/// `timeMs` (the server's now when empty) or a range query. Prints like the
/// local path; returns the CLI's exit status (0, 1 failed query or target).
int runRemoteQuery(const PrometheusConnection &connection, const std::string &expr, std::optional<int64_t> timeMs,
                   std::optional<int64_t> startMs, std::optional<int64_t> endMs, std::optional<int64_t> stepMs,
                   bool json);

} // namespace mw::cli
