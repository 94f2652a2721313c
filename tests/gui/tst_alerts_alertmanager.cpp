// External alerts in the alerts pane from a real Alertmanager (Debian's
// prometheus-alertmanager on 127.0.0.1): its alert is listed with its origin;
// acknowledging it through the pane creates a real silence (createdBy the
// local user, with the comment) and the row shows it acknowledged; when the
// alert resolves, the until-resolved silence is expired.

#include "AckDialog.h"
#include "AlertFilterProxy.h"
#include "AlertTableModel.h"
#include "AlertmanagerProcess.h"
#include "AlertsPane.h"
#include "ExternalAlertsPoller.h"

#include "alerting/Clock.h"
#include "alertmanager/AlertmanagerClient.h"
#include "platform/AlertCoordinator.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace mw;
using namespace mw::alertsui;
using mw::test::AlertmanagerProcess;

namespace {

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

AmPostableAlert testAlert(int64_t startsAtMs, int64_t endsAtMs)
{
    AmPostableAlert a;
    a.labels = {{"alertname", "MwPaneAck"}, {"model_name", "demo"}, {"severity", "critical"}};
    a.annotations = {{"summary", "latency 612ms"}};
    a.startsAtMs = startsAtMs;
    a.endsAtMs = endsAtMs;
    return a;
}

const AlertRow *findRow(const AlertTableModel &model, const QString &rule)
{
    for (const AlertRow &r : model.rows())
        if (r.rule == rule)
            return &r;
    return nullptr;
}

} // namespace

class TestAlertsAlertmanager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (AlertmanagerProcess::binary().isEmpty())
            QSKIP("prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");
        QVERIFY2(m_am.start(), qPrintable(m_am.error()));
        AlertmanagerConnection c;
        c.baseUrl = m_am.baseUrl();
        m_client.setConnection(c);
    }

    void acknowledgeCreatesASilence()
    {
        const int64_t t0 = nowMs();
        const AmResponse posted = m_client.waitFor(m_client.postAlerts({testAlert(t0 - 60'000, t0 + 3'600'000)}));
        QVERIFY2(posted.ok(), qPrintable(posted.error.message));

        alerting::SystemClock clock;
        AlertsPane pane(nullptr, clock, nullptr);
        pane.resize(1000, 500);
        pane.show();
        AlertmanagerConnection c;
        c.baseUrl = m_am.baseUrl();
        ExternalAlertsPoller *poller = pane.externalAlerts();
        poller->addAlertmanager(QStringLiteral("lab"), c);
        poller->setIntervalMs(300);
        poller->start();
        QTRY_VERIFY_WITH_TIMEOUT(findRow(*pane.model(), QStringLiteral("MwPaneAck")), 20'000);
        const AlertRow *row = findRow(*pane.model(), QStringLiteral("MwPaneAck"));
        QCOMPARE(row->originText(), QStringLiteral("alertmanager lab"));
        QCOMPARE(row->status, alerting::AlertStatus::Firing);
        QCOMPARE(row->severity, alerting::Severity::Critical);
        const QString key = row->key;

        // Select it and acknowledge it through the dialog.
        const QModelIndex index = pane.proxy()->mapFromSource(
            pane.model()->index(pane.model()->rowOfKey(key), AlertTableModel::RuleColumn));
        QVERIFY(index.isValid());
        QTest::mouseClick(pane.table()->viewport(), Qt::LeftButton, {}, pane.table()->visualRect(index).center());
        QCOMPARE(pane.currentRow()->key, key);
        QSignalSpy finished(poller, &ExternalAlertsPoller::actionFinished);
        QTest::mouseClick(pane.findChild<QPushButton *>(QStringLiteral("alertsAckButton")), Qt::LeftButton);
        auto *dialog = pane.findChild<AckDialog *>(QStringLiteral("alertsAckDialog"));
        QVERIFY(dialog);
        QTest::keyClicks(dialog->commentEdit(), QStringLiteral("rolling back the model"));
        dialog->buttons()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15'000);
        QCOMPARE(finished.front().at(0).toString(), key);
        QVERIFY2(finished.front().at(1).toString().isEmpty(), qPrintable(finished.front().at(1).toString()));
        QVERIFY2(pane.errorText().isEmpty(), qPrintable(pane.errorText()));

        // A real silence, by the local user, with the comment.
        const AmResponse silences = m_client.waitFor(m_client.silences());
        QVERIFY(silences.ok());
        const auto s = std::find_if(silences.silences.begin(), silences.silences.end(), [](const AmSilence &x) {
            return x.comment == "rolling back the model";
        });
        QVERIFY(s != silences.silences.end());
        QCOMPARE(s->createdBy, platform::AlertCoordinator::localUserName().toStdString());
        QCOMPARE(s->state, std::string("active"));
        const std::string silenceId = s->id;
        QCOMPARE(poller->silencer(QStringLiteral("lab"))->watched().size(), std::size_t(1));

        // The pane shows it acknowledged, with who and why.
        QTRY_VERIFY_WITH_TIMEOUT(findRow(*pane.model(), QStringLiteral("MwPaneAck"))
                                     && findRow(*pane.model(), QStringLiteral("MwPaneAck"))->status
                                         == alerting::AlertStatus::Acknowledged,
                                 15'000);
        row = findRow(*pane.model(), QStringLiteral("MwPaneAck"));
        QCOMPARE(row->actionComment, QStringLiteral("rolling back the model"));
        QCOMPARE(row->actionUntilMs, std::optional<int64_t>()); // until resolved

        // It resolves: the row goes and the silence is expired.
        const AmResponse resolved = m_client.waitFor(m_client.postAlerts({testAlert(t0 - 60'000, nowMs() - 1000)}));
        QVERIFY(resolved.ok());
        QTRY_VERIFY_WITH_TIMEOUT(!findRow(*pane.model(), QStringLiteral("MwPaneAck")), 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(poller->silencer(QStringLiteral("lab"))->watched().empty(), 15'000);
        const AmResponse after = m_client.waitFor(m_client.silences());
        const auto gone = std::find_if(after.silences.begin(), after.silences.end(),
                                       [&](const AmSilence &x) { return x.id == silenceId; });
        QVERIFY(gone != after.silences.end());
        QCOMPARE(gone->state, std::string("expired"));
    }

    void unreachableSourceIsShown()
    {
        alerting::SystemClock clock;
        AlertsPane pane(nullptr, clock, nullptr);
        AlertmanagerConnection c;
        c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
        pane.externalAlerts()->addAlertmanager(QStringLiteral("down"), c);
        QSignalSpy err(pane.externalAlerts(), &ExternalAlertsPoller::sourceError);
        pane.externalAlerts()->pollNow();
        QTRY_VERIFY_WITH_TIMEOUT(!err.isEmpty(), 30'000);
        QVERIFY(pane.errorText().startsWith(QStringLiteral("alertmanager down: ")));
    }

private:
    AlertmanagerProcess m_am;
    AlertmanagerClient m_client;
};

QTEST_MAIN(TestAlertsAlertmanager)
#include "tst_alerts_alertmanager.moc"
