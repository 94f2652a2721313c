#pragma once

#include "store/Labels.h"

#include <QRegularExpression>

#include <cstdint>
#include <optional>
#include <string>

namespace mw::alerting {

/// One label matcher of a snooze, as Alertmanager's silences have them:
/// `name="v"`, `name!="v"`, `name=~"re"`, `name!~"re"`. Regexes are anchored
/// at both ends (Alertmanager and PromQL do the same) and compiled once.
/// A missing label matches as the empty string, so `team!="ml"` matches an
/// alert without a team label, as in Alertmanager.
class LabelMatcher
{
public:
    enum class Op : uint8_t { Equal, NotEqual, Regex, NotRegex };

    /// nullopt (and `error`) for an empty name or a regex that does not compile.
    static std::optional<LabelMatcher> create(std::string name, Op op, std::string value, std::string *error = nullptr);

    bool matches(const Labels &labels) const;

    const std::string &name() const { return m_name; }
    Op op() const { return m_op; }
    const std::string &value() const { return m_value; }
    bool isRegex() const { return m_op == Op::Regex || m_op == Op::NotRegex; }
    bool isEqual() const { return m_op == Op::Equal || m_op == Op::Regex; }
    /// `name=~"value"`, quoted as PromQL quotes it.
    std::string toString() const;

    friend bool operator==(const LabelMatcher &a, const LabelMatcher &b)
    {
        return a.m_name == b.m_name && a.m_op == b.m_op && a.m_value == b.m_value;
    }

private:
    LabelMatcher() = default;

    std::string m_name;
    Op m_op = Op::Equal;
    std::string m_value;
    QRegularExpression m_regex;
};

} // namespace mw::alerting
