// Number syntax (Go's ParseFloat as Prometheus uses it), integers and UTF-8.

#include "exposition/Lexer.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace mw::expo;

class TestLexer : public QObject
{
    Q_OBJECT

private slots:
    void floats_data();
    void floats();
    void int64s_data();
    void int64s();
    void utf8_data();
    void utf8();
    void findSpecial();
};

void TestLexer::floats_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("value");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("int") << QByteArray("42") << true << 42.0;
    QTest::newRow("neg") << QByteArray("-1.5") << true << -1.5;
    QTest::newRow("plus") << QByteArray("+3") << true << 3.0;
    QTest::newRow("exp") << QByteArray("1.458255915e9") << true << 1.458255915e9;
    QTest::newRow("EXP") << QByteArray("1.8823641E7") << true << 1.8823641e7;
    QTest::newRow("exp plus") << QByteArray("8.60825e+07") << true << 8.60825e7;
    QTest::newRow("exp minus") << QByteArray("1.5e-05") << true << 1.5e-05;
    QTest::newRow("leading zeros") << QByteArray("0042") << true << 42.0;
    QTest::newRow(".5") << QByteArray(".5") << true << 0.5;
    QTest::newRow("5.") << QByteArray("5.") << true << 5.0;
    QTest::newRow("-0") << QByteArray("-0") << true << -0.0;
    QTest::newRow("long le") << QByteArray("0.00015000000000000001") << true << 0.00015000000000000001;
    QTest::newRow("denormal") << QByteArray("4.9e-324") << true << 4.9e-324;
    QTest::newRow("huge") << QByteArray("1e308") << true << 1e308;
    QTest::newRow("overflow (Go ErrRange)") << QByteArray("1e309") << false << 0.0;
    QTest::newRow("negative overflow") << QByteArray("-1e309") << false << 0.0;
    QTest::newRow("underflow to zero") << QByteArray("1e-400") << true << 0.0;
    QTest::newRow("+Inf") << QByteArray("+Inf") << true << inf;
    QTest::newRow("Inf") << QByteArray("Inf") << true << inf;
    QTest::newRow("-inf") << QByteArray("-inf") << true << -inf;
    QTest::newRow("infinity") << QByteArray("Infinity") << true << inf;
    QTest::newRow("-INFINITY") << QByteArray("-INFINITY") << true << -inf;
    QTest::newRow("empty") << QByteArray("") << false << 0.0;
    QTest::newRow("sign only") << QByteArray("-") << false << 0.0;
    QTest::newRow("double sign") << QByteArray("--1") << false << 0.0;
    QTest::newRow("hex") << QByteArray("0x1p-3") << false << 0.0;
    QTest::newRow("underscore") << QByteArray("1_000") << false << 0.0;
    QTest::newRow("trailing") << QByteArray("1.0x") << false << 0.0;
    QTest::newRow("exp only") << QByteArray("1e") << false << 0.0;
    QTest::newRow("dot only") << QByteArray(".") << false << 0.0;
    QTest::newRow("infinit") << QByteArray("infinit") << false << 0.0;
    QTest::newRow("nan(payload)") << QByteArray("nan(123)") << false << 0.0;
    QTest::newRow("+nan") << QByteArray("+NaN") << false << 0.0;
    QTest::newRow("space") << QByteArray(" 1") << false << 0.0;
}

void TestLexer::floats()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(double, value);
    double out = 12345;
    QCOMPARE(lex::parseFloat(std::string_view(text.constData(), size_t(text.size())), out), valid);
    if (valid) {
        QCOMPARE(out, value);
        QCOMPARE(std::signbit(out), std::signbit(value));
    }
}

void TestLexer::int64s_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("value");
    QTest::newRow("ms") << QByteArray("1718000000000") << true << qint64(1718000000000);
    QTest::newRow("neg") << QByteArray("-3982045") << true << qint64(-3982045);
    QTest::newRow("max") << QByteArray("9223372036854775807") << true << std::numeric_limits<qint64>::max();
    QTest::newRow("min") << QByteArray("-9223372036854775808") << true << std::numeric_limits<qint64>::min();
    QTest::newRow("overflow") << QByteArray("9223372036854775808") << false << qint64(0);
    QTest::newRow("float") << QByteArray("1.5") << false << qint64(0);
    QTest::newRow("plus") << QByteArray("+1") << false << qint64(0);
    QTest::newRow("empty") << QByteArray("") << false << qint64(0);
}

void TestLexer::int64s()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, value);
    int64_t out = 0;
    QCOMPARE(lex::parseInt64(std::string_view(text.constData(), size_t(text.size())), out), valid);
    if (valid)
        QCOMPARE(qint64(out), value);
}

void TestLexer::utf8_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("hello world, a long ascii run of text") << true;
    QTest::newRow("2-byte") << QByteArray("Grüße") << true;
    QTest::newRow("3-byte") << QByteArray("€ and ✓") << true;
    QTest::newRow("4-byte") << QByteArray("🚀") << true;
    QTest::newRow("lone continuation") << QByteArray("a\x80" "b") << false;
    QTest::newRow("overlong 2") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("overlong 3") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("above max") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("truncated") << QByteArray("abcdefgh\xe2\x82") << false;
    QTest::newRow("ff") << QByteArray("\xff") << false;
}

void TestLexer::utf8()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QCOMPARE(lex::isValidUtf8(std::string_view(text.constData(), size_t(text.size()))), valid);
}

void TestLexer::findSpecial()
{
    // Every position of each special byte is found, in long and short runs.
    for (size_t len = 1; len < 40; ++len) {
        for (size_t pos = 0; pos < len; ++pos) {
            for (char special : {'"', '\\', '\n', '\xc3'}) {
                std::string s(len, 'a');
                s[pos] = special;
                const char *hit = lex::findQuoteBackslashNewlineOrHigh(s.data(), s.data() + s.size());
                QCOMPARE(size_t(hit - s.data()), pos);
            }
        }
        std::string none(len, 'x');
        QCOMPARE(lex::findQuoteBackslashNewlineOrHigh(none.data(), none.data() + len), none.data() + len);
    }
}

QTEST_GUILESS_MAIN(TestLexer)
#include "tst_lexer.moc"
