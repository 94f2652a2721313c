#include "PromRequestBuilder.h"

#include "PromApi.h"

namespace mw {

namespace {

QString timeParam(int64_t ms)
{
    return QString::fromLatin1(PromApi::formatTime(ms));
}

void addEvalTimeout(PromRequest &r, PromRequestBuilder::Eval evalTimeout)
{
    if (evalTimeout)
        r.params.append({"timeout", QString::fromLatin1(PromApi::formatDuration(evalTimeout->count()))});
}

} // namespace

PromRequest PromRequestBuilder::query(const QString &expr, std::optional<int64_t> timeMs, Eval evalTimeout)
{
    PromRequest r{"POST", QStringLiteral("/api/v1/query"), {{"query", expr}}, PromDataKind::Query, {}};
    if (timeMs)
        r.params.append({"time", timeParam(*timeMs)});
    addEvalTimeout(r, evalTimeout);
    if (expr.trimmed().isEmpty())
        r.invalid = QStringLiteral("invalid query: the expression is empty");
    return r;
}

PromRequest PromRequestBuilder::queryRange(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs,
                                           Eval evalTimeout)
{
    PromRequest r{"POST",
                  QStringLiteral("/api/v1/query_range"),
                  {{"query", expr},
                   {"start", timeParam(startMs)},
                   {"end", timeParam(endMs)},
                   {"step", QString::fromLatin1(PromApi::formatDuration(stepMs))}},
                  PromDataKind::Query,
                  {}};
    addEvalTimeout(r, evalTimeout);
    if (expr.trimmed().isEmpty())
        r.invalid = QStringLiteral("invalid range query: the expression is empty");
    else if (endMs < startMs)
        r.invalid = QStringLiteral("invalid range query: the range ends before it starts");
    else if (stepMs <= 0)
        r.invalid = QStringLiteral("invalid range query: the step must be positive");
    else if (PromApi::pointCount(startMs, endMs, stepMs) > PromApi::kMaxPointsPerSeries + 1)
        r.invalid = u"invalid range query: step " + QString::number(stepMs)
            + u" ms gives more than Prometheus' limit of 11,000 points per series";
    return r;
}

PromRequest PromRequestBuilder::series(const QStringList &matchers, std::optional<int64_t> startMs,
                                       std::optional<int64_t> endMs)
{
    PromRequest r{"POST", QStringLiteral("/api/v1/series"), {}, PromDataKind::Series, {}};
    for (const QString &m : matchers)
        r.params.append({"match[]", m});
    if (startMs)
        r.params.append({"start", timeParam(*startMs)});
    if (endMs)
        r.params.append({"end", timeParam(*endMs)});
    if (matchers.isEmpty())
        r.invalid = QStringLiteral("a series request needs at least one match[] selector");
    return r;
}

PromRequest PromRequestBuilder::labels()
{
    return {"GET", QStringLiteral("/api/v1/labels"), {}, PromDataKind::StringList, {}};
}

PromRequest PromRequestBuilder::labelValues(const QString &labelName)
{
    const QString path = u"/api/v1/label/" + QString::fromLatin1(PromApi::escapeLabelName(labelName)) + u"/values";
    PromRequest r{"GET", path, {}, PromDataKind::StringList, {}};
    if (labelName.isEmpty())
        r.invalid = QStringLiteral("label values need a label name");
    return r;
}

PromRequest PromRequestBuilder::metadata(const QString &metric)
{
    PromRequest r{"GET", QStringLiteral("/api/v1/metadata"), {}, PromDataKind::Metadata, {}};
    if (!metric.isEmpty())
        r.params.append({"metric", metric});
    return r;
}

PromRequest PromRequestBuilder::alerts()
{
    return {"GET", QStringLiteral("/api/v1/alerts"), {}, PromDataKind::Alerts, {}};
}

PromRequest PromRequestBuilder::rules()
{
    return {"GET", QStringLiteral("/api/v1/rules"), {}, PromDataKind::Rules, {}};
}

PromRequest PromRequestBuilder::healthy()
{
    return {"GET", QStringLiteral("/-/healthy"), {}, std::nullopt, {}};
}

QNetworkRequest PromRequestBuilder::networkRequest(const PromRequest &rq, const PrometheusConnection &connection,
                                                   const HttpCredentials &credentials, QByteArray &body)
{
    QUrl url = connection.endpoint(rq.apiPath);
    const QByteArray form = PromApi::formEncode(rq.params);
    body.clear();
    if (rq.method == "POST")
        body = form;
    else if (!form.isEmpty())
        url.setQuery(QString::fromLatin1(form), QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setRawHeader("Accept", rq.kind ? QByteArray("application/json") : QByteArray("text/plain, */*"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("ModelWatch"));
    credentials.applyTo(request);
    if (rq.method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

} // namespace mw
