#include "ApiCall.h"

namespace mw {

namespace {

QString durationText(std::chrono::milliseconds d)
{
    if (d.count() >= 1000 && d.count() % 1000 == 0)
        return QString::number(d.count() / 1000) + u" s";
    return QString::number(d.count()) + u" ms";
}

} // namespace

ApiCall::~ApiCall() = default;

bool ApiCall::mayRetry(const PromError &) const
{
    return true;
}

PromError ApiCall::timeoutError(std::chrono::milliseconds timeout, const PromReplyFacts &facts) const
{
    PromError e;
    e.kind = PromErrorKind::Timeout;
    e.message = u"timed out after " + durationText(timeout) + u" waiting for " + PromReplyClassifier::hostPort(facts.url)
        + (facts.body.isEmpty() ? QString() : QStringLiteral(" (the response had started)"));
    return e;
}

bool ApiCall::refusesAnnouncedOversize() const
{
    return true;
}

} // namespace mw
