// Prometheus alerting rule files: a realistic TF Serving file (latency in µs)
// imported and run through the engine, thresholds split out of expressions,
// recording and invalid rules reported (never dropped silently), malformed
// YAML refused with LINE:COLUMN, hostile input handled without a crash.

#include "AlertTestSupport.h"

#include "alerting/ExprThreshold.h"
#include "alerting/ManualClock.h"
#include "alerting/RuleFileImporter.h"

#include <QFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace mw;
using namespace mw::alerting;
using namespace mw::alerting::test;

namespace {

std::string readData(const char *name)
{
    QFile f(QStringLiteral(MW_TEST_DATA_DIR "/alerting/") + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", name);
    return f.readAll().toStdString();
}

QString q(const std::string &s) { return QString::fromStdString(s); }

const AlertRule *find(const RuleFileImport &r, const std::string &id)
{
    for (const AlertRule &rule : r.rules)
        if (rule.id == id)
            return &rule;
    return nullptr;
}

const char *kLatencyExpr = "rate(:tensorflow:serving:request_latency_sum[1m]) / rate(:tensorflow:serving:request_latency_count[1m])";

} // namespace

class TestAlertRuleFile : public QObject
{
    Q_OBJECT

private slots:
    void importTfServingRules()
    {
        const RuleFileImport r = importRuleFile(readData("tfserving_rules.yml"));
        QVERIFY2(r.ok(), r.error->toString().c_str());
        QCOMPARE(r.rules.size(), std::size_t(4));
        QVERIFY(r.warnings.empty());
        QCOMPARE(r.notImported.size(), std::size_t(1));
        QCOMPARE(r.notImported[0].line, 37);
        QCOMPARE(r.notImported[0].column, 9);
        QVERIFY(r.notImported[0].message.find("recording rule \"tfserving:request_latency_us:mean1m\"") == 0);

        const AlertRule *hl = find(r, "tfserving/HighLatency");
        QVERIFY(hl);
        QCOMPARE(q(hl->name), u"HighLatency"_s);
        QCOMPARE(q(hl->group), u"tfserving"_s);
        QCOMPARE(hl->kind, ConditionKind::Threshold);
        QCOMPARE(q(hl->expr), QString::fromLatin1(kLatencyExpr));
        QCOMPARE(hl->op, CompareOp::Greater);
        QCOMPARE(hl->threshold, 500000.0);
        QCOMPARE(hl->intervalMs, int64_t(30'000));
        QCOMPARE(hl->forMs, int64_t(300'000));
        QCOMPARE(hl->keepFiringForMs, int64_t(120'000));
        QCOMPARE(hl->severity, Severity::Critical);
        QCOMPARE(hl->noData, StatePolicy::Ok);
        QCOMPARE(hl->onError, StatePolicy::KeepState);
        QCOMPARE(hl->labels, (std::map<std::string, std::string>{{"severity", "critical"}, {"team", "ml-platform"}}));
        QCOMPARE(q(hl->annotations.at("description")),
                 u"Mean request latency of {{ $labels.model_name }} over {{ $labels.entrypoint }} has been above 500 ms for 5 minutes."_s);

        const AlertRule *er = find(r, "tfserving/HighErrorRate");
        QVERIFY(er);
        QCOMPARE(er->kind, ConditionKind::Threshold);
        QCOMPARE(er->threshold, 0.05);
        QVERIFY(er->expr.find("sum by (model_name) (rate(:tensorflow:serving:request_count{status!=\"OK\"}[5m]))") == 0);
        QVERIFY(er->expr.back() == ')');
        QCOMPARE(er->severity, Severity::Warning);

        const AlertRule *ml = find(r, "tfserving/ModelLoadFailed");
        QVERIFY(ml);
        QCOMPARE(ml->kind, ConditionKind::Filter); // `and on(...)`: kept as written
        QVERIFY(ml->expr.find("> 0 and on(model_path)") != std::string::npos);
        QCOMPARE(ml->severity, Severity::Critical); // severity: page

        const AlertRule *qs = find(r, "tfserving-batching/QueueingSlow");
        QVERIFY(qs);
        QCOMPARE(qs->op, CompareOp::GreaterEqual);
        QCOMPARE(qs->threshold, 100000.0);
        QCOMPARE(qs->intervalMs, int64_t(60'000)); // the default evaluation interval
        QCOMPARE(qs->forMs, int64_t(900'000));
    }

    void importedHighLatencyRunsInTheEngine()
    {
        RuleFileImport r = importRuleFile(readData("tfserving_rules.yml"));
        ManualClock clock;
        ScriptedQuerier querier;
        AlertEngine engine(clock, querier);
        std::vector<std::string> errors;
        engine.setRules(r.rules, &errors);
        QVERIFY(errors.empty());
        const Labels resnet{{"model_name", "resnet"}, {"API", "Predict"}, {"entrypoint", "REST"}};
        const Labels bert{{"model_name", "bert"}, {"API", "Predict"}, {"entrypoint", "GRPC"}};
        querier.set(kLatencyExpr, {SeriesValue{resnet, 612000}, SeriesValue{bert, 41000}}); // µs: 612 ms and 41 ms
        std::vector<AlertEvent> fired;
        for (int64_t t = 0; t <= 300'000; t += 30'000) {
            clock.setMs(t);
            for (const AlertEvent &e : notifications(engine.tick()))
                fired.push_back(e);
        }
        QCOMPARE(fired.size(), std::size_t(1));
        QCOMPARE(fired[0].atMs, int64_t(300'000)); // `for: 5m` on the 30 s group interval
        const AlertInstance &a = fired[0].instance;
        QCOMPARE(a.labels.get("model_name"), std::optional<std::string_view>("resnet"));
        QCOMPARE(a.labels.get("team"), std::optional<std::string_view>("ml-platform"));
        QCOMPARE(q(a.annotations.at("summary")), u"resnet (Predict) mean latency 612kµs"_s);
        QCOMPARE(q(a.annotations.at("description")).left(48), u"Mean request latency of resnet over REST has bee"_s); // `>-` folds lines
    }

    void reportsWhatItDoesNotImport()
    {
        const RuleFileImport r = importRuleFile(readData("mixed_invalid.yml"));
        QVERIFY(r.ok());
        QCOMPARE(r.rules.size(), std::size_t(1));
        QCOMPARE(q(r.rules[0].id), u"mixed/Good"_s);
        QCOMPARE(r.notImported.size(), std::size_t(3));
        QCOMPARE(q(r.notImported[0].toString()), u"4:9: alert NoExpr: no expr"_s);
        QCOMPARE(q(r.notImported[1].toString()), u"8:14: alert BadFor for: not a duration \"five minutes\""_s);
        QVERIFY(r.notImported[2].toString().rfind("12:9: recording rule \"job:up:sum\"", 0) == 0);
        QCOMPARE(r.warnings.size(), std::size_t(1));
        QCOMPARE(q(r.warnings[0].toString()), u"11:9: rule: unknown key \"surprise\" ignored"_s);
    }

    void escapesComeBackAsUtf8()
    {
        const RuleFileImport r = importRuleFile(readData("yaml_escapes.yml"));
        QVERIFY2(r.ok(), r.error->toString().c_str());
        QCOMPARE(r.rules.size(), std::size_t(1));
        // NBSP, NEL, LINE SEPARATOR, é, A.
        QCOMPARE(r.rules[0].annotations.at("summary"), std::string("a\xC2\xA0" "b\xC2\x85" "c\xE2\x80\xA8" "d\xC3\xA9" "A"));
        QCOMPARE(q(importRuleFile("groups: [{name: \"\\ud800\"}]").error->toString()), u"1:24: invalid unicode: 55296"_s);
    }

    void malformedYamlHasLineAndColumn()
    {
        const RuleFileImport r = importRuleFile(readData("malformed_indent.yml"));
        QVERIFY(!r.ok());
        QVERIFY(r.rules.empty());
        QCOMPARE(r.error->line, 6);
        QVERIFY(r.error->column >= 1);
        QVERIFY(!r.error->message.empty());
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error");
        QTest::newRow("scalar root") << "just text"_ba << u"1:1: rule file: not a map with a \"groups\" list"_s;
        QTest::newRow("groups not a list") << "groups: {a: 1}"_ba << u"1:9: groups: not a list"_s;
        QTest::newRow("repeated key") << "groups: []\ngroups: []"_ba << u"2:1: rule file: key \"groups\" repeated"_s;
        QTest::newRow("latin-1") << "# caf\xc3\xa9\ngroups: \"caf\xe9\""_ba << u"2:13: not UTF-8"_s;
        QTest::newRow("overlong") << "groups: \xc0\xaf"_ba << u"1:9: not UTF-8"_s;
        QTest::newRow("surrogate") << "groups: \xed\xa0\x80"_ba << u"1:9: not UTF-8"_s;
        QTest::newRow("unclosed flow") << "groups: [ {name: x"_ba << u""_s;
        QTest::newRow("tab indentation") << "groups:\n\t- name: x"_ba << u""_s;
        QTest::newRow("stray bracket") << "groups: [a, b]]"_ba << u""_s;
        QTest::newRow("map in map value") << "groups: a: b"_ba << u""_s;
    }

    void refusals()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const RuleFileImport r = importRuleFile(yaml.toStdString());
        QVERIFY(!r.ok());
        if (!error.isEmpty())
            QCOMPARE(q(r.error->toString()), error);
        else
            QVERIFY2(r.error->line >= 1 && r.error->column >= 1, r.error->toString().c_str());
    }

    void emptyFilesAreValid()
    {
        for (const char *text : {"", "# only a comment\n", "groups:\n", "groups: []\n"}) {
            const RuleFileImport r = importRuleFile(text);
            QVERIFY2(r.ok() && r.rules.empty() && r.notImported.empty(), text);
        }
    }

    void hostileInput()
    {
        RuleFileOptions small;
        small.maxBytes = 100;
        QCOMPARE(q(importRuleFile(std::string(101, ' '), small).error->message), u"rule file larger than 100 bytes"_s);
        // Each of these must come back (error or not) without crashing,
        // exhausting the stack, or hanging.
        std::vector<std::string> inputs{
            std::string(100'000, '['),
            std::string(100'000, '{'),
            [] { std::string s; for (int i = 0; i < 20'000; ++i) s += "- "; return s; }(),
            "a: &a [*a]\n",
            "groups: &g\n  - name: x\n    rules: *g\n",
            std::string("groups:\n  - name: \0x\n", 22),
            "\xff\xfe\x00\x01garbage\x80",
            "groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: up\n        labels: [1, 2]\n",
            "groups:\n  - name: x\n    rules:\n      - alert: [A]\n        expr: {a: b}\n        for: [1m]\n",
            "groups:\n  - name: x\n    interval: 0s\n    rules: [{alert: A, expr: up}]\n",
        };
        // A billion laughs: aliases share nodes; the rule cap bounds the walk.
        std::string laughs = "a0: &a0 [{alert: A, expr: up}]\n";
        for (int i = 1; i < 30; ++i)
            laughs += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]\n";
        laughs += "groups:\n  - name: x\n    rules: *a29\n";
        inputs.push_back(laughs);
        for (const std::string &in : inputs) {
            const RuleFileImport r = importRuleFile(in);
            if (!r.ok())
                QVERIFY(!r.error->message.empty());
        }
        const RuleFileImport cyclic = importRuleFile("groups: &g\n  - name: x\n    rules: *g\n");
        QVERIFY(cyclic.rules.empty());
    }

    void ruleCap()
    {
        std::string text = "groups:\n  - name: g\n    rules:\n";
        for (int i = 0; i < 5; ++i)
            text += "      - alert: A" + std::to_string(i) + "\n        expr: up == 0\n";
        RuleFileOptions options;
        options.maxRules = 3;
        const RuleFileImport r = importRuleFile(text, options);
        QCOMPARE(r.rules.size(), std::size_t(3));
        QCOMPARE(r.notImported.size(), std::size_t(1));
        QCOMPARE(q(r.notImported[0].toString()), u"10:9: more than 3 rules: this one and the rest are not imported"_s);
    }

    void repeatedNamesGetDistinctIds()
    {
        const RuleFileImport r = importRuleFile(
            "groups:\n- name: g\n  rules:\n  - {alert: A, expr: up == 0}\n  - {alert: A, expr: up == 0, labels: {x: y}}\n"
            "- name: g\n  rules:\n  - {alert: A, expr: up == 0}\n");
        QCOMPARE(r.rules.size(), std::size_t(3));
        QCOMPARE(q(r.rules[1].id), u"g/A#2"_s);
        QCOMPARE(q(r.rules[2].id), u"g/A#3"_s);
        QCOMPARE(r.warnings.size(), std::size_t(1)); // the repeated group name
        QCOMPARE(r.rules[0].kind, ConditionKind::Threshold);
        QCOMPARE(r.rules[0].op, CompareOp::Equal);
    }

    void keepAsWritten()
    {
        RuleFileOptions options;
        options.splitThresholds = false;
        const RuleFileImport r = importRuleFile(readData("tfserving_rules.yml"), options);
        QCOMPARE(r.rules.front().kind, ConditionKind::Filter);
        QCOMPARE(q(r.rules.front().expr), QString::fromLatin1(kLatencyExpr) + u" > 500000"_s);
    }

    void splitThreshold_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QString>("left");
        QTest::addColumn<int>("op");
        QTest::addColumn<double>("threshold");
        const auto no = -1;
        QTest::newRow("ratio") << u"a / b > 500000"_s << u"a / b"_s << int(CompareOp::Greater) << 500000.0;
        QTest::newRow("tight") << u"x<=-1.5e3"_s << u"x"_s << int(CompareOp::LessEqual) << -1500.0;
        QTest::newRow("ne") << u"up != 1"_s << u"up"_s << int(CompareOp::NotEqual) << 1.0;
        QTest::newRow("inner comparisons") << uR"(count(x{a=~"b>c"} > 1) by (j) < 2)"_s << uR"(count(x{a=~"b>c"} > 1) by (j))"_s
                                           << int(CompareOp::Less) << 2.0;
        QTest::newRow("bool") << u"x > bool 1"_s << u""_s << no << 0.0;
        QTest::newRow("and") << u"x > 1 and y"_s << u""_s << no << 0.0;
        QTest::newRow("unless upper") << u"x > 1 UNLESS y"_s << u""_s << no << 0.0;
        QTest::newRow("vector rhs") << u"x > y"_s << u""_s << no << 0.0;
        QTest::newRow("two comparisons") << u"x > 1 < 2"_s << u""_s << no << 0.0;
        QTest::newRow("number left") << u"1 < 2"_s << u""_s << no << 0.0;
        QTest::newRow("offset") << u"x > 1 offset 5m"_s << u""_s << no << 0.0;
        QTest::newRow("comment") << u"x > 1 # high"_s << u""_s << no << 0.0;
        QTest::newRow("hex") << u"x > 0x10"_s << u""_s << no << 0.0;
        QTest::newRow("inf") << u"x > Inf"_s << u""_s << no << 0.0;
        QTest::newRow("unbalanced") << u"(x > 1"_s << u""_s << no << 0.0;
        QTest::newRow("no comparison") << u"up"_s << u""_s << no << 0.0;
        QTest::newRow("on") << u"x > on(a) 1"_s << u""_s << no << 0.0;
    }

    void splitThreshold()
    {
        QFETCH(QString, expr);
        QFETCH(QString, left);
        QFETCH(int, op);
        QFETCH(double, threshold);
        const auto s = splitTrailingComparison(expr.toStdString());
        QCOMPARE(s.has_value(), op >= 0);
        if (!s)
            return;
        QCOMPARE(q(s->left), left);
        QCOMPARE(int(s->op), op);
        QCOMPARE(s->threshold, threshold);
    }
};

QTEST_GUILESS_MAIN(TestAlertRuleFile)
#include "tst_alert_rulefile.moc"
