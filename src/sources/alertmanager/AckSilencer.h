#pragma once

#include "AmTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mw {

/// What "acknowledge" means for an alert that lives in Alertmanager: a
/// silence on exactly the alert's labels (one `name="value"` matcher per
/// label), created by the person acknowledging, with their comment.
///
/// - Acknowledged for a duration: the silence ends then, by itself.
/// - Acknowledged until resolved: the silence gets a long horizon
///   (Options::untilResolvedHorizonMs, so a forgotten one still ends) and is
///   expired (DELETE /api/v2/silence/{id}) as soon as the alert is no longer
///   in /api/v2/alerts, which is how Alertmanager shows a resolved alert.
///
/// Pure logic: it builds the silence and, from each alert listing, says which
/// silences to expire; AlertmanagerClient does the I/O. Exact matchers also
/// match an alert whose labels are a superset of these (Alertmanager cannot
/// say "no other labels"); alerts from one rule rarely differ that way.
class AckSilencer
{
public:
    struct Options
    {
        int64_t untilResolvedHorizonMs = 24LL * 3600 * 1000;
    };

    /// An until-resolved acknowledgement waiting for its alert to resolve.
    struct Ack
    {
        PromLabels labels; ///< the alert's identity
        std::string fingerprint;
        std::string silenceId;
        std::string by;
        int64_t atMs = 0;
    };

    AckSilencer() = default;
    explicit AckSilencer(Options options) : m_options(options) {}

    /// The silence acknowledging `alert` from `nowMs`: until `nowMs +
    /// durationMs`, or until resolved (the horizon) without a duration.
    AmSilenceSpec silenceFor(const AmAlert &alert, std::string by, std::string comment, int64_t nowMs,
                             std::optional<int64_t> durationMs = std::nullopt) const;

    /// Alertmanager created `silenceId` for an until-resolved acknowledgement
    /// of `alert`: watch for its resolution. (A duration acknowledgement needs
    /// no bookkeeping.) Acknowledging the same alert again replaces the entry.
    void watchUntilResolved(const AmAlert &alert, std::string silenceId, std::string by, int64_t nowMs);

    /// The silences to expire, given a complete GET /api/v2/alerts answer
    /// (no filter, silenced alerts included, which is the default): those of
    /// until-resolved acknowledgements whose alert is not in it. They stay
    /// watched until expired() says the DELETE went through.
    std::vector<std::string> silencesToExpire(const std::vector<AmAlert> &current) const;

    /// The DELETE of `silenceId` succeeded (or Alertmanager no longer has it).
    void expired(const std::string &silenceId);

    const std::vector<Ack> &watched() const { return m_watched; }
    const Options &options() const { return m_options; }

private:
    Options m_options;
    std::vector<Ack> m_watched;
};

} // namespace mw
