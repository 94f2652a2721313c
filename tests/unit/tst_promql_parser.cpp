// The PromQL lexer, parser, type checks and printer against Prometheus 2.42:
// the trees it builds (promql/parser/parse_test.go's cases), operator
// precedence, format() round trips, and Prometheus' error messages with
// line:column.

#include "PromqlTreeDump.h"
#include "promql/Ast.h"
#include "promql/Functions.h"

#include <QTest>

#include <cmath>
#include <string>

using namespace mw::promql;
using mw::promql::test::dumpTree;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// Parses and returns the tree dump, or "ERROR: <message>".
// A data tag without line breaks, so that the test log stays one line a row.
QByteArray tag(const char *query)
{
    return QByteArray(query).replace('\n', "\\n");
}

QString parsed(const QString &query, bool withPositions = false)
{
    const ParseResult r = parse(query.toStdString());
    if (r.error)
        return QStringLiteral("ERROR: ") + q(r.error->toString());
    if (!r.expr)
        return QStringLiteral("NO TREE");
    return q(dumpTree(*r.expr, withPositions));
}

} // namespace

class TestPromqlParser : public QObject
{
    Q_OBJECT

private slots:
    void tree_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("tree");
        auto row = [](const char *query, const char *tree) {
            QTest::newRow(tag(query).constData()) << QString::fromUtf8(query) << QString::fromUtf8(tree);
        };
        // Numbers: ParseInt base 0 first (hex, octal), then ParseFloat; the sign folds in.
        row("1", "num(1)");
        row("+Inf", "num(+Inf)");
        row("-Inf", "num(-Inf)");
        row(".5", "num(0.5)");
        row("5.", "num(5)");
        row("5e-3", "num(0.005)");
        row("5e3", "num(5000)");
        row("0xc", "num(12)");
        row("0755", "num(493)");
        row("-0755", "num(-493)");
        row("+5.5e-3", "num(0.0055)");
        row("NaN", "num(NaN)");
        row("- -1", "num(1)");
        // Operators: precedence and associativity.
        row("1 + 1", "bin(+ num(1) num(1))");
        row("1 == bool 1", "bin(== bool num(1) num(1))");
        row("+1 + -2 * 1", "bin(+ num(1) bin(* num(-2) num(1)))");
        row("1 < bool 2 - 1 * 2", "bin(< bool num(1) bin(- num(2) bin(* num(1) num(2))))");
        row("1 + 2/(3*1)", "bin(+ num(1) bin(/ num(2) paren(bin(* num(3) num(1)))))");
        row("1 - 2 - 3", "bin(- bin(- num(1) num(2)) num(3))");
        row("2 ^ 3 ^ 2", "bin(^ num(2) bin(^ num(3) num(2)))");
        row("2 * 3 ^ 2", "bin(* num(2) bin(^ num(3) num(2)))");
        row("-2 ^ 2", "neg(bin(^ num(2) num(2)))");
        row("2 ^ -1", "bin(^ num(2) num(-1))");
        row("1 atan2 2 + 3", "bin(+ bin(atan2 num(1) num(2)) num(3))");
        row("a > b + c", "bin(> vs(a{__name__=\"a\"}) bin(+ vs(b{__name__=\"b\"}) vs(c{__name__=\"c\"}) one-to-one) one-to-one)");
        row("-some_metric", "neg(vs(some_metric{__name__=\"some_metric\"}))");
        row("+some_metric", "pos(vs(some_metric{__name__=\"some_metric\"}))");
        row("foo * bar", "bin(* vs(foo{__name__=\"foo\"}) vs(bar{__name__=\"bar\"}) one-to-one)");
        row("foo == 1", "bin(== vs(foo{__name__=\"foo\"}) num(1))");
        row("foo + bar or bla and blub",
            "bin(or bin(+ vs(foo{__name__=\"foo\"}) vs(bar{__name__=\"bar\"}) one-to-one) bin(and "
            "vs(bla{__name__=\"bla\"}) vs(blub{__name__=\"blub\"}) many-to-many) many-to-many)");
        row("foo and bar unless baz or qux",
            "bin(or bin(unless bin(and vs(foo{__name__=\"foo\"}) vs(bar{__name__=\"bar\"}) many-to-many) "
            "vs(baz{__name__=\"baz\"}) many-to-many) vs(qux{__name__=\"qux\"}) many-to-many)");
        row("bar + on(foo) bla / on(baz, buz) group_right(test) blub",
            "bin(+ vs(bar{__name__=\"bar\"}) bin(/ vs(bla{__name__=\"bla\"}) vs(blub{__name__=\"blub\"}) one-to-many "
            "on=[baz,buz] include=[test]) one-to-one on=[foo])");
        row("foo * on(test,blub) group_left bar",
            "bin(* vs(foo{__name__=\"foo\"}) vs(bar{__name__=\"bar\"}) many-to-one on=[test,blub])");
        row("foo and on() bar", "bin(and vs(foo{__name__=\"foo\"}) vs(bar{__name__=\"bar\"}) many-to-many on=[])");
        row("foo unless ignoring(bar) baz",
            "bin(unless vs(foo{__name__=\"foo\"}) vs(baz{__name__=\"baz\"}) many-to-many ignoring=[bar])");
        row("foo / ignoring(a) group_left(b, c) bar",
            "bin(/ vs(foo{__name__=\"foo\"}) vs(bar{__name__=\"bar\"}) many-to-one ignoring=[a] include=[b,c])");
        // Selectors: the name's matcher comes last; keywords may name metrics.
        row("foo:bar{a=\"bc\"}", "vs(foo:bar{a=\"bc\",__name__=\"foo:bar\"})");
        row("foo{a=\"b\", c!=\"d\", e=~\"f\", g!~\"h\",}",
            "vs(foo{a=\"b\",c!=\"d\",e=~\"f\",g!~\"h\",__name__=\"foo\"})");
        row("{__name__=~\"foo.+\"}", "vs({__name__=~\"foo.+\"})");
        row("offset{step=\"1s\"}[5m]", "matrix(vs(offset{step=\"1s\",__name__=\"offset\"}) range=300000)");
        row("foo * sum", "bin(* vs(foo{__name__=\"foo\"}) vs(sum{__name__=\"sum\"}) one-to-one)");
        row("foo offset 5m", "vs(foo{__name__=\"foo\"} offset=300000)");
        row("foo offset -7m", "vs(foo{__name__=\"foo\"} offset=-420000)");
        row("foo OFFSET 1h30m", "vs(foo{__name__=\"foo\"} offset=5400000)");
        row("foo OFFSET 1m30ms", "vs(foo{__name__=\"foo\"} offset=60030)");
        row("foo @ 1603774568", "vs(foo{__name__=\"foo\"} at=1603774568000)");
        row("foo @ -100.5", "vs(foo{__name__=\"foo\"} at=-100500)");
        row("foo @ start() offset 1y", "vs(foo{__name__=\"foo\"} offset=31536000000 at=start)");
        row("test[5s]", "matrix(vs(test{__name__=\"test\"}) range=5000)");
        row("test[1w] offset 2w @ end()", "matrix(vs(test{__name__=\"test\"} offset=1209600000 at=end) range=604800000)");
        row("foo[ 5m]", "matrix(vs(foo{__name__=\"foo\"}) range=300000)");
        // Strings: three quotes, Go escapes.
        row("\"double \\\" quote\"", "str(\"double \\\" quote\")");
        row("'single \\' quote'", "str(\"single ' quote\")");
        row("`raw \\n`", "str(\"raw \\\\n\")");
        row("\"\\t\\u00e9\\x41\\101\"", "str(\"\\x09\xc3\xa9" "AA\")");
        // Aggregations: modifiers before or after, parameters.
        row("sum by (foo) (some_metric)", "agg(sum by=[foo] vs(some_metric{__name__=\"some_metric\"}))");
        row("avg (some_metric) by (foo)", "agg(avg by=[foo] vs(some_metric{__name__=\"some_metric\"}))");
        row("COUNT by (foo,) (x)", "agg(count by=[foo] vs(x{__name__=\"x\"}))");
        row("sum without () (x)", "agg(sum without=[] vs(x{__name__=\"x\"}))");
        row("sum without(and, by, avg, count, alert, annotations)(x)",
            "agg(sum without=[and,by,avg,count,alert,annotations] vs(x{__name__=\"x\"}))");
        row("topk(5, some_metric)", "agg(topk param=num(5) vs(some_metric{__name__=\"some_metric\"}))");
        row("count_values(\"value\", x)", "agg(count_values param=str(\"value\") vs(x{__name__=\"x\"}))");
        row("quantile(0.9, x) by (le)", "agg(quantile by=[le] param=num(0.9) vs(x{__name__=\"x\"}))");
        // Calls and subqueries.
        row("time()", "call(time)");
        row("rate(some_metric[5m])", "call(rate matrix(vs(some_metric{__name__=\"some_metric\"}) range=300000))");
        row("round(some_metric, 5)", "call(round vs(some_metric{__name__=\"some_metric\"}) num(5))");
        row("label_join(x, \"a\", \",\", \"b\", \"c\")",
            "call(label_join vs(x{__name__=\"x\"}) str(\"a\") str(\",\") str(\"b\") str(\"c\"))");
        row("foo[10m:6s]", "subquery(vs(foo{__name__=\"foo\"}) range=600000 step=6000)");
        row("foo[10m:]", "subquery(vs(foo{__name__=\"foo\"}) range=600000 step=0)");
        row("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:5s] offset 4m)",
            "call(min_over_time subquery(call(rate matrix(vs(foo{bar=\"baz\",__name__=\"foo\"}) range=2000)) "
            "range=300000 step=5000 offset=240000))");
        row("(foo + bar)[5m:] @ 1", "subquery(paren(bin(+ vs(foo{__name__=\"foo\"}) vs(bar{__name__=\"bar\"}) "
                                    "one-to-one)) range=300000 step=0 at=1000)");
        // Comments and line breaks.
        row("foo # a comment\n+ bar", "bin(+ vs(foo{__name__=\"foo\"}) vs(bar{__name__=\"bar\"}) one-to-one)");
        row("x{a=\"b\" # inside braces\n}", "vs(x{a=\"b\",__name__=\"x\"})");
    }
    void tree()
    {
        QFETCH(QString, query);
        QFETCH(QString, tree);
        QCOMPARE(parsed(query), tree);
    }

    void positions_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("tree");
        QTest::newRow("binary") << "foo * bar"
                                << "bin(* vs(foo{__name__=\"foo\"})@0:3 vs(bar{__name__=\"bar\"})@6:9 one-to-one)@0:9";
        QTest::newRow("folded sign") << "+1 + -2" << "bin(+ num(1)@0:2 num(-2)@5:7)@0:7";
        QTest::newRow("offset extends the selector") << "foo offset 5m" << "vs(foo{__name__=\"foo\"} offset=300000)@0:13";
        QTest::newRow("aggregation ends at its last parenthesis")
            << "sum(x) by (a)" << "agg(sum by=[a] vs(x{__name__=\"x\"})@4:5)@0:13";
        QTest::newRow("call") << "rate(x[1m])" << "call(rate matrix(vs(x{__name__=\"x\"}) range=60000)@5:10)@0:11";
    }
    void positions()
    {
        QFETCH(QString, query);
        QFETCH(QString, tree);
        QCOMPARE(parsed(query, true), tree);
    }

    void formatIsCanonical_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("text");
        QTest::newRow("spacing") << "1+2/(3*1)" << "1 + 2 / (3 * 1)";
        QTest::newRow("numbers as Go prints them") << "1e6 + 123456 + 0.00001 + 0x10" << "1e+06 + 123456 + 1e-05 + 16";
        QTest::newRow("name matcher hidden") << "foo{a='b'}" << "foo{a=\"b\"}";
        QTest::newRow("matchers keep their order") << "{b=\"1\",a=\"2\"}" << "{b=\"1\",a=\"2\"}";
        QTest::newRow("durations") << "x[90m] offset 36h" << "x[1h30m] offset 1d12h";
        QTest::newRow("at before offset") << "x offset 1m @ 10" << "x @ 10.000 offset 1m";
        QTest::newRow("aggregation modifier first") << "sum(x) without (a)" << "sum without (a) (x)";
        QTest::newRow("vector matching") << "a/on(b)group_left(c)d" << "a / on (b) group_left (c) d";
        QTest::newRow("lowercase keywords") << "SUM BY (A) (X{a='b'} OFFSET 5m)" << "sum by (A) (X{a=\"b\"} offset 5m)";
        QTest::newRow("escaped string") << "'a\\tb\"'" << "\"a\\tb\\\"\"";
    }
    void formatIsCanonical()
    {
        QFETCH(QString, query);
        QFETCH(QString, text);
        const ParseResult r = parse(query.toStdString());
        QVERIFY2(r.expr, r.error ? r.error->toString().c_str() : "");
        QCOMPARE(q(format(*r.expr)), text);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("query");
        for (const char *query :
             {"1", "-Inf", "NaN", "-0", "1e-300", "123456789012345680000", "5e-324", "foo{a=\"\\xff\\x00\\n\"}",
              "a ^ -b ^ c", "-a ^ b", "- (a + b)", "a - -1", "a * ignoring() group_left b", "a * on() group_right() b",
              "a and ignoring() b", "x > bool 1", "foo @ 1.234 offset -5m", "foo[5m] @ start()", "foo @ start() [5m]",
              "foo[1y1ms] offset 1w", "rate(x[5m])[30m:1m] @ end() offset 1s", "sum by () (x)",
              "count_values without (a) ('v', x)", "topk(3, x) by (a) * on (b) group_left () y", "`raw\\`",
              "\"\\U0010ffff\\u00a0\"", "((((x))))", "label_replace(x, \"d\", \"$1\", \"s\", \"(.*)\")",
              "{__name__=\"x\", a=~\"b|c\"}", "by{offset=\"1\"} offset 1m", "sum", "quantile(0.5, x)",
              "holt_winters(x[5m], 0.5, 0.5)", "vector(time())", "foo[5m x]",
              // Found by fuzz_promql: +Inf printed as "+Inf" read back as +(Inf ^ ...).
              "inf^-x ^ 2", "Inf ^ 2", "+Inf"}) {
            QTest::newRow(query) << QString::fromUtf8(query);
        }
    }
    void roundTrip()
    {
        QFETCH(QString, query);
        const ParseResult first = parse(query.toStdString());
        QVERIFY2(first.expr, first.error ? first.error->toString().c_str() : "");
        const std::string text = format(*first.expr);
        const ParseResult second = parse(text);
        QVERIFY2(second.expr, (text + ": " + (second.error ? second.error->toString() : "")).c_str());
        QVERIFY2(equal(*first.expr, *second.expr), (dumpTree(*first.expr) + " vs " + dumpTree(*second.expr)).c_str());
        QCOMPARE(q(format(*second.expr)), q(text));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("error");
        auto row = [](const char *query, const char *error) {
            QTest::newRow(tag(query).constData()) << QString::fromUtf8(query) << QString::fromUtf8(error);
        };
        // From Prometheus' parse_test.go (messages), positions as Prometheus reports them.
        row("", "1:1: parse error: no expression found in input");
        row("1+", "1:3: parse error: unexpected end of input");
        row(".", "1:1: parse error: unexpected character: '.'");
        row("2.5.", "1:4: parse error: unexpected character: '.'");
        row("100..4", "1:5: parse error: unexpected number \".4\"");
        row("0deadbeef", "1:1: parse error: bad number or duration syntax: \"0de\"");
        row("1 /", "1:4: parse error: unexpected end of input");
        row("*1", "1:1: parse error: unexpected <op:*>");
        row("(1))", "1:5: parse error: unexpected right parenthesis ')'");
        row("((1)", "1:5: parse error: unclosed left parenthesis");
        row("1 and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression");
        row("1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier");
        row("1 !~ 1", "1:3: parse error: unexpected character after '!': '~'");
        row("1 =~ 1", "1:3: parse error: unexpected character after '=': '~'");
        row("-\"string\"", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant "
                           "vector, got \"string\"");
        row("-test[5m]", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant "
                         "vector, got \"range vector\"");
        row("@@", "1:1: parse error: unexpected <op:@>");
        row("1 offset 1d", "1:1: parse error: offset modifier must be preceded by an instant vector selector or range "
                           "vector selector or a subquery");
        row("foo offset 1s offset 2s", "1:1: parse error: offset may not be set multiple times");
        row("a - on(b) ignoring(c) d", "1:11: parse error: unexpected <ignoring>");
        row("foo and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression");
        row("1 or on(bar) foo", "1:1: parse error: vector matching only allowed between instant vectors");
        row("foo + group_left(baz) bar", "1:7: parse error: unexpected <group_left>");
        row("foo and on(bar) group_left(baz) bar", "1:1: parse error: no grouping allowed for \"and\" operation");
        row("http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}",
            "1:35: parse error: label \"instance\" must not occur in ON and GROUP clause at once");
        row("foo + bool bar", "1:5: parse error: bool modifier can only be used on comparison operators");
        row("{", "1:2: parse error: unexpected end of input inside braces");
        row("}", "1:1: parse error: unexpected character: '}'");
        row("some_metric{a=b}", "1:15: parse error: unexpected identifier \"b\" in label matching, expected string");
        row("some_metric{a:b=\"b\"}", "1:14: parse error: unexpected character inside braces: ':'");
        row("foo{a*\"b\"}", "1:6: parse error: unexpected character inside braces: '*'");
        row("foo{gibberish}", "1:14: parse error: unexpected \"}\" in label matching, expected label matching operator");
        row("foo{a=}", "1:7: parse error: unexpected \"}\" in label matching, expected string");
        row("foo{a=\"b\" c=\"d\"}", "1:11: parse error: unexpected identifier \"c\" in label matching, expected \",\" or \"}\"");
        row("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher");
        row("{x=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher");
        row("foo{__name__=\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\"");
        row("foo[5mm]", "1:5: parse error: bad duration syntax: \"5mm\"");
        row("foo[5m1h]", "1:5: parse error: not a valid duration string: \"5m1h\"");
        row("foo[]", "1:5: parse error: missing unit character in duration");
        row("some_metric[5m] OFFSET 1", "1:24: parse error: unexpected number \"1\" in offset, expected duration");
        row("some_metric OFFSET 1m[5m]", "1:22: parse error: no offset modifiers allowed before range");
        row("(foo + bar)[5m]", "1:12: parse error: ranges only allowed for vector selectors");
        row("sum without(==)(some_metric)", "1:13: parse error: unexpected <op:==> in grouping opts, expected label");
        row("sum some_metric by (test)", "1:5: parse error: unexpected identifier \"some_metric\" in aggregation");
        row("sum (some_metric) by test", "1:22: parse error: unexpected identifier \"test\" in grouping opts, expected \"(\"");
        row("sum () by (test)", "1:1: parse error: no arguments for aggregate expression provided");
        row("MIN (some_metric) keep_common", "1:19: parse error: unexpected identifier \"keep_common\"");
        row("sum (some_metric) without (test) by (test)", "1:34: parse error: unexpected <by>");
        row("topk(some_metric)", "1:1: parse error: wrong number of arguments for aggregate expression provided, "
                                 "expected 2, got 1");
        row("topk(some_metric,)", "1:17: parse error: trailing commas not allowed in function call args");
        row("topk(some_metric, other_metric)", "1:6: parse error: expected type scalar in aggregation parameter, got "
                                               "instant vector");
        row("count_values(5, other_metric)", "1:14: parse error: expected type string in aggregation parameter, got scalar");
        row("rate(some_metric[5m]) @ 1234", "1:1: parse error: @ modifier must be preceded by an instant vector "
                                            "selector or range vector selector or a subquery");
        row("floor(some_metric, other_metric)", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2");
        row("floor(1)", "1:7: parse error: expected type instant vector in call to function \"floor\", got scalar");
        row("hour(some_metric, some_metric, some_metric)", "1:1: parse error: expected at most 1 argument(s) in call "
                                                           "to \"hour\", got 3");
        row("non_existent_function_far_bar()", "1:1: parse error: unknown function with name "
                                               "\"non_existent_function_far_bar\"");
        row("rate(some_metric)", "1:6: parse error: expected type range vector in call to function \"rate\", got "
                                 "instant vector");
        row("label_replace(a, ", "1:18: parse error: unclosed left parenthesis");
        row("test[5d] OFFSET 10s [10m:5s]", "1:1: parse error: subquery is only allowed on instant vector, got matrix "
                                            "instead");
        row("rate(food[1m])[1h] offset 1h", "1:15: parse error: ranges only allowed for vector selectors");
        row("foo[5m:1m 1m]", "1:11: parse error: unexpected duration \"1m\" in subquery selector, expected \"]\"");
        row("foo[5m 1m]", "1:8: parse error: unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\"");
        row("some_metric[5m] @", "1:18: parse error: unexpected end of input in @, expected timestamp");
        row("foo @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times");
        row("foo @ +Inf", "1:1: parse error: timestamp out of bounds for @ modifier: +Inf");
        row("\"\\c\"", "1:1: parse error: unknown escape sequence U+0063 'c'");
        row("`abc", "1:1: parse error: unterminated raw string");
        row("\"abc\n\"", "1:1: parse error: unterminated quoted string");
        row("sum by (\"foo\")(x)", "1:9: parse error: unexpected string \"\\\"foo\\\"\" in grouping opts, expected label");
        row("x{a=~\"(\"}", "1:3: parse error: invalid regular expression \"(\": missing ): ^(?:()$");
        row("sum(foo bar)", "1:9: parse error: unexpected identifier \"bar\" in aggregation");
        row("1e400", "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"1e400\": value out of range");
        // Lines and columns: 1-based, columns in code points.
        row("foo +\n  bar{a=}", "2:9: parse error: unexpected \"}\" in label matching, expected string");
        row("\"\xc3\xa9\xc3\xa9\" + {a=}", "1:11: parse error: unexpected \"}\" in label matching, expected string");
    }
    void errors()
    {
        QFETCH(QString, query);
        QFETCH(QString, error);
        const ParseResult r = parse(query.toStdString());
        QVERIFY(!r.expr);
        QVERIFY(r.error);
        QCOMPARE(q(r.error->toString()), error);
    }

    void errorOffsetsAreBytes()
    {
        const ParseResult r = parse("\"\xc3\xa9\xc3\xa9\" + {a=}");
        QVERIFY(r.error);
        QCOMPARE(r.error->offset, 12u); // bytes
        QCOMPARE(r.error->line, 1u);
        QCOMPARE(r.error->column, 11u); // code points
    }

    void hostileInputIsRefused()
    {
        const std::string big(64 * 1024 + 1, ' ');
        const ParseResult tooBig = parse(big);
        QVERIFY(tooBig.error);
        QVERIFY2(tooBig.error->message.find("query is too long") != std::string::npos, tooBig.error->message.c_str());

        const std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
        const ParseResult nested = parse(deep);
        QVERIFY(nested.error);
        QVERIFY2(nested.error->message.find("maximum depth") != std::string::npos, nested.error->message.c_str());

        std::string chain = "x";
        for (int i = 0; i < 20000; ++i)
            chain += "+x";
        const ParseResult longChain = parse(chain);
        QVERIFY(longChain.error);
        QVERIFY2(longChain.error->message.find("maximum depth") != std::string::npos, longChain.error->message.c_str());

        std::string unary(3000, '-');
        const ParseResult unaryChain = parse(unary + "x");
        QVERIFY(unaryChain.error);

        // Realistic sizes still parse.
        std::string ok = "x";
        for (int i = 0; i < 200; ++i)
            ok += " or x";
        QVERIFY(parse(ok).expr);
    }

    void typesAsPrometheus_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("type");
        QTest::newRow("scalar") << "1 + 2" << int(ValueType::Scalar);
        QTest::newRow("scalar function") << "scalar(x) * 2" << int(ValueType::Scalar);
        QTest::newRow("vector") << "x + 1" << int(ValueType::Vector);
        QTest::newRow("aggregation") << "sum(x)" << int(ValueType::Vector);
        QTest::newRow("matrix") << "x[5m]" << int(ValueType::Matrix);
        QTest::newRow("subquery") << "x[5m:]" << int(ValueType::Matrix);
        QTest::newRow("string") << "\"s\"" << int(ValueType::String);
        QTest::newRow("paren") << "(x[1m])" << int(ValueType::Matrix);
    }
    void typesAsPrometheus()
    {
        QFETCH(QString, query);
        QFETCH(int, type);
        const ParseResult r = parse(query.toStdString());
        QVERIFY(r.expr);
        QCOMPARE(int(r.expr->type()), type);
    }

    void documentedTypes()
    {
        QCOMPARE(documentedType(ValueType::Scalar), std::string_view("scalar"));
        QCOMPARE(documentedType(ValueType::Vector), std::string_view("instant vector"));
        QCOMPARE(documentedType(ValueType::Matrix), std::string_view("range vector"));
        QCOMPARE(documentedType(ValueType::String), std::string_view("string"));
        QCOMPARE(documentedType(ValueType::None), std::string_view("none"));
    }

    void equalComparesStructure()
    {
        const ParseResult a = parse("sum by (a) (x{b=\"c\"} offset 1m)");
        const ParseResult b = parse("sum(x{b='c'}offset 60s)by(a)");
        const ParseResult c = parse("sum by (a) (x{b=\"d\"} offset 1m)");
        QVERIFY(a.expr && b.expr && c.expr);
        QVERIFY(equal(*a.expr, *b.expr));
        QVERIFY(!equal(*a.expr, *c.expr));
        QVERIFY(equal(*parse("NaN").expr, *parse("nan").expr));
        QVERIFY(!equal(*parse("a + b").expr, *parse("a - b").expr));
        QVERIFY(!equal(*parse("a + b").expr, *parse("(a + b)").expr));
    }

    void functionTable()
    {
        // Every function the local engine implements (Engine.h) is registered.
        for (const char *name :
             {"rate", "irate", "increase", "delta", "idelta", "resets", "changes", "avg_over_time", "sum_over_time",
              "min_over_time", "max_over_time", "count_over_time", "last_over_time", "stddev_over_time",
              "stdvar_over_time", "present_over_time", "quantile_over_time", "histogram_quantile", "abs", "ceil",
              "floor", "round", "clamp", "clamp_min", "clamp_max", "exp", "ln", "log2", "log10", "sqrt", "scalar",
              "vector", "time", "timestamp", "absent", "sort", "sort_desc"}) {
            const Function *f = findFunction(name);
            QVERIFY2(f, name);
            QCOMPARE(f->name, std::string_view(name));
        }
        QCOMPARE(allFunctions().size(), std::size_t(70)); // Prometheus 2.42's table
        QVERIFY(!findFunction("RATE"));
        QVERIFY(!findFunction("sort_by_label")); // newer than 2.42
        const Function *hq = findFunction("histogram_quantile");
        QCOMPARE(hq->argTypes.size(), std::size_t(2));
        QCOMPARE(int(hq->argTypes[0]), int(ValueType::Scalar));
        QCOMPARE(int(hq->returnType), int(ValueType::Vector));
        QCOMPARE(findFunction("label_join")->variadic, -1);
        QCOMPARE(findFunction("round")->variadic, 1);
        QCOMPARE(int(findFunction("time")->returnType), int(ValueType::Scalar));
        // A real function the engine lacks parses; the engine refuses it by name (tst_engine).
        QVERIFY(parse("deriv(x[5m])").expr);
        QVERIFY(parse("label_join(x, \"d\", \",\")").expr);
        QVERIFY(parse("round(x)").expr);
    }
};

QTEST_GUILESS_MAIN(TestPromqlParser)
#include "tst_promql_parser.moc"
