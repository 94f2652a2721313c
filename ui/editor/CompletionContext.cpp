#include "CompletionContext.h"

#include <QStringList>

#include <algorithm>

#include <vector>

namespace mw::editor {

namespace {

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u':'; }

int skipSpacesBack(const QString &text, int i)
{
    while (i > 0 && text.at(i - 1).isSpace())
        --i;
    return i;
}

/// The identifier ending at `end` (exclusive), after skipping spaces back.
QString wordBefore(const QString &text, int end)
{
    const int stop = skipSpacesBack(text, end);
    int start = stop;
    while (start > 0 && isWordChar(text.at(start - 1)))
        --start;
    return text.mid(start, stop - start);
}

bool isGroupingKeyword(const QString &word)
{
    static const QStringList keywords{
        QStringLiteral("by"), QStringLiteral("without"), QStringLiteral("on"),
        QStringLiteral("ignoring"), QStringLiteral("group_left"), QStringLiteral("group_right")};
    return keywords.contains(word.toLower());
}

bool isKeyword(const QString &word)
{
    static const QStringList keywords{
        QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("unless"),
        QStringLiteral("bool"), QStringLiteral("offset"), QStringLiteral("atan2"),
        // aggregation operators, which may stand before `by (...)`
        QStringLiteral("sum"), QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("avg"),
        QStringLiteral("group"), QStringLiteral("stddev"), QStringLiteral("stdvar"),
        QStringLiteral("count"), QStringLiteral("count_values"), QStringLiteral("bottomk"),
        QStringLiteral("topk"), QStringLiteral("quantile")};
    return isGroupingKeyword(word) || keywords.contains(word.toLower());
}

/// The label before a matcher operator that ends at `end`, or "" when the
/// text before `end` is not `label op`.
QString matcherLabel(const QString &text, int end)
{
    int i = skipSpacesBack(text, end);
    if (i == 0)
        return {};
    const QChar last = text.at(i - 1);
    if (last == u'~') {
        if (i < 2 || (text.at(i - 2) != u'=' && text.at(i - 2) != u'!'))
            return {};
        i -= 2;
    } else if (last == u'=') {
        i -= (i >= 2 && text.at(i - 2) == u'!') ? 2 : 1;
    } else {
        return {};
    }
    return wordBefore(text, i);
}

enum class Scope { Brace, LabelList, Paren, Bracket };

struct Scanner
{
    std::vector<Scope> scopes;
    std::vector<QString> braceMetric; ///< per open brace
    QString lastMetric;               ///< last identifier that may be a metric
    bool inString = false;
    QChar quote;
    int stringStart = 0;
    QString valueLabel; ///< label of the string being read, when it is a matcher value
    QString valueMetric;
};

/// The metric a `by (...)` list is about: the nearest one before the list,
/// else the first one after it.
QString metricAfter(const QString &text, int from)
{
    int i = from;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == u'"' || c == u'\'' || c == u'`') {
            ++i;
            while (i < text.size() && text.at(i) != c)
                i += text.at(i) == u'\\' ? 2 : 1;
            ++i;
            continue;
        }
        if (isWordChar(c) && !c.isDigit()) {
            int end = i;
            while (end < text.size() && isWordChar(text.at(end)))
                ++end;
            const QString word = text.mid(i, end - i);
            int next = end;
            while (next < text.size() && text.at(next).isSpace())
                ++next;
            const bool call = next < text.size() && text.at(next) == u'(';
            if (!call && !isKeyword(word))
                return word;
            i = end;
            continue;
        }
        ++i;
    }
    return {};
}

} // namespace

CompletionContext completionContext(const QString &text, int cursor)
{
    cursor = std::clamp(cursor, 0, int(text.size()));
    Scanner s;
    for (int i = 0; i < cursor; ++i) {
        const QChar c = text.at(i);
        if (s.inString) {
            if (c == u'\\' && s.quote != u'`')
                ++i;
            else if (c == s.quote)
                s.inString = false;
            continue;
        }
        if (c == u'#') {
            while (i < cursor && text.at(i) != u'\n')
                ++i;
            continue;
        }
        if (c == u'"' || c == u'\'' || c == u'`') {
            s.inString = true;
            s.quote = c;
            s.stringStart = i + 1;
            const bool inBrace = !s.scopes.empty() && s.scopes.back() == Scope::Brace;
            s.valueLabel = inBrace ? matcherLabel(text, i) : QString();
            s.valueMetric = inBrace ? s.braceMetric.back() : QString();
            continue;
        }
        if (isWordChar(c) && (i == 0 || !isWordChar(text.at(i - 1))) && !c.isDigit()) {
            int end = i;
            while (end < cursor && isWordChar(text.at(end)))
                ++end;
            const QString word = text.mid(i, end - i);
            int next = end;
            while (next < text.size() && text.at(next).isSpace())
                ++next;
            const bool call = next < text.size() && text.at(next) == u'(';
            const bool inLabels = !s.scopes.empty()
                && (s.scopes.back() == Scope::Brace || s.scopes.back() == Scope::LabelList);
            if (!call && !inLabels && !isKeyword(word) && end < cursor)
                s.lastMetric = word;
            continue;
        }
        switch (c.unicode()) {
        case u'{':
            s.scopes.push_back(Scope::Brace);
            s.braceMetric.push_back(wordBefore(text, i));
            break;
        case u'(':
            s.scopes.push_back(isGroupingKeyword(wordBefore(text, i)) ? Scope::LabelList : Scope::Paren);
            break;
        case u'[':
            s.scopes.push_back(Scope::Bracket);
            break;
        case u'}':
        case u')':
        case u']':
            if (!s.scopes.empty()) {
                if (s.scopes.back() == Scope::Brace)
                    s.braceMetric.pop_back();
                s.scopes.pop_back();
            }
            break;
        default:
            break;
        }
    }

    CompletionContext ctx;
    if (s.inString) {
        if (s.valueLabel.isEmpty())
            return ctx;
        ctx.kind = CompletionContext::Kind::LabelValue;
        ctx.prefixStart = s.stringStart;
        ctx.prefix = text.mid(s.stringStart, cursor - s.stringStart);
        ctx.label = s.valueLabel;
        ctx.metric = s.valueMetric;
        return ctx;
    }
    int start = cursor;
    while (start > 0 && isWordChar(text.at(start - 1)))
        --start;
    ctx.prefixStart = start;
    ctx.prefix = text.mid(start, cursor - start);
    if (!ctx.prefix.isEmpty() && ctx.prefix.at(0).isDigit())
        return {};
    const Scope scope = s.scopes.empty() ? Scope::Paren : s.scopes.back();
    switch (scope) {
    case Scope::Bracket:
        return {};
    case Scope::Brace: {
        // After `label=` an unquoted word is a mistake, not a label name.
        if (!matcherLabel(text, start).isEmpty())
            return {};
        ctx.kind = CompletionContext::Kind::LabelName;
        ctx.metric = s.braceMetric.back();
        return ctx;
    }
    case Scope::LabelList:
        ctx.kind = CompletionContext::Kind::LabelName;
        ctx.metric = s.lastMetric.isEmpty() ? metricAfter(text, cursor) : s.lastMetric;
        return ctx;
    case Scope::Paren:
        break;
    }
    ctx.kind = CompletionContext::Kind::MetricOrFunction;
    return ctx;
}

} // namespace mw::editor
