#include "PromCredentials.h"

#include <QObject>

namespace mw {

void PromCredentials::resolve(const PrometheusConnection &c, QObject *context,
                              std::function<void(const PromCredentials &)> done)
{
    if (QString invalid = c.validate(); !invalid.isEmpty()) {
        PromCredentials out;
        out.error = std::move(invalid);
        QMetaObject::invokeMethod(context, [done = std::move(done), out] { done(out); }, Qt::QueuedConnection);
        return;
    }
    const bool https = c.baseUrl.scheme().toLower() == u"https";
    HttpCredentials::resolve(c, https, context, [done = std::move(done)](const HttpCredentials &credentials) {
        done(PromCredentials(credentials));
    });
}

} // namespace mw
