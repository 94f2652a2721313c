// The panel editor against a real source: the demo model server in-process
// on 127.0.0.1:0, scraped every 300 ms by a ScrapeBackend built from a
// dashboard::Source. The completer offers its metric names, label names and
// label values; the preview draws its series with the legend format, and
// shows the engine's error in place of the plot when a query fails.

#include "BackendFactory.h"
#include "ExpressionEdit.h"
#include "PanelEditorDialog.h"
#include "PanelPreview.h"
#include "QueryListEditor.h"
#include "QueryRowEditor.h"
#include "TimeSeriesPlot.h"

#include "DemoServerFixture.h"
#include "demo/DemoServer.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace mw;
using namespace mw::editor;

namespace {

const QString kCount = QStringLiteral(":tensorflow:serving:request_count");

/// The entries the completer offers now.
QStringList offered(ExpressionEdit *edit)
{
    QStringList out;
    QAbstractItemModel *m = edit->completer()->completionModel();
    for (int r = 0; r < m->rowCount(); ++r)
        out.append(m->index(r, 0).data().toString());
    return out;
}

/// Puts `text` in the editor with the cursor at the end.
void typeAt(ExpressionEdit *edit, const QString &text)
{
    edit->setExpression(text);
    QTextCursor c = edit->textCursor();
    c.movePosition(QTextCursor::End);
    edit->setTextCursor(c);
}

/// Ctrl+Space until `name` is offered: names arrive asynchronously, and a
/// source that has not scraped yet answers with nothing (not kept).
bool offers(ExpressionEdit *edit, const QString &name, int timeoutMs = 15'000)
{
    return QTest::qWaitFor(
        [&] {
            if (offered(edit).contains(name))
                return true;
            QTest::keyClick(edit, Qt::Key_Space, Qt::ControlModifier);
            return offered(edit).contains(name);
        },
        timeoutMs);
}

/// Selects `name` in the popup and presses Enter there.
void accept(ExpressionEdit *edit, const QString &name)
{
    QCompleter *c = edit->completer();
    QAbstractItemModel *m = c->completionModel();
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, 0).data().toString() == name)
            c->popup()->setCurrentIndex(m->index(r, 0));
    }
    QTest::keyClick(c->popup(), Qt::Key_Return);
}

int finitePoints(const TimeSeriesPlot *plot)
{
    int n = 0;
    for (const PlotSeries &s : plot->series())
        for (const Point &p : *s.points)
            n += std::isfinite(p.v) ? 1 : 0;
    return n;
}

} // namespace

class TestEditorScrape : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void completesMetricNames();
    void completesLabelNamesAndValues();
    void previewDrawsSeriesWithLegendNames();
    void previewShowsTheQueryErrorInPlace();

private:
    ExpressionEdit *firstExpression() const
    {
        return m_dialog->queryList()->row(0)->expressionEdit();
    }

    std::unique_ptr<demo::DemoServer> m_demo;
    std::unique_ptr<view::SourceBackend> m_backend;
    std::unique_ptr<PanelEditorDialog> m_dialog;
};

