// The panel editor's widget-free helpers: the completion context of a
// half-typed expression, the expression check (parser message and position
// as written, variables substituted), threshold bands, unit names, kind
// names and fields, and the quality panels' source check (the document's
// checkPanelSources message, unknown kinds left unchecked). Legend
// names are view::legendText's (tst_view_text, tst_editor_preview).

#include "CompletionContext.h"
#include "ExpressionCheck.h"
#include "PanelKinds.h"
#include "PanelSourceCheck.h"
#include "ThresholdPlotting.h"
#include "UnitNames.h"
#include "dashboard/DocumentCheck.h"

#include <QTest>

#include <cmath>

using namespace mw;
using namespace mw::editor;
using Kind = CompletionContext::Kind;

Q_DECLARE_METATYPE(mw::editor::CompletionContext::Kind)

class TestEditorHelpers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void context_data();
    void context();
    void contextInsideStringIsNotAName();
    void checkAcceptsValidExpressions();
    void checkReportsParserMessageAndPosition();
    void checkMapsPositionThroughVariables();
    void unitNamesAreReadableAndComplete();
    void bandsReachTheNextThreshold();
    void kindNamesAndFields();
    void sourceProblemIsTheDocumentsMessage_data();
    void sourceProblemIsTheDocumentsMessage();
};

void TestEditorHelpers::context_data()
{
    QTest::addColumn<QString>("text"); // '|' marks the cursor
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("label");

    QTest::newRow("empty") << "|" << Kind::MetricOrFunction << "" << "" << "";
    QTest::newRow("metric prefix") << "req|" << Kind::MetricOrFunction << "req" << "" << "";
    QTest::newRow("colon metric") << ":tensorflow:serv|" << Kind::MetricOrFunction << ":tensorflow:serv" << "" << "";
    QTest::newRow("inside call") << "rate(http_req|" << Kind::MetricOrFunction << "http_req" << "" << "";
    QTest::newRow("after operator") << "a / b|" << Kind::MetricOrFunction << "b" << "" << "";
    QTest::newRow("label after brace") << "up{|" << Kind::LabelName << "" << "up" << "";
    QTest::newRow("label prefix") << "up{jo|" << Kind::LabelName << "jo" << "up" << "";
    QTest::newRow("second label") << "up{job=\"x\", ins|" << Kind::LabelName << "ins" << "up" << "";
    QTest::newRow("brace in call") << "rate(:tf:count{mod|}[1m])" << Kind::LabelName << "mod" << ":tf:count" << "";
    QTest::newRow("bare brace") << "{|" << Kind::LabelName << "" << "" << "";
    QTest::newRow("label value") << "up{job=\"pro|" << Kind::LabelValue << "pro" << "up" << "job";
    QTest::newRow("regex value") << "up{job =~ \"|" << Kind::LabelValue << "" << "up" << "job";
    QTest::newRow("negated value") << "up{job!=\"a|\"}" << Kind::LabelValue << "a" << "up" << "job";
    QTest::newRow("sum by before") << "sum by (mo|) (rate(x_total[1m]))" << Kind::LabelName << "mo" << "x_total" << "";
    QTest::newRow("sum by after") << "sum(rate(x_total[1m])) by (|" << Kind::LabelName << "" << "x_total" << "";
    QTest::newRow("on list") << "a / on(inst|) b" << Kind::LabelName << "inst" << "a" << "";
    QTest::newRow("duration") << "rate(x[1|" << Kind::None << "" << "" << "";
    QTest::newRow("number") << "x > 25|" << Kind::None << "" << "" << "";
    QTest::newRow("unquoted value") << "up{job=pro|" << Kind::None << "" << "" << "";
    QTest::newRow("after closed brace") << "up{job=\"a\"} + rat|" << Kind::MetricOrFunction << "rat" << "" << "";
}

void TestEditorHelpers::context()
{
    QFETCH(QString, text);
    QFETCH(Kind, kind);
    QFETCH(QString, prefix);
    QFETCH(QString, metric);
    QFETCH(QString, label);
    const int cursor = int(text.indexOf(u'|'));
    QVERIFY(cursor >= 0);
    text.remove(cursor, 1);
    const CompletionContext ctx = completionContext(text, cursor);
    QCOMPARE(ctx.kind, kind);
    if (kind == Kind::None)
        return;
    QCOMPARE(ctx.prefix, prefix);
    QCOMPARE(ctx.prefixStart, cursor - int(prefix.size()));
    QCOMPARE(ctx.metric, metric);
    QCOMPARE(ctx.label, label);
}

