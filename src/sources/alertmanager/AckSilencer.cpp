#include "AckSilencer.h"

#include <algorithm>

namespace mw {

AmSilenceSpec AckSilencer::silenceFor(const AmAlert &alert, std::string by, std::string comment, int64_t nowMs,
                                      std::optional<int64_t> durationMs) const
{
    AmSilenceSpec s;
    for (const auto &[name, value] : alert.labels)
        s.matchers.push_back(exactMatcher(name, value));
    s.startsAtMs = nowMs;
    s.endsAtMs = nowMs + (durationMs ? *durationMs : m_options.untilResolvedHorizonMs);
    s.createdBy = std::move(by);
    s.comment = std::move(comment);
    return s;
}

void AckSilencer::watchUntilResolved(const AmAlert &alert, std::string silenceId, std::string by, int64_t nowMs)
{
    std::erase_if(m_watched, [&](const Ack &a) { return a.labels == alert.labels; });
    m_watched.push_back(Ack{alert.labels, alert.fingerprint, std::move(silenceId), std::move(by), nowMs});
}

std::vector<std::string> AckSilencer::silencesToExpire(const std::vector<AmAlert> &current) const
{
    std::vector<std::string> out;
    for (const Ack &ack : m_watched) {
        const bool listed = std::any_of(current.begin(), current.end(),
                                        [&](const AmAlert &a) { return a.labels == ack.labels; });
        if (!listed)
            out.push_back(ack.silenceId);
    }
    return out;
}

void AckSilencer::expired(const std::string &silenceId)
{
    std::erase_if(m_watched, [&](const Ack &a) { return a.silenceId == silenceId; });
}

} // namespace mw