void TestEditorScrape::initTestCase()
{
    QString error;
    m_demo = test::startDemoServer(&error, test::withLoad(50));
    QVERIFY2(m_demo, qPrintable(error));

    dashboard::Source source;
    source.name = "demo";
    source.kind = dashboard::SourceKind::Scrape;
    const QString metrics = m_demo->url().toString() + QStringLiteral("/monitoring/prometheus/metrics");
    source.targets = {metrics.toStdString()};
    source.scrapeIntervalMs = 300;
    m_backend = view::makeBackend(source, &error);
    QVERIFY2(m_backend, qPrintable(error));
    QSignalSpy data(m_backend.get(), &view::SourceBackend::dataArrived);
    m_backend->start();
    QVERIFY2(data.wait(15'000), "no scrape within 15 s");
}

void TestEditorScrape::init()
{
    dashboard::Panel panel;
    panel.id = 1;
    panel.title = "Requests";
    panel.unit = presets::Unit::RequestsPerSecond;
    panel.queries = {{"A", "up", "", false}};
    panel.thresholds = {{40, alerting::Severity::Warning, "", dashboard::ThresholdStyle::Line}};
    view::SourceBackend *backend = m_backend.get();
    const int64_t now = backend->nowMs();
    m_dialog = std::make_unique<PanelEditorDialog>(
        panel, QStringList{QStringLiteral("demo")}, QStringLiteral("demo"),
        [backend](const QString &name) { return name == QStringLiteral("demo") ? backend : nullptr; },
        now - 20'000, now + 40'000);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestEditorScrape::cleanup() { m_dialog.reset(); }

void TestEditorScrape::completesMetricNames()
{
    ExpressionEdit *edit = firstExpression();
    typeAt(edit, QStringLiteral("request_co"));
    QVERIFY2(offers(edit, kCount), qPrintable(offered(edit).join(u' ')));
    QVERIFY(edit->completer()->popup()->isVisible());
    QVERIFY(!offered(edit).contains(QStringLiteral("rate"))); // filtered by what is typed
    accept(edit, kCount);
    QCOMPARE(edit->expression(), kCount);
    QVERIFY(!edit->completer()->popup()->isVisible());

    typeAt(edit, QStringLiteral("sum(ra"));
    QVERIFY(offers(edit, QStringLiteral("rate")));
    accept(edit, QStringLiteral("rate"));
    QCOMPARE(edit->expression(), QStringLiteral("sum(rate("));
}

void TestEditorScrape::completesLabelNamesAndValues()
{
    ExpressionEdit *edit = firstExpression();
    typeAt(edit, kCount + u'{');
    QVERIFY2(offers(edit, QStringLiteral("model_name")), qPrintable(offered(edit).join(u' ')));
    QVERIFY(!offered(edit).contains(QStringLiteral("__name__")));
    accept(edit, QStringLiteral("model_name"));
    QCOMPARE(edit->expression(), kCount + QStringLiteral("{model_name"));

    // Typing the opening quote opens the values by itself.
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("=\""));
    QVERIFY2(QTest::qWaitFor([&] { return offered(edit).contains(QStringLiteral("demo")); }, 15'000),
             qPrintable(offered(edit).join(u' ')));
    accept(edit, QStringLiteral("demo"));
    QCOMPARE(edit->expression(), kCount + QStringLiteral("{model_name=\"demo"));

    typeAt(edit, QStringLiteral("sum by (mod) (rate(%1[1m]))").arg(kCount));
    QTextCursor c = edit->textCursor();
    c.setPosition(int(QStringLiteral("sum by (mod").size()));
    edit->setTextCursor(c);
    QVERIFY(offers(edit, QStringLiteral("model_name")));
}

void TestEditorScrape::previewDrawsSeriesWithLegendNames()
{
    QueryRowEditor *row = m_dialog->queryList()->row(0);
    QTest::keyClick(row->expressionEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(row->expressionEdit(), QStringLiteral("sum by (model_name) (rate(%1[2s]))").arg(kCount));
    row->expressionEdit()->completer()->popup()->hide();
    QTest::keyClicks(row->findChild<QLineEdit *>(QStringLiteral("legend")), QStringLiteral("{{model_name}} rps"));

    TimeSeriesPlot *plot = m_dialog->preview()->plot();
    QTRY_VERIFY_WITH_TIMEOUT(plot->series().size() == 1 && finitePoints(plot) > 0, 15'000);
    QCOMPARE(plot->series()[0].name, QStringLiteral("demo rps"));
    QVERIFY(plot->isVisible());
    QCOMPARE(m_dialog->preview()->errorText(), QString());
    const auto status = m_dialog->preview()->findChild<QLabel *>(QStringLiteral("previewStatus"));
    QCOMPARE(status->text(), QStringLiteral("1 series"));
    // MW_EDITOR_SCREENSHOT=/tmp/panel-editor.png keeps a picture of the dialog.
    if (const QString shot = qEnvironmentVariable("MW_EDITOR_SCREENSHOT"); !shot.isEmpty()) {
        QVERIFY(QTest::qWaitFor([plot] { return finitePoints(plot) >= 20; }, 30'000));
        QVERIFY(m_dialog->grab().save(shot));
    }
    // The unit's formatting, as the plot's ticks and hover box use it.
    QVERIFY2(m_dialog->preview()->formatValue(1500).endsWith(QStringLiteral("req/s")),
             qPrintable(m_dialog->preview()->formatValue(1500)));
}

void TestEditorScrape::previewShowsTheQueryErrorInPlace()
{
    QueryRowEditor *row = m_dialog->queryList()->row(0);
    // Parses, but the local engine refuses subqueries.
    QTest::keyClick(row->expressionEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(row->expressionEdit(), QStringLiteral("max_over_time(%1[1m:1s])").arg(kCount));
    QVERIFY(m_dialog->isValid());
    PanelPreview *preview = m_dialog->preview();
    QTRY_VERIFY_WITH_TIMEOUT(!preview->errorText().isEmpty(), 15'000);
    QVERIFY2(preview->errorText().startsWith(QStringLiteral("A: ")), qPrintable(preview->errorText()));
    QVERIFY2(preview->errorText().contains(QStringLiteral("subqueries")), qPrintable(preview->errorText()));
    const auto message = preview->findChild<QLabel *>(QStringLiteral("previewMessage"));
    QVERIFY(message->isVisible());
    QVERIFY(!preview->plot()->isVisible());
    QCOMPARE(message->text(), preview->errorText());
}

QTEST_MAIN(TestEditorScrape)
#include "tst_editor_scrape.moc"
