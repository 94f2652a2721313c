#include "LabelMatcher.h"

namespace mw::alerting {

std::optional<LabelMatcher> LabelMatcher::create(std::string name, Op op, std::string value, std::string *error)
{
    if (name.empty()) {
        if (error)
            *error = "matcher: empty label name";
        return std::nullopt;
    }
    LabelMatcher m;
    m.m_name = std::move(name);
    m.m_op = op;
    m.m_value = std::move(value);
    if (m.isRegex()) {
        m.m_regex = QRegularExpression(QRegularExpression::anchoredPattern(QString::fromStdString(m.m_value)),
                                       QRegularExpression::DotMatchesEverythingOption);
        if (!m.m_regex.isValid()) {
            if (error)
                *error = "matcher " + m.m_name + ": bad regex: " + m.m_regex.errorString().toStdString();
            return std::nullopt;
        }
    }
    return m;
}

bool LabelMatcher::matches(const Labels &labels) const
{
    const std::string_view actual = labels.get(m_name).value_or(std::string_view{});
    switch (m_op) {
    case Op::Equal: return actual == m_value;
    case Op::NotEqual: return actual != m_value;
    case Op::Regex:
    case Op::NotRegex: {
        const QString subject = QString::fromUtf8(actual.data(), qsizetype(actual.size()));
        const bool hit = m_regex.match(subject).hasMatch();
        return m_op == Op::Regex ? hit : !hit;
    }
    }
    return false;
}

std::string LabelMatcher::toString() const
{
    static constexpr const char *kOps[] = {"=", "!=", "=~", "!~"};
    std::string out = m_name;
    out += kOps[static_cast<int>(m_op)];
    appendQuotedLabelValue(out, m_value);
    return out;
}

} // namespace mw::alerting
