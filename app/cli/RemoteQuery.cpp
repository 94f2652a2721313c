#include "RemoteQuery.h"
#include "QueryPrinter.h"

#include "prometheus/PrometheusClient.h"

#include <QCommandLineParser>

#include <cstdio>

namespace mw::cli {

RemoteOptions::RemoteOptions(const QString &target)
    : m_header(QStringLiteral("header"), QStringLiteral("Extra HTTP header for %1 (repeatable), e.g. 'X-Scope-OrgID: team-a'.").arg(target), QStringLiteral("NAME: VALUE"))
    , m_user(QStringLiteral("basic-auth-user"), QStringLiteral("Basic auth user for %1.").arg(target), QStringLiteral("USER"))
    , m_password(QStringLiteral("password-ref"), QStringLiteral("Where the basic auth password is: env:VAR or keyring:SERVICE/KEY."), QStringLiteral("REF"))
    , m_bearer(QStringLiteral("bearer-token-ref"), QStringLiteral("Where the bearer token is: env:VAR or keyring:SERVICE/KEY."), QStringLiteral("REF"))
    , m_ca(QStringLiteral("ca-file"), QStringLiteral("PEM CA bundle to verify the server with."), QStringLiteral("FILE"))
    , m_cert(QStringLiteral("cert-file"), QStringLiteral("PEM client certificate (mutual TLS)."), QStringLiteral("FILE"))
    , m_key(QStringLiteral("key-file"), QStringLiteral("PEM private key of the client certificate."), QStringLiteral("FILE"))
    , m_insecure(QStringLiteral("insecure-skip-verify"), QStringLiteral("Accept any server certificate (not recommended)."))
{
}

void RemoteOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_header, m_user, m_password, m_bearer, m_ca, m_cert, m_key, m_insecure});
}

std::optional<PrometheusConnection> RemoteOptions::connection(const QCommandLineParser &parser, const QString &url,
                                                              QString &error) const
{
    PrometheusConnection c;
    c.baseUrl = QUrl(url, QUrl::StrictMode);
    const std::optional<HttpAuth> a = auth(parser, c.baseUrl, error);
    if (!a)
        return std::nullopt;
    static_cast<HttpAuth &>(c) = *a;
    error = c.validate();
    if (!error.isEmpty())
        return std::nullopt;
    return c;
}

std::optional<HttpAuth> RemoteOptions::auth(const QCommandLineParser &parser, const QUrl &url, QString &error) const
{
    HttpAuth c;
    c.basicAuthUser = parser.value(m_user);
    for (const auto &[option, ref] : {std::pair{&m_password, &c.basicAuthPassword}, std::pair{&m_bearer, &c.bearerToken}}) {
        if (!parser.isSet(*option))
            continue;
        const std::optional<SecretRef> parsed = SecretRef::parse(parser.value(*option), &error);
        if (!parsed) {
            error = u"--" + option->names().constFirst() + u": " + error;
            return std::nullopt;
        }
        *ref = *parsed;
    }
    for (const QString &h : parser.values(m_header)) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0) {
            error = QStringLiteral("--header '%1': expected 'NAME: VALUE'").arg(h);
            return std::nullopt;
        }
        c.headers.append({h.left(colon).trimmed().toUtf8(), h.mid(colon + 1).trimmed().toUtf8()});
    }
    c.caFile = parser.value(m_ca);
    c.clientCertFile = parser.value(m_cert);
    c.clientKeyFile = parser.value(m_key);
    c.insecureSkipVerify = parser.isSet(m_insecure);
    error = c.validateFor(url);
    if (!error.isEmpty())
        return std::nullopt;
    return c;
}

namespace {

Labels toLabels(const PromLabels &labels)
{
    Labels out;
    for (const auto &[name, value] : labels)
        out.set(name, value);
    return out;
}

} // namespace

promql::QueryResult toQueryResult(const PromResponse &response)
{
    promql::QueryResult out;
    for (const QStringList *list : {&response.warnings, &response.infos, &response.decodeWarnings})
        for (const QString &w : *list)
            out.warnings.push_back(w.toStdString());
    if (!response.ok()) {
        const PromError &e = response.error;
        out.error = e.errorType.isEmpty() ? e.message.toStdString() : QString(e.errorType + u": " + e.message).toStdString();
        return out;
    }
    const PromQueryData *data = response.get<PromQueryData>();
    if (!data) {
        out.error = "the server's answer is not a query result";
        return out;
    }
    switch (data->type) {
    case PromResultType::Scalar:
        out.value = promql::ScalarValue{data->scalar.v, data->scalar.t};
        break;
    case PromResultType::String:
        out.value = promql::StringValue{data->string, data->stringTime};
        break;
    case PromResultType::Vector: {
        promql::Vector v;
        for (const PromSeries &s : data->series)
            if (!s.points.empty())
                v.push_back({toLabels(s.labels), s.points.front().v, s.points.front().t});
        out.value = std::move(v);
        break;
    }
    case PromResultType::Matrix: {
        promql::Matrix m;
        for (const PromSeries &s : data->series)
            m.push_back({toLabels(s.labels), s.points});
        out.value = std::move(m);
        break;
    }
    }
    return out;
}

int runRemoteQuery(const PrometheusConnection &connection, const std::string &expr, std::optional<int64_t> timeMs,
                   std::optional<int64_t> startMs, std::optional<int64_t> endMs, std::optional<int64_t> stepMs,
                   bool json)
{
    PrometheusClient client;
    client.setConnection(connection);
    const QString query = QString::fromStdString(expr);
    const quint64 id = startMs ? client.queryRange(query, *startMs, *endMs, *stepMs) : client.query(query, timeMs);
    const PromResponse response = client.waitFor(id);
    const promql::QueryResult result = toQueryResult(response);
    if (json)
        printQueryJson(result, stdout);
    if (!result.ok()) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(connection.baseUrl.toString()), result.error.c_str());
        return 1;
    }
    if (!json)
        printQueryText(result, stdout);
    return std::fflush(stdout) == 0 ? 0 : 2;
}

} // namespace mw::cli
