// Label and annotation templates as Prometheus expands them: $labels, $value,
// the humanize family digit for digit (cases from Prometheus'
// template/template_test.go), the rule's unit, printf, trimming, errors;
// and Prometheus durations.

#include "alerting/AlertTemplate.h"
#include "alerting/Humanize.h"
#include "alerting/PromDuration.h"
#include "alerting/RuleSampler.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

#include <cmath>
#include <limits>

using namespace mw;
using namespace mw::alerting;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

std::string joined(std::string (*fn)(double), std::initializer_list<double> values)
{
    std::string out;
    for (double v : values)
        out += fn(v) + ":";
    return out;
}

TemplateResult expand(const char *text, double value, ValueUnit unit = ValueUnit::None)
{
    static const Labels labels{{"model_name", "resnet"}, {"API", "Predict"}, {"team-x", "ml"}};
    return expandTemplate(text, TemplateContext{&labels, value, unit});
}

} // namespace

class TestAlertTemplate : public QObject
{
    Q_OBJECT

private slots:
    void humanizeLikePrometheus()
    {
        QCOMPARE(q(joined(&humanize, {0.0, 1.0, 1234567.0, .12})), u"0:1:1.235M:120m:"_s);
        QCOMPARE(q(joined(&humanize1024, {0.0, 1.0, 1048576.0, .12})), u"0:1:1Mi:0.12:"_s);
        QCOMPARE(q(joined(&humanizeDuration, {0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99})),
                 u"0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:"_s);
        QCOMPARE(q(joined(&humanizeDuration, {.1, .0001, .12345, 60.1, 60.5, 1.2345, 12.345})),
                 u"100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:"_s);
        QCOMPARE(q(joined(&humanizePercentage, {0, 0.1234567, 0.5, 1.0})), u"0%:12.35%:50%:100%:"_s);
        const double inf = std::numeric_limits<double>::infinity();
        QCOMPARE(q(joined(&humanize, {std::nan(""), inf, -inf, -1234.5})), u"NaN:+Inf:-Inf:-1.234k:"_s);
        QCOMPARE(q(humanizeDuration(1e300)), u"106481481481481d 11h 33m 20s"_s); // clamped, not UB
    }

