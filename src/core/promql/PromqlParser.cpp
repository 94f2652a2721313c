#include "PromqlParser.h"

#include "PromqlText.h"

#include <algorithm>

namespace mw::promql {

namespace {

// Binary operator precedence, lowest first (generated_parser.y: %left LOR ...
// %right POW); 0 for tokens that are not binary operators.
int precedence(TokenKind k)
{
    switch (k) {
    case TokenKind::Or:
        return 1;
    case TokenKind::And:
    case TokenKind::Unless:
        return 2;
    case TokenKind::Eqlc:
    case TokenKind::Neq:
    case TokenKind::Gtr:
    case TokenKind::Gte:
    case TokenKind::Lss:
    case TokenKind::Lte:
        return 3;
    case TokenKind::Add:
    case TokenKind::Sub:
        return 4;
    case TokenKind::Mul:
    case TokenKind::Div:
    case TokenKind::Mod:
    case TokenKind::Atan2:
        return 5;
    case TokenKind::Pow:
        return 6;
    default:
        return 0;
    }
}
constexpr int kUnaryOperandPrecedence = 6; // unary_op expr %prec MUL: only ^ binds tighter

BinaryOp binaryOp(TokenKind k)
{
    switch (k) {
    case TokenKind::Add: return BinaryOp::Add;
    case TokenKind::Sub: return BinaryOp::Sub;
    case TokenKind::Mul: return BinaryOp::Mul;
    case TokenKind::Div: return BinaryOp::Div;
    case TokenKind::Mod: return BinaryOp::Mod;
    case TokenKind::Pow: return BinaryOp::Pow;
    case TokenKind::Atan2: return BinaryOp::Atan2;
    case TokenKind::Eqlc: return BinaryOp::Eql;
    case TokenKind::Neq: return BinaryOp::Neq;
    case TokenKind::Gtr: return BinaryOp::Gtr;
    case TokenKind::Lss: return BinaryOp::Lss;
    case TokenKind::Gte: return BinaryOp::Gte;
    case TokenKind::Lte: return BinaryOp::Lte;
    case TokenKind::And: return BinaryOp::And;
    case TokenKind::Or: return BinaryOp::Or;
    default: return BinaryOp::Unless;
    }
}

// Tokens that name a metric when an expression starts with them
// (generated_parser.y: metric_identifier).
bool isMetricIdentifier(TokenKind k)
{
    switch (k) {
    case TokenKind::Identifier:
    case TokenKind::MetricIdentifier:
    case TokenKind::By:
    case TokenKind::And:
    case TokenKind::Or:
    case TokenKind::Unless:
    case TokenKind::Offset:
    case TokenKind::Without:
    case TokenKind::Start:
    case TokenKind::End:
        return true;
    default:
        return isAggregator(k);
    }
}

// Tokens that may follow a metric name: its braces, a postfix modifier, a
// binary operator, or whatever closes the enclosing expression.
bool canFollowSelector(TokenKind k)
{
    switch (k) {
    case TokenKind::LeftBrace:
    case TokenKind::LeftBracket:
    case TokenKind::Offset:
    case TokenKind::At:
    case TokenKind::RightParen:
    case TokenKind::Comma:
    case TokenKind::Eof:
    case TokenKind::Error:
        return true;
    default:
        return precedence(k) > 0;
    }
}

template<typename F>
void forEachChild(const Expr &e, F &&f)
{
    std::visit(
        [&](const auto &n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, AggregateExpr>) {
                f(n.param.get());
                f(n.expr.get());
            } else if constexpr (std::is_same_v<T, BinaryExpr>) {
                f(n.lhs.get());
                f(n.rhs.get());
            } else if constexpr (std::is_same_v<T, UnaryExpr> || std::is_same_v<T, ParenExpr>
                                 || std::is_same_v<T, SubqueryExpr>) {
                f(n.expr.get());
            } else if constexpr (std::is_same_v<T, Call>) {
                for (const ExprPtr &a : n.args)
                    f(a.get());
            }
        },
        e.node);
}

} // namespace

ParseError makeParseError(std::string_view query, uint32_t offset, std::string message)
{
    ParseError e;
    e.offset = offset;
    e.message = std::move(message);
    std::size_t lineStart = 0;
    const std::size_t end = std::min<std::size_t>(offset, query.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (query[i] == '\n') {
            ++e.line;
            lineStart = i + 1;
        }
    }
    uint32_t column = 1;
    for (std::size_t i = lineStart; i < end;) {
        const auto [r, w] = text::decodeRune(query, i);
        (void)r;
        i += w;
        ++column;
    }
    e.column = column;
    return e;
}

Parser::Parser(std::string_view query)
    : m_query(query)
{
}

ParseResult Parser::parse()
{
    ParseResult result;
    m_tokens = Lexer(m_query).tokenize();
    try {
        if (peek().kind == TokenKind::Eof)
            fail(0, "no expression found in input");
        ExprPtr e = expression(1);
        if (peek().kind != TokenKind::Eof)
            unexpected("", "");
        if (!m_error)
            result.expr = std::move(e);
    } catch (const Failure &) {
    }
    result.error = std::move(m_error);
    return result;
}

const Token &Parser::peek(std::size_t ahead) const
{
    // tokenize() always ends with Eof or Error: never read past it.
    return m_tokens[std::min(m_next + ahead, m_tokens.size() - 1)];
}

Token Parser::take()
{
    Token t = peek();
    if (m_next < m_tokens.size() - 1)
        ++m_next;
    return t;
}

