#pragma once

#include "AmDecoder.h"
#include "AmTypes.h"

#include "http/HttpCredentials.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QString>
#include <QStringList>

#include <vector>

namespace mw {

/// One Alertmanager API call before it goes on the wire: a plain value.
struct AmRequest
{
    QByteArray method; ///< GET, POST (JSON body) or DELETE
    QString apiPath;   ///< "/api/v2/alerts", appended to the base URL's path prefix
    QList<QPair<QByteArray, QString>> query;
    QByteArray body;   ///< JSON, POST only
    AmDataKind kind = AmDataKind::Empty;
    QString invalid;   ///< non-empty: why this request must not be sent

    /// Whether sending it twice does no harm, so that a retry after the
    /// request may have reached the server is safe. Creating a silence and
    /// expiring one are not: those are retried only when nothing was sent.
    bool idempotent() const { return method == "GET" || apiPath == u"/api/v2/alerts"; }
};

/// Builds each endpoint's request and checks its arguments, so an invalid
/// request (a silence without matchers, a silence id that is not a UUID) is
/// refused before it reaches the server. Pure.
class AmRequestBuilder
{
public:
    static AmRequest alerts(const AmAlertQuery &query);
    static AmRequest silences(const QStringList &filter);
    static AmRequest createSilence(const AmSilenceSpec &spec);
    /// DELETE /api/v2/silence/{id} (singular): the silence expires now.
    static AmRequest deleteSilence(const QString &silenceId);
    static AmRequest postAlerts(const std::vector<AmPostableAlert> &alerts);
    static AmRequest healthy();
    static AmRequest ready();

    /// The postableSilence JSON of `spec`.
    static QByteArray silenceJson(const AmSilenceSpec &spec);
    static QByteArray alertsJson(const std::vector<AmPostableAlert> &alerts);

    /// The HTTP request for `request` on `connection`: the Prometheus
    /// client's URL, header, authorization and TLS handling
    /// (PromRequestBuilder::networkRequest), with Alertmanager's JSON body.
    static QNetworkRequest networkRequest(const AmRequest &request, const AlertmanagerConnection &connection,
                                          const HttpCredentials &credentials);
};

} // namespace mw