void TestEditorHelpers::contextInsideStringIsNotAName()
{
    const QString text = QStringLiteral("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\")");
    QCOMPARE(completionContext(text, int(text.indexOf(QStringLiteral("dst"))) + 2).kind, Kind::None);
}

void TestEditorHelpers::checkAcceptsValidExpressions()
{
    for (const char *expr : {"up", "sum by (model_name) (rate(:tensorflow:serving:request_count[1m]))",
                             "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))", "1 + 2"}) {
        const auto error = ExpressionCheck::check(QString::fromUtf8(expr), {});
        QVERIFY2(!error, qPrintable(QString::fromUtf8(expr) + QStringLiteral(": ") + error->text()));
    }
}

void TestEditorHelpers::checkReportsParserMessageAndPosition()
{
    const auto error = ExpressionCheck::check(QStringLiteral("sum(rate(x[1m])"), {});
    QVERIFY(error);
    QVERIFY2(error->message.contains(QStringLiteral("unclosed left parenthesis"))
                 || error->message.contains(QStringLiteral("unexpected")),
             qPrintable(error->message));
    QCOMPARE(error->line, 1);
    QVERIFY(error->text().startsWith(QStringLiteral("1:%1: ").arg(error->column)));

    const auto brace = ExpressionCheck::check(QStringLiteral("up{job=}"), {});
    QVERIFY(brace);
    QCOMPARE(brace->message, QStringLiteral("unexpected \"}\" in label matching, expected string"));
    QCOMPARE(brace->column, 8);
    QCOMPARE(brace->position, 7);

    const auto second = ExpressionCheck::check(QStringLiteral("up\n  + )"), {});
    QVERIFY(second);
    QCOMPARE(second->line, 2);
    QCOMPARE(second->column, 6); // as Prometheus reports it: "2:6: unexpected right parenthesis ')'"

    QVERIFY(ExpressionCheck::check(QStringLiteral("  "), {}));
}

void TestEditorHelpers::checkMapsPositionThroughVariables()
{
    dashboard::Variable model;
    model.name = "model";
    model.kind = dashboard::VariableKind::Custom;
    model.options = {"a-very-long-model-name"};
    QVERIFY(!ExpressionCheck::check(QStringLiteral("up{model_name=\"$model\"}"), {model}));
    const auto error = ExpressionCheck::check(QStringLiteral("up{model_name=\"$model\"} +"), {model});
    QVERIFY(error);
    QCOMPARE(error->column, 26); // the end of the text as written, not as substituted
}

void TestEditorHelpers::unitNamesAreReadableAndComplete()
{
    const auto units = UnitNames::all();
    QCOMPARE(units.front(), presets::Unit::None);
    QCOMPARE(units.back(), presets::Unit::Watts);
    QCOMPARE(units.size(), std::size_t(15));
    QCOMPARE(UnitNames::name(presets::Unit::RequestsPerSecond), QStringLiteral("Requests per second"));
    QCOMPARE(UnitNames::name(presets::Unit::Bytes), QStringLiteral("Bytes (IEC)"));
    QStringList names;
    for (const presets::Unit u : units)
        names.append(UnitNames::name(u));
    names.removeDuplicates();
    QCOMPARE(names.size(), qsizetype(units.size()));
}

void TestEditorHelpers::bandsReachTheNextThreshold()
{
    dashboard::Threshold warn{250, alerting::Severity::Warning, "", dashboard::ThresholdStyle::Band};
    dashboard::Threshold crit{500, alerting::Severity::Critical, "#112233", dashboard::ThresholdStyle::Band};
    dashboard::Threshold line{900, alerting::Severity::Info, "", dashboard::ThresholdStyle::Line};
    const auto bands = thresholdBands({warn, crit, line});
    QCOMPARE(bands.size(), std::size_t(2));
    QCOMPARE(bands[0].from, 250.0);
    QCOMPARE(bands[0].to, 500.0);
    QCOMPARE(bands[0].color, severityColor(alerting::Severity::Warning));
    QCOMPARE(bands[1].to, 900.0);
    QCOMPARE(bands[1].color, QColor(0x11, 0x22, 0x33));
    QVERIFY(std::isinf(thresholdBands({crit})[0].to));
    const auto lines = thresholdLines({warn, crit, line});
    QCOMPARE(lines.size(), std::size_t(1));
    QCOMPARE(lines[0].value, 900.0);
}