void Parser::semanticError(uint32_t offset, std::string message)
{
    if (!m_error)
        m_error = makeParseError(m_query, offset, std::move(message));
}

void Parser::fail(uint32_t offset, std::string message)
{
    semanticError(offset, std::move(message));
    throw Failure{};
}

void Parser::unexpected(std::string_view context, std::string_view expected)
{
    const Token &t = peek();
    if (t.kind == TokenKind::Error) // a lexer error is reported as it is
        fail(t.pos, t.error);
    std::string message = "unexpected " + describe(t);
    if (context.empty() && m_aggregateDepth > 0)
        context = "aggregation";
    if (!context.empty()) {
        message += " in ";
        message += context;
    }
    if (!expected.empty()) {
        message += ", expected ";
        message += expected;
    }
    fail(t.pos, std::move(message));
}

ExprPtr Parser::make(decltype(Expr::node) node, PositionRange pos)
{
    auto e = std::make_unique<Expr>(Expr{std::move(node), pos});
    int height = 1;
    forEachChild(*e, [&](const Expr *child) {
        if (child)
            height = std::max(height, m_height[child] + 1);
    });
    if (height > kMaxDepth)
        fail(pos.start, "expression nesting exceeds the maximum depth of " + std::to_string(kMaxDepth));
    m_height[e.get()] = height;
    return e;
}

ExprPtr Parser::expression(int minPrecedence)
{
    if (++m_depth > kMaxDepth)
        fail(peek().pos, "expression nesting exceeds the maximum depth of " + std::to_string(kMaxDepth));
    ExprPtr lhs = unary();
    for (;;) {
        const int prec = precedence(peek().kind);
        if (prec == 0 || prec < minPrecedence)
            break;
        const Token op = take();
        BinaryExpr b;
        b.op = binaryOp(op.kind);
        binaryModifiers(b);
        // Left-associative except ^.
        b.rhs = expression(op.kind == TokenKind::Pow ? prec : prec + 1);
        b.lhs = std::move(lhs);
        const PositionRange pos{b.lhs->pos.start, b.rhs->pos.end};
        lhs = make(std::move(b), pos);
    }
    --m_depth;
    return lhs;
}

ExprPtr Parser::unary()
{
    const TokenKind k = peek().kind;
    if (k != TokenKind::Add && k != TokenKind::Sub)
        return postfix(primary());
    const Token op = take();
    ExprPtr operand = expression(kUnaryOperandPrecedence);
    // Prometheus folds the sign into a number literal: -1 is NumberLiteral(-1).
    if (auto *n = std::get_if<NumberLiteral>(&operand->node)) {
        if (k == TokenKind::Sub)
            n->value = -n->value;
        operand->pos.start = op.pos;
        return operand;
    }
    const PositionRange pos{op.pos, operand->pos.end};
    return make(UnaryExpr{k == TokenKind::Sub, std::move(operand)}, pos);
}

ExprPtr Parser::postfix(ExprPtr e)
{
    for (;;) {
        switch (peek().kind) {
        case TokenKind::LeftBracket:
            e = rangeOrSubquery(std::move(e));
            break;
        case TokenKind::Offset:
            e = offset(std::move(e));
            break;
        case TokenKind::At:
            e = at(std::move(e));
            break;
        default:
            return e;
        }
    }
}

ExprPtr Parser::primary()
{
    const Token &t = peek();
    switch (t.kind) {
    case TokenKind::Number: {
        const Token n = take();
        return make(NumberLiteral{number(n)}, {n.pos, n.end()});
    }
    case TokenKind::String: {
        const Token s = take();
        return make(StringLiteral{unquote(s)}, {s.pos, s.end()});
    }
    case TokenKind::LeftParen: {
        const Token open = take();
        ExprPtr inner = expression(1);
        if (peek().kind != TokenKind::RightParen)
            unexpected("", "");
        const Token close = take();
        return make(ParenExpr{std::move(inner)}, {open.pos, close.end()});
    }
    case TokenKind::LeftBrace:
        return vectorSelector();
    case TokenKind::Identifier:
        if (peek(1).kind == TokenKind::LeftParen)
            return call();
        return vectorSelector();
    default:
        break;
    }
    // An aggregator is a metric name only where a selector could end
    // (yacc's lookahead); anything else fails inside the aggregation.
    if (isAggregator(t.kind) && !canFollowSelector(peek(1).kind))
        return aggregate();
    if (isMetricIdentifier(t.kind))
        return vectorSelector();
    unexpected("", "");
}

void Parser::binaryModifiers(BinaryExpr &b)
{
    VectorMatching m; // Prometheus starts every binary expression one-to-one
    if (peek().kind == TokenKind::Bool) {
        take();
        b.returnBool = true;
    }
    const TokenKind k = peek().kind;
    if (k == TokenKind::On || k == TokenKind::Ignoring) {
        take();
        uint32_t end = 0;
        m.on = k == TokenKind::On;
        m.matchingLabels = groupingLabels(end);
        const TokenKind g = peek().kind;
        if (g == TokenKind::GroupLeft || g == TokenKind::GroupRight) {
            take();
            m.card = g == TokenKind::GroupLeft ? Cardinality::ManyToOne : Cardinality::OneToMany;
            if (peek().kind == TokenKind::LeftParen)
                m.include = groupingLabels(end);
        }
    }
    b.matching = std::move(m);
}

} // namespace mw::promql
