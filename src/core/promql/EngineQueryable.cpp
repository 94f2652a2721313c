#include "EngineQueryable.h"

#include <re2/re2.h>

namespace mw::promql {

struct CompiledMatcher::Regex
{
    explicit Regex(const std::string &pattern)
        : re("^(?:" + pattern + ")$", RE2::Quiet)
    {
    }
    RE2 re;
};

CompiledMatcher::CompiledMatcher(Op op, std::string name, std::string value)
    : m_op(op)
    , m_name(std::move(name))
    , m_value(std::move(value))
{
    if (m_op == Op::Regex || m_op == Op::NotRegex) {
        m_regex = std::make_unique<Regex>(m_value);
        if (!m_regex->re.ok())
            m_error = "invalid regular expression \"" + m_value + "\": " + m_regex->re.error();
    }
}

CompiledMatcher::~CompiledMatcher() = default;
CompiledMatcher::CompiledMatcher(CompiledMatcher &&) noexcept = default;
CompiledMatcher &CompiledMatcher::operator=(CompiledMatcher &&) noexcept = default;

bool CompiledMatcher::matches(std::string_view labelValue) const
{
    switch (m_op) {
    case Op::Equal:
        return labelValue == m_value;
    case Op::NotEqual:
        return labelValue != m_value;
    case Op::Regex:
        return m_regex && m_regex->re.ok() && RE2::FullMatch(re2::StringPiece(labelValue.data(), labelValue.size()), m_regex->re);
    case Op::NotRegex:
        return !(m_regex && m_regex->re.ok()
                 && RE2::FullMatch(re2::StringPiece(labelValue.data(), labelValue.size()), m_regex->re));
    }
    return false;
}

} // namespace mw::promql
