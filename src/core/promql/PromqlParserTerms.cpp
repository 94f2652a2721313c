// The parser's terms: aggregations, calls, selectors, label matchers and
// grouping labels. Prometheus' messages and positions (generated_parser.y, parse.go).

#include "Functions.h"
#include "PromqlParser.h"
#include "PromqlRegex.h"
#include "PromqlText.h"

namespace mw::promql {

namespace {

AggregateOp aggregateOp(TokenKind k)
{
    switch (k) {
    case TokenKind::Avg: return AggregateOp::Avg;
    case TokenKind::Bottomk: return AggregateOp::Bottomk;
    case TokenKind::Count: return AggregateOp::Count;
    case TokenKind::CountValues: return AggregateOp::CountValues;
    case TokenKind::Group: return AggregateOp::Group;
    case TokenKind::Max: return AggregateOp::Max;
    case TokenKind::Min: return AggregateOp::Min;
    case TokenKind::Quantile: return AggregateOp::Quantile;
    case TokenKind::Stddev: return AggregateOp::Stddev;
    case TokenKind::Stdvar: return AggregateOp::Stdvar;
    case TokenKind::Topk: return AggregateOp::Topk;
    default: return AggregateOp::Sum;
    }
}

bool hasParameter(AggregateOp op)
{
    return op == AggregateOp::Topk || op == AggregateOp::Bottomk || op == AggregateOp::Quantile
        || op == AggregateOp::CountValues;
}

// generated_parser.y maybe_label: keywords that may also name a label in by (...).
bool isMaybeLabel(TokenKind k)
{
    switch (k) {
    case TokenKind::Identifier:
    case TokenKind::MetricIdentifier:
    case TokenKind::Bool:
    case TokenKind::By:
    case TokenKind::GroupLeft:
    case TokenKind::GroupRight:
    case TokenKind::Ignoring:
    case TokenKind::And:
    case TokenKind::Or:
    case TokenKind::Unless:
    case TokenKind::Offset:
    case TokenKind::On:
    case TokenKind::Start:
    case TokenKind::End:
    case TokenKind::Atan2:
        return true;
    default:
        return isAggregator(k);
    }
}

MatchType matchType(TokenKind k)
{
    switch (k) {
    case TokenKind::Neq: return MatchType::NotEqual;
    case TokenKind::EqlRegex: return MatchType::Regex;
    case TokenKind::NeqRegex: return MatchType::NotRegex;
    default: return MatchType::Equal;
    }
}

// Go's strconv.ParseInt(s, 0, 64) for the digit strings the lexer produces.
} // namespace

ExprPtr Parser::aggregate()
{
    const Token op = take();
    AggregateExpr a;
    a.op = aggregateOp(op.kind);
    uint32_t end = 0;
    ++m_aggregateDepth;
    const bool modifierFirst = peek().kind == TokenKind::By || peek().kind == TokenKind::Without;
    if (modifierFirst) {
        a.without = take().kind == TokenKind::Without;
        a.grouping = groupingLabels(end);
    }
    if (peek().kind != TokenKind::LeftParen)
        unexpected("", "");
    take();
    std::vector<ExprPtr> args = callArguments(end);
    --m_aggregateDepth;
    if (!modifierFirst && (peek().kind == TokenKind::By || peek().kind == TokenKind::Without)) {
        a.without = take().kind == TokenKind::Without;
        a.grouping = groupingLabels(end);
    }
    // newAggregateExpr: the argument count.
    const PositionRange pos{op.pos, end};
    if (args.empty()) {
        semanticError(op.pos, "no arguments for aggregate expression provided");
    } else {
        const std::size_t desired = hasParameter(a.op) ? 2 : 1;
        if (desired == 2)
            a.param = std::move(args[0]);
        if (args.size() != desired)
            semanticError(op.pos, "wrong number of arguments for aggregate expression provided, expected "
                                      + std::to_string(desired) + ", got " + std::to_string(args.size()));
        else
            a.expr = std::move(args[desired - 1]);
    }
    return make(std::move(a), pos);
}

ExprPtr Parser::call()
{
    const Token name = take();
    take(); // (
    uint32_t end = 0;
    Call c;
    c.args = callArguments(end);
    // Checked after the arguments: Prometheus' action runs once the call is reduced.
    c.func = findFunction(name.text);
    if (!c.func)
        semanticError(name.pos, "unknown function with name " + text::quote(name.text));
    return make(std::move(c), {name.pos, end});
}

std::vector<ExprPtr> Parser::callArguments(uint32_t &end)
{
    std::vector<ExprPtr> args;
    if (peek().kind == TokenKind::RightParen) {
        end = take().end();
        return args;
    }
    for (;;) {
        args.push_back(expression(1));
        if (peek().kind == TokenKind::Comma) {
            Token comma = take();
            while (peek().kind == TokenKind::RightParen || peek().kind == TokenKind::Comma) {
                semanticError(comma.pos, "trailing commas not allowed in function call args");
                if (peek().kind == TokenKind::RightParen) {
                    end = take().end();
                    return args;
                }
                comma = take();
            }
            continue;
        }
        if (peek().kind != TokenKind::RightParen)
            unexpected("", "");
        end = take().end();
        return args;
    }
}

ExprPtr Parser::vectorSelector()
{
    VectorSelector vs;
    const uint32_t start = peek().pos;
    uint32_t end = 0;
    if (peek().kind != TokenKind::LeftBrace) {
        const Token name = take();
        vs.name = std::string(name.text);
        end = name.end();
    }
    if (peek().kind == TokenKind::LeftBrace)
        labelMatchers(vs, end);
    // assembleVectorSelector: a name outside the braces is one more matcher, last.
    if (!vs.name.empty())
        vs.matchers.push_back(LabelMatcher{MatchType::Equal, "__name__", vs.name});
    return make(std::move(vs), {start, end});
}

void Parser::labelMatchers(VectorSelector &vs, uint32_t &end)
{
    take(); // {
    if (peek().kind == TokenKind::RightBrace) {
        end = take().end();
        return;
    }
    for (;;) {
        if (peek().kind != TokenKind::Identifier)
            unexpected("label matching", "identifier or \"}\"");
        const Token label = take();
        const TokenKind op = peek().kind;
        if (op != TokenKind::Eql && op != TokenKind::Neq && op != TokenKind::EqlRegex && op != TokenKind::NeqRegex)
            unexpected("label matching", "label matching operator");
        take();
        if (peek().kind != TokenKind::String)
            unexpected("label matching", "string");
        const Token value = take();
        LabelMatcher m{matchType(op), std::string(label.text), unquote(value)};
        if (m.type == MatchType::Regex || m.type == MatchType::NotRegex) {
            // labels.NewMatcher compiles the expression at parse time.
            if (std::string err = regexError(m.value); !err.empty())
                semanticError(label.pos, std::move(err));
        }
        vs.matchers.push_back(std::move(m));
        if (peek().kind == TokenKind::Comma) {
            take();
            if (peek().kind == TokenKind::RightBrace) {
                end = take().end();
                return;
            }
            continue;
        }
        if (peek().kind != TokenKind::RightBrace)
            unexpected("label matching", "\",\" or \"}\"");
        end = take().end();
        return;
    }
}

std::vector<std::string> Parser::groupingLabels(uint32_t &end)
{
    std::vector<std::string> labels;
    if (peek().kind != TokenKind::LeftParen)
        unexpected("grouping opts", "\"(\"");
    take();
    if (peek().kind == TokenKind::RightParen) {
        end = take().end();
        return labels;
    }
    for (;;) {
        if (!isMaybeLabel(peek().kind))
            unexpected("grouping opts", "label");
        const Token label = take();
        if (!text::isLabelName(label.text))
            semanticError(label.pos, "unexpected " + describe(label) + " in grouping opts, expected label");
        labels.emplace_back(label.text);
        if (peek().kind == TokenKind::Comma) {
            take();
            if (peek().kind == TokenKind::RightParen) {
                end = take().end();
                return labels;
            }
            continue;
        }
        if (peek().kind != TokenKind::RightParen)
            unexpected("grouping opts", "\",\" or \")\"");
        end = take().end();
        return labels;
    }
}

} // namespace mw::promql
