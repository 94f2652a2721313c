#pragma once

#include "promql/EngineValue.h"

#include <QCommandLineOption>
#include <QString>
#include <QUrl>

#include <cstdint>
#include <optional>
#include <string>

class QCommandLineParser;

namespace mw {
struct HttpAuth;
struct PromResponse;
struct PrometheusConnection;
}

namespace mw::cli {

/// The connection options of a server on the command line (a Prometheus-
/// compatible source, a scraped target): --header, --basic-auth-user,
/// --password-ref, --bearer-token-ref, --ca-file, --cert-file, --key-file,
/// --insecure-skip-verify. Secrets are references (env:VAR or
/// keyring:service/key), never the secret itself, so they do not land in
/// shell history.
class RemoteOptions
{
public:
    /// `target` names what the options are for in the help ("--prometheus").
    explicit RemoteOptions(const QString &target = QStringLiteral("--prometheus"));
    void addTo(QCommandLineParser &parser) const;
    /// The connection for `url` with the options given; nullopt with `error`
    /// set when one is invalid.
    std::optional<PrometheusConnection> connection(const QCommandLineParser &parser, const QString &url,
                                                   QString &error) const;
    /// The options given as HttpAuth for requests to `url`; nullopt with
    /// `error` set when one is invalid (HttpAuth::validateFor).
    std::optional<HttpAuth> auth(const QCommandLineParser &parser, const QUrl &url, QString &error) const;

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
