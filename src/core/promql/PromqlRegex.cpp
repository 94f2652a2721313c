#include "PromqlRegex.h"

#include "PromqlText.h"

#include <re2/re2.h>

namespace mw::promql {

namespace {

RE2::Options options()
{
    RE2::Options o;
    o.set_log_errors(false); // errors travel as values, never to stderr
    return o;
}

std::string anchored(std::string_view pattern)
{
    return "^(?:" + std::string(pattern) + ")$";
}

} // namespace

std::string regexError(std::string_view pattern)
{
    const RE2 re(anchored(pattern), options());
    if (re.ok())
        return {};
    return "invalid regular expression " + text::quote(pattern) + ": " + re.error();
}

bool regexMatchesEmpty(std::string_view pattern)
{
    const RE2 re(anchored(pattern), options());
    return re.ok() && RE2::FullMatch(re2::StringPiece(), re);
}

} // namespace mw::promql