void TestEditorHelpers::kindNamesAndFields()
{
    using dashboard::PanelKind;
    QStringList names;
    for (const PanelKind k : PanelKinds::all())
        names << PanelKinds::name(k);
    QCOMPARE(names, (QStringList{QStringLiteral("Time series"), QStringLiteral("Stat"),
                                 QStringLiteral("ROC and PR curves"), QStringLiteral("Confusion matrix")}));
    QCOMPARE(PanelKinds::name(static_cast<PanelKind>(200)), QString());
    for (const PanelKind k : {PanelKind::Timeseries, PanelKind::Stat, static_cast<PanelKind>(200)}) {
        const KindFields f = PanelKinds::fields(k); // every field, as before
        QVERIFY(f.unit && f.thresholds && f.queries && f.legend);
        QVERIFY(f.queriesHint.isEmpty() && f.previewNote.isEmpty());
    }
    const KindFields curve = PanelKinds::fields(PanelKind::QualityCurve);
    QVERIFY(!curve.unit && !curve.thresholds && !curve.legend && curve.queries);
    QVERIFY(!curve.queriesHint.isEmpty() && !curve.previewNote.isEmpty());
    const KindFields matrix = PanelKinds::fields(PanelKind::ConfusionMatrix);
    QVERIFY(!matrix.unit && !matrix.thresholds && !matrix.legend && !matrix.queries);
    QVERIFY(!matrix.queriesHint.isEmpty() && !matrix.previewNote.isEmpty());
}

void TestEditorHelpers::sourceProblemIsTheDocumentsMessage_data()
{
    using dashboard::PanelKind;
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("refIds");
    QTest::addColumn<bool>("problem");
    const QStringList none;
    const QStringList ab{QStringLiteral("A"), QStringLiteral("B")};
    const int curve = int(PanelKind::QualityCurve);
    const int matrix = int(PanelKind::ConfusionMatrix);
    QTest::newRow("timeseries anywhere") << int(PanelKind::Timeseries) << "" << none << false;
    QTest::newRow("curve on feed") << curve << "feed" << none << false;
    QTest::newRow("curve on buckets") << curve << "buckets" << none << false;
    QTest::newRow("curve on first (scrape), no queries") << curve << "" << none << true;
    QTest::newRow("curve on first (scrape), A and B") << curve << "" << ab << false;
    QTest::newRow("curve on prometheus, A only") << curve << "prom" << QStringList{QStringLiteral("A")} << true;
    QTest::newRow("curve on prometheus, A and B") << curve << "prom" << ab << false;
    QTest::newRow("matrix on feed") << matrix << "feed" << none << false;
    QTest::newRow("matrix on buckets") << matrix << "buckets" << ab << true;
    QTest::newRow("matrix on first (scrape)") << matrix << "" << ab << true;
    QTest::newRow("matrix on a source not in the dashboard") << matrix << "gone" << none << true;
}

void TestEditorHelpers::sourceProblemIsTheDocumentsMessage()
{
    QFETCH(int, kind);
    QFETCH(QString, source);
    QFETCH(QStringList, refIds);
    QFETCH(bool, problem);
    using dashboard::SourceKind;
    const std::vector<SourceKindOf> kinds = {{"scrape", SourceKind::Scrape},
                                             {"feed", SourceKind::Feed},
                                             {"buckets", SourceKind::ScoreBuckets},
                                             {"prom", SourceKind::Prometheus}};
    dashboard::Document doc;
    for (const SourceKindOf &k : kinds) {
        dashboard::Source s;
        s.name = k.name;
        s.kind = *k.kind;
        doc.sources.push_back(s);
    }
    dashboard::Panel panel;
    panel.id = 1;
    panel.kind = static_cast<dashboard::PanelKind>(kind);
    panel.source = source.toStdString();
    for (const QString &ref : refIds)
        panel.queries.push_back({ref.toStdString(), "sum by (le) (x_bucket)", "", false});
    doc.panels = {panel};

    const std::vector<dashboard::Issue> issues = dashboard::checkPanelSources(doc);
    QCOMPARE(issues.empty(), !problem);
    const QString text = PanelSourceCheck::problem(panel, kinds);
    if (!problem) {
        QCOMPARE(text, QString());
        return;
    }
    QString want = QString::fromStdString(issues.front().message);
    want[0] = want[0].toUpper();
    QCOMPARE(text, want);

    // A source nothing runs has no known kind: nothing to tell it by.
    std::vector<SourceKindOf> unknown = kinds;
    for (SourceKindOf &k : unknown)
        k.kind.reset();
    if (source != QStringLiteral("gone"))
        QCOMPARE(PanelSourceCheck::problem(panel, unknown), QString());
}

QTEST_GUILESS_MAIN(TestEditorHelpers)
#include "tst_editor_helpers.moc"
