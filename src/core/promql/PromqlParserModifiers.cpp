// The parser's postfix modifiers: [range], [range:step], offset and @
// (generated_parser.y: matrix_selector, subquery_expr, offset_expr,
// step_invariant_expr; parse.go: addOffset, setTimestamp).

#include "PromqlParser.h"
#include "PromqlText.h"

#include <cmath>

namespace mw::promql {

ExprPtr Parser::rangeOrSubquery(ExprPtr e)
{
    const Token open = take();
    if (peek().kind != TokenKind::Duration)
        unexpected("subquery selector", "duration");
    const int64_t range = duration(take());
    if (peek().kind == TokenKind::RightBracket) {
        const Token close = take();
        auto *vs = std::get_if<VectorSelector>(&e->node);
        if (!vs) {
            semanticError(open.pos, "ranges only allowed for vector selectors");
            return e;
        }
        if (vs->offsetMs != 0)
            semanticError(open.pos, "no offset modifiers allowed before range");
        else if (vs->atMs) // as Prometheus, which does not look at @ start()/end() here
            semanticError(open.pos, "no @ modifiers allowed before range");
        const PositionRange pos{e->pos.start, close.end()};
        return make(MatrixSelector{std::move(*vs), range}, pos);
    }
    if (peek().kind != TokenKind::Colon)
        unexpected("subquery or range", "\":\" or \"]\"");
    take();
    SubqueryExpr sq;
    sq.rangeMs = range;
    if (peek().kind == TokenKind::Duration) {
        sq.stepMs = duration(take());
        if (peek().kind != TokenKind::RightBracket)
            unexpected("subquery selector", "\"]\"");
    } else if (peek().kind != TokenKind::RightBracket) {
        unexpected("subquery selector", "duration or \"]\"");
    }
    const Token close = take();
    const PositionRange pos{e->pos.start, close.end()};
    sq.expr = std::move(e);
    return make(std::move(sq), pos);
}

ExprPtr Parser::offset(ExprPtr e)
{
    take();
    const bool negative = peek().kind == TokenKind::Sub;
    if (negative)
        take();
    if (peek().kind != TokenKind::Duration)
        unexpected("offset", "duration");
    const Token d = take();
    const int64_t ms = negative ? -duration(d) : duration(d);
    int64_t *target = nullptr;
    if (auto *vs = std::get_if<VectorSelector>(&e->node))
        target = &vs->offsetMs;
    else if (auto *m = std::get_if<MatrixSelector>(&e->node))
        target = &m->selector.offsetMs;
    else if (auto *sq = std::get_if<SubqueryExpr>(&e->node))
        target = &sq->offsetMs;
    if (!target) {
        semanticError(e->pos.start, "offset modifier must be preceded by an instant vector selector or range "
                                    "vector selector or a subquery");
        return e;
    }
    if (*target != 0)
        semanticError(e->pos.start, "offset may not be set multiple times");
    else
        *target = ms;
    e->pos.end = d.end();
    return e;
}

ExprPtr Parser::at(ExprPtr e)
{
    take();
    std::optional<double> timestamp;
    AtSpecial special = AtSpecial::None;
    uint32_t end = 0;
    const TokenKind k = peek().kind;
    if (k == TokenKind::Start || k == TokenKind::End) {
        take();
        if (peek().kind != TokenKind::LeftParen)
            unexpected("@", "timestamp");
        take();
        if (peek().kind != TokenKind::RightParen)
            unexpected("@", "timestamp");
        end = take().end();
        special = k == TokenKind::Start ? AtSpecial::Start : AtSpecial::End;
    } else {
        const bool negative = k == TokenKind::Sub;
        if (k == TokenKind::Add || k == TokenKind::Sub)
            take();
        if (peek().kind != TokenKind::Number)
            unexpected("@", "timestamp");
        const Token n = take();
        end = n.end();
        timestamp = negative ? -number(n) : number(n);
        // Prometheus' own bound is int64 seconds; ours also keeps the
        // milliseconds exact in a double so that format() round-trips.
        const double ts = *timestamp;
        if (!std::isfinite(ts) || std::fabs(ts) > 1e12) {
            semanticError(e->pos.start, "timestamp out of bounds for @ modifier: " + text::formatFixed(ts));
            return e;
        }
    }
    std::optional<int64_t> *slot = nullptr;
    AtSpecial *specialSlot = nullptr;
    if (auto *vs = std::get_if<VectorSelector>(&e->node)) {
        slot = &vs->atMs;
        specialSlot = &vs->atSpecial;
    } else if (auto *m = std::get_if<MatrixSelector>(&e->node)) {
        slot = &m->selector.atMs;
        specialSlot = &m->selector.atSpecial;
    } else if (auto *sq = std::get_if<SubqueryExpr>(&e->node)) {
        slot = &sq->atMs;
        specialSlot = &sq->atSpecial;
    }
    if (!slot) {
        semanticError(e->pos.start, "@ modifier must be preceded by an instant vector selector or range vector "
                                    "selector or a subquery");
        return e;
    }
    if (slot->has_value() || *specialSlot != AtSpecial::None) {
        semanticError(e->pos.start, "@ <timestamp> may not be set multiple times");
        return e;
    }
    if (timestamp)
        *slot = static_cast<int64_t>(std::round(*timestamp * 1000.0));
    else
        *specialSlot = special;
    e->pos.end = end;
    return e;
}

} // namespace mw::promql
