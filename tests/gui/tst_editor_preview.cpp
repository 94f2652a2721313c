// The editor's preview runs and names its series as the dashboard does: the
// same query and the same answer from a scripted source go through a
// PanelPreview and a PanelModel, and both names are compared (one legend
// mechanism, view::legendText); a query with variables reaches the source
// as the same text from both (one substitution, view::substituteVariables).

#include "PanelModel.h"
#include "PanelPreview.h"
#include "VariableModel.h"
#include "TimeSeriesPlot.h"

#include "alerting/RuleQuerier.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <map>
#include <memory>

using namespace mw;
using namespace mw::editor;
using view::AnswerSeries;
using view::RangeAnswer;

Q_DECLARE_METATYPE(mw::Labels)

namespace {

constexpr int64_t kFrom = 1'764'000'000'000;
constexpr int64_t kTo = kFrom + 600'000;

class NoRules final : public alerting::RuleQuerier
{
public:
    alerting::QueryOutcome instant(const std::string &, int64_t) override { return {}; }
};

/// Answers every range query with the series scripted for its expression,
/// from the event loop (never inside the call).
class ScriptedBackend final : public view::SourceBackend
{
public:
    ScriptedBackend() : SourceBackend(QStringLiteral("scripted")) {}

    void script(const QString &expr, Labels labels)
    {
        auto points = std::make_shared<std::vector<Point>>(std::vector<Point>{{kFrom, 1.0}, {kTo, 2.0}});
        m_answers[expr] = {{std::move(labels), std::move(points)}};
    }

    void start() override {}
    void stop() override {}
    quint64 rangeQuery(const QString &expr, int64_t, int64_t, int64_t) override
    {
        const quint64 id = m_nextId++;
        RangeAnswer answer;
        if (const auto it = m_answers.find(expr); it != m_answers.end())
            answer.series = it->second;
        else
            answer.error = QStringLiteral("nothing scripted for ") + expr;
        QTimer::singleShot(0, this, [this, id, answer] { Q_EMIT rangeFinished(id, answer); });
        return id;
    }
    quint64 labelValues(const QString &, const QString &) override { return m_nextId++; }
    quint64 metricNames() override { return m_nextId++; }
    quint64 labelNames(const QString &) override { return m_nextId++; }
    void cancel(quint64) override {}
    view::SourceHealth health() const override { return {view::SourceState::Up, kTo, kTo, {}, {}}; }
    alerting::RuleQuerier &ruleQuerier() override { return m_rules; }
    int64_t nowMs() const override { return kTo; }

private:
    std::map<QString, std::vector<AnswerSeries>> m_answers;
    NoRules m_rules;
    quint64 m_nextId = 1;
};

} // namespace

class TestEditorPreview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void previewNamesSeriesAsTheDashboard_data();
    void previewNamesSeriesAsTheDashboard();
    void previewSubstitutesVariablesAsTheDashboard();
};

void TestEditorPreview::previewNamesSeriesAsTheDashboard_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<Labels>("labels");
    QTest::addColumn<QString>("legend");
    QTest::addColumn<QString>("preview");
    QTest::addColumn<QString>("dashboard");

    const Labels labelled{{"__name__", "x"}, {"model_name", "demo"}, {"le", "0.5"}};
    const QString x = QStringLiteral("x");
    const QString all = QStringLiteral("x{le=\"0.5\", model_name=\"demo\"}");
    QTest::newRow("labels filled") << x << labelled << "{{model_name}} p{{ le }}" << "demo p0.5" << "demo p0.5";
    QTest::newRow("missing label") << x << labelled << "{{missing}}-x" << "-x" << "-x";
    QTest::newRow("trimmed") << x << labelled << " {{missing}} {{model_name}} " << "demo" << "demo";
    QTest::newRow("unclosed braces") << x << labelled << "open {{model_name" << "open {{model_name"
                                     << "open {{model_name";
    QTest::newRow("not a label name") << x << labelled << "{{ a-b }} {{model_name}}" << "{{ a-b }} demo"
                                      << "{{ a-b }} demo";
    QTest::newRow("empty format") << x << labelled << "" << all << all;
    QTest::newRow("names nothing: refId") << x << labelled << "{{missing}}" << "A" << "A";
    QTest::newRow("only spaces: refId") << x << labelled << "   " << "A" << "A";
    // Both name an unlabelled series by its expression.
    QTest::newRow("unlabelled") << "sum(x)" << Labels{} << "" << "sum(x)" << "sum(x)";
    QTest::newRow("unlabelled, format") << "sum(x)" << Labels{} << "{{model_name}} total" << "total" << "total";
}

void TestEditorPreview::previewNamesSeriesAsTheDashboard()
{
    QFETCH(QString, expr);
    QFETCH(Labels, labels);
    QFETCH(QString, legend);
    QFETCH(QString, preview);
    QFETCH(QString, dashboard);

    ScriptedBackend backend;
    backend.script(expr, labels);
    const dashboard::Query query{"A", expr.toStdString(), legend.toStdString(), false};

    PanelPreview p(kFrom, kTo);
    QSignalSpy drawn(&p, &PanelPreview::updated);
    p.setBackend(&backend);
    p.setQueries({query});
    p.refresh();
    QTRY_VERIFY(!p.isRunning() && !drawn.isEmpty());
    QCOMPARE(p.errorText(), QString());
    QCOMPARE(p.plot()->series().size(), std::size_t(1));
    QCOMPARE(p.plot()->series()[0].name, preview);

    dashboard::Panel panel;
    panel.id = 1;
    panel.kind = dashboard::PanelKind::Timeseries;
    panel.queries = {query};
    view::PanelModel model(panel);
    model.setBackend(&backend);
    model.refresh({kFrom, kTo, false}, {}, 100);
    QTRY_COMPARE(model.frame().series.size(), std::size_t(1));
    QCOMPARE(model.frame().series[0].name, dashboard);
}

void TestEditorPreview::previewSubstitutesVariablesAsTheDashboard()
{
    // Two models picked: an escaped alternation, not the first value alone.
    dashboard::Variable model;
    model.name = "model";
    model.kind = dashboard::VariableKind::Custom;
    model.options = {"a.b", "c"};
    model.current = {"a.b", "c"};
    model.multi = true;
    const QString sent = QStringLiteral("sum(x{model_name=~\"(a\\\\.b|c)\"})");
    ScriptedBackend backend;
    backend.script(sent, Labels{});
    const dashboard::Query query{"A", "sum(x{model_name=~\"$model\"})", "", false};

    PanelPreview p(kFrom, kTo);
    QSignalSpy drawn(&p, &PanelPreview::updated);
    p.setBackend(&backend);
    p.setVariables({model});
    p.setQueries({query});
    p.refresh();
    QTRY_VERIFY(!p.isRunning() && !drawn.isEmpty());
    QCOMPARE(p.errorText(), QString()); // else: "nothing scripted for <what was sent>"
    QCOMPARE(p.plot()->series().size(), std::size_t(1));

    dashboard::Panel panel;
    panel.id = 1;
    panel.kind = dashboard::PanelKind::Timeseries;
    panel.queries = {query};
    view::PanelModel m(panel);
    m.setBackend(&backend);
    m.refresh({kFrom, kTo, false}, view::VariableModel::valuesOf({model}), 100);
    QTRY_COMPARE(m.frame().series.size(), std::size_t(1));
    QVERIFY(m.frame().errors.isEmpty());
}

QTEST_MAIN(TestEditorPreview)
#include "tst_editor_preview.moc"
