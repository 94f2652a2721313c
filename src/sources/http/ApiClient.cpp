#include "ApiClient.h"

namespace mw {

ApiClient::ApiClient(ApiRequestRunner::Category log, QObject *parent)
    : QObject(parent)
    , m_runner(new ApiRequestRunner(log, this))
{
    connect(m_runner, &ApiRequestRunner::retryScheduled, this, &ApiClient::retryScheduled);
}

ApiClient::~ApiClient() = default;

} // namespace mw
