#pragma once

#include "AmDecoder.h"
#include "AmTypes.h"

#include "prometheus/PromReplyClassifier.h"

namespace mw {

/// Turns a complete HTTP response from Alertmanager into an AmResponse. The
/// transport checks (truncation, 401/403, other statuses, 5xx) are the
/// Prometheus client's (PromReplyClassifier::classify); what differs is said
/// here: Alertmanager's own error text on 400/422 (kind Api, errorType
/// "bad_request"), a 404 that names the missing silence on DELETE or the
/// wrong base URL otherwise, and the JSON decode. Pure: tested without a network.
class AmReplyClassifier
{
public:
    /// `silenceId` is the id a DELETE asked for (for its 404 message).
    static AmResponse classify(const PromReplyFacts &facts, AmDataKind kind, const QString &silenceId = {});
    /// PromReplyClassifier::transportError, with Alertmanager named in its advice.
    static PromError transportError(QNetworkReply::NetworkError error, const QString &qtText, const QUrl &url,
                                    const QStringList &sslErrors);
};

} // namespace mw