    void goFloat_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("integer") << 612000.0 << u"612000"_s;
        QTest::newRow("million") << 1e6 << u"1e+06"_s;
        QTest::newRow("seven digits") << 1234567.0 << u"1.234567e+06"_s;
        QTest::newRow("half") << 0.5 << u"0.5"_s;
        QTest::newRow("1e-4") << 0.0001 << u"0.0001"_s;
        QTest::newRow("1e-5") << 0.00001 << u"1e-05"_s;
        QTest::newRow("third") << 1.0 / 3.0 << u"0.3333333333333333"_s;
        QTest::newRow("negative") << -42.25 << u"-42.25"_s;
        QTest::newRow("zero") << 0.0 << u"0"_s;
        QTest::newRow("nan") << std::nan("") << u"NaN"_s;
    }

    void goFloat()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(q(formatGoFloat(value)), text);
    }

    void templates_data()
    {
        QTest::addColumn<QString>("tmpl");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("unit");
        QTest::addColumn<QString>("text");
        const int none = int(ValueUnit::None);
        QTest::newRow("labels and value") << u"{{ $labels.model_name }} ({{ .Labels.API }}): {{ $value }}"_s << 612000.0 << none
                                          << u"resnet (Predict): 612000"_s;
        QTest::newRow("humanize pipe") << u"{{ $value | humanize }}µs"_s << 612345.6 << none << u"612.3kµs"_s;
        QTest::newRow("duration from µs") << u"{{ $value | humanizeDuration }}"_s << 612000.0 << int(ValueUnit::Microseconds)
                                          << u"612ms"_s;
        QTest::newRow("duration from ms") << u"{{ $value | humanizeDuration }}"_s << 90500.0 << int(ValueUnit::Milliseconds)
                                          << u"1m 30s"_s;
        QTest::newRow("duration seconds as Prometheus") << u"{{ $value | humanizeDuration }}"_s << 0.75 << none << u"750ms"_s;
        QTest::newRow("percent of a ratio") << u"{{ $value | humanizePercentage }}"_s << 0.0567 << int(ValueUnit::Ratio)
                                            << u"5.67%"_s;
        QTest::newRow("percent unit") << u"{{ $value | humanizePercentage }}"_s << 45.2 << int(ValueUnit::Percent) << u"45.2%"_s;
        QTest::newRow("function call form") << u"{{ humanize $value }}"_s << 2500.0 << none << u"2.5k"_s;
        QTest::newRow("printf") << u"{{ printf \"%.2f\" $value }} / {{ $value | printf \"%05.1f%%\" }}"_s << 3.14159 << none
                                << u"3.14 / 003.1%"_s;
        QTest::newRow("printf string and int") << u"{{ printf \"%s=%d\" $labels.API $value }}"_s << 41.9 << none << u"Predict=41"_s;
        QTest::newRow("index for odd names") << u"{{ index $labels \"team-x\" }}"_s << 0.0 << none << u"ml"_s;
        QTest::newRow("missing label") << u"[{{ $labels.nope }}]"_s << 0.0 << none << u"[<no value>]"_s;
        QTest::newRow("case") << u"{{ $labels.API | toUpper }} {{ \"a b\" | title }} {{ toLower \"X\" }}"_s << 0.0 << none
                              << u"PREDICT A B x"_s;
        QTest::newRow("parentheses") << u"{{ (humanize $value) | toUpper }}"_s << 0.002 << none << u"2M"_s;
        QTest::newRow("trim and comment") << u"a  {{- /* why */ -}}  b {{- $labels.API }}"_s << 0.0 << none << u"abPredict"_s;
        QTest::newRow("no actions") << u"plain {text}"_s << 0.0 << none << u"plain {text}"_s;
        QTest::newRow("all labels") << u"{{ $labels }}"_s << 0.0 << none << uR"({API="Predict", model_name="resnet", team-x="ml"})"_s;
    }

    void templates()
    {
        QFETCH(QString, tmpl);
        QFETCH(double, value);
        QFETCH(int, unit);
        QFETCH(QString, text);
        const std::string t = tmpl.toStdString();
        const TemplateResult r = expand(t.c_str(), value, ValueUnit(unit));
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(q(r.text), text);
    }

    void templateErrors_data()
    {
        QTest::addColumn<QString>("tmpl");
        QTest::addColumn<QString>("error");
        QTest::newRow("unclosed") << u"{{ $value "_s << u"unclosed action"_s;
        QTest::newRow("unknown function") << u"{{ $value | frobnicate }}"_s << u"function \"frobnicate\" not defined"_s;
        QTest::newRow("unknown variable") << u"{{ $foo }}"_s << u"undefined variable \"$foo\""_s;
        QTest::newRow("not a number") << u"{{ $labels.API | humanize }}"_s << u"humanize: cannot convert \"Predict\" to a number"_s;
        QTest::newRow("unterminated string") << u"{{ \"abc }}"_s << u"unterminated string"_s;
        QTest::newRow("deep parentheses") << QString(u"{{ "_s + QString(40, u'(') + u"1"_s + QString(40, u')') + u" }}"_s)
                                          << u"parentheses nested too deeply"_s;
        QTest::newRow("control flow") << u"{{ if $value }}x{{ end }}"_s << u"function \"if\" not defined"_s;
    }

    void templateErrors()
    {
        QFETCH(QString, tmpl);
        QFETCH(QString, error);
        const std::string t = tmpl.toStdString();
        const TemplateResult r = expand(t.c_str(), 1.0);
        QCOMPARE(q(r.error), error);
        QVERIFY(r.text.empty());
    }

    void annotationErrorKeepsAlert()
    {
        AlertRule rule;
        rule.name = "X";
        rule.annotations = {{"summary", "{{ $value | nope }}"}, {"ok", "{{ $labels.model }}"}};
        const auto a = expandAnnotations(rule, Labels{{"model", "m"}}, 1.0);
        QCOMPARE(q(a.at("summary")), u"<error expanding template: function \"nope\" not defined>"_s);
        QCOMPARE(q(a.at("ok")), u"m"_s);
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("formatted");
        QTest::newRow("zero") << u"0"_s << qint64(0) << u"0s"_s;
        QTest::newRow("ms") << u"500ms"_s << qint64(500) << u"500ms"_s;
        QTest::newRow("compound") << u"1h30m"_s << qint64(5'400'000) << u"1h30m"_s;
        // prometheus/common prints years and weeks only when they divide exactly.
        QTest::newRow("all units") << u"1y1w1d1h1m1s1ms"_s << qint64(32'230'861'001) << u"373d1h1m1s1ms"_s;
        QTest::newRow("exact weeks") << u"14d"_s << qint64(1'209'600'000) << u"2w"_s;
        QTest::newRow("exact year") << u"1y"_s << qint64(31'536'000'000) << u"1y"_s;
        QTest::newRow("normalised") << u"90s"_s << qint64(90'000) << u"1m30s"_s;
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QFETCH(QString, formatted);
        QCOMPARE(parsePromDuration(text.toStdString()), std::optional<int64_t>(ms));
        QCOMPARE(q(formatPromDuration(ms)), formatted);
    }

    void badDurations()
    {
        for (const char *bad : {"", "5", "m", "1m1h", "1s1s", "1.5h", "-1m", "1 m", "5M", "99999999999999999999s", "106751991168d"})
            QVERIFY2(!parsePromDuration(bad), bad);
    }
};

QTEST_GUILESS_MAIN(TestAlertTemplate)
#include "tst_alert_template.moc"
