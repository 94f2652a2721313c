// ConnectDialog driven through its widgets, offscreen, on the real demo model
// server in-process: type a URL, Connect, wait, open the document; the URL
// history; errors in the status line. Screenshots of both states go to
// /tmp/connect-dialog.png and /tmp/connect-dialog-error.png.

#include "ConnectDialog.h"

#include "DemoServerFixture.h"
#include "demo/DemoServer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace mw;
using mw::presets::ServerKind;

namespace {

constexpr int kWaitMs = 15'000;

quint16 closedPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QPushButton *okButton(const QDialog &dialog)
{
    const auto *buttons = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"));
    return buttons ? buttons->button(QDialogButtonBox::Ok) : nullptr;
}

} // namespace

class TestConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void urlFromText();
    void connectsAndOffersTheDocument();
    void historyKeepsTheLastTen();
    void showsTheError();

private:
    std::unique_ptr<demo::DemoServer> m_demo;
};

void TestConnectDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ModelWatchTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connect_dialog"));
    ui::ConnectDialog::clearHistory();

    QString error;
    m_demo = test::startDemoServer(&error, test::withLoad(20));
    QVERIFY2(m_demo, qPrintable(error));
}

void TestConnectDialog::urlFromText()
{
    QCOMPARE(ui::ConnectDialog::urlFromText(QStringLiteral(" localhost:9090 ")),
             QUrl(QStringLiteral("http://localhost:9090")));
    QCOMPARE(ui::ConnectDialog::urlFromText(QStringLiteral("https://prom.example/p")),
             QUrl(QStringLiteral("https://prom.example/p")));
    QVERIFY(ui::ConnectDialog::urlFromText(QStringLiteral("  ")).isEmpty());
}

void TestConnectDialog::connectsAndOffersTheDocument()
{
    ui::ConnectDialog::clearHistory();
    ui::ConnectDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *url = dialog.findChild<QComboBox *>(QStringLiteral("url"));
    auto *connectButton = dialog.findChild<QPushButton *>(QStringLiteral("connect"));
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("status"));
    QPushButton *ok = okButton(dialog);
    QVERIFY(url && connectButton && status && ok);
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.hasDocument());

    const QString typed = m_demo->url().toString() + QStringLiteral("/monitoring/prometheus/metrics");
    QTest::keyClicks(url->lineEdit(), typed);
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(ok->isEnabled(), kWaitMs);
    QVERIFY2(status->text().startsWith(u"Found TensorFlow Serving (confidence "), qPrintable(status->text()));
    const auto *details = dialog.findChild<QLabel *>(QStringLiteral("details"));
    QVERIFY(details && !details->isHidden());
    QVERIFY2(details->text().startsWith(u"Evidence: "), qPrintable(details->text()));
    QCOMPARE(dialog.document().server, ServerKind::TensorFlowServing);
    QCOMPARE(dialog.document().sources.front().kind, dashboard::SourceKind::Scrape);
    QCOMPARE(dialog.document().sources.front().targets.front(), typed.toStdString());
    QVERIFY(!dialog.document().panels.empty());
    QCOMPARE(ui::ConnectDialog::history(), QStringList{typed});
    // Wrapped status text is shown whole: the dialog grew to fit it.
    QVERIFY(dialog.height() >= dialog.heightForWidth(dialog.width()));
    QVERIFY(dialog.grab().save(QStringLiteral("/tmp/connect-dialog.png")));

    // Another URL in the field: the document no longer matches it.
    QTest::keyClick(url->lineEdit(), Qt::Key_Backspace);
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.hasDocument());
    // Back to the URL and Return: connects again; Return once more opens it.
    QTest::keyClicks(url->lineEdit(), QStringLiteral("s"));
    QTest::keyClick(url->lineEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(ok->isEnabled(), kWaitMs);
    QVERIFY(dialog.isVisible());
    QTest::keyClick(url->lineEdit(), Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.document().server, ServerKind::TensorFlowServing);

    // The next dialog offers the URL again.
    ui::ConnectDialog again;
    QCOMPARE(again.findChild<QComboBox *>(QStringLiteral("url"))->currentText(), typed);
}

void TestConnectDialog::historyKeepsTheLastTen()
{
    ui::ConnectDialog::clearHistory();
    const QString base = m_demo->url().toString();
    {
        ui::ConnectDialog dialog;
        auto *url = dialog.findChild<QComboBox *>(QStringLiteral("url"));
        for (int i = 0; i < 12; ++i) {
            url->setEditText(base + QStringLiteral("/monitoring/prometheus/metrics?n=%1").arg(i));
            dialog.connectToServer();
            QTRY_VERIFY_WITH_TIMEOUT(okButton(dialog)->isEnabled(), kWaitMs);
        }
    }
    const QStringList history = ui::ConnectDialog::history();
    QCOMPARE(history.size(), ui::ConnectDialog::kHistorySize);
    QVERIFY2(history.first().endsWith(u"n=11"), qPrintable(history.first()));
    QVERIFY2(history.last().endsWith(u"n=2"), qPrintable(history.last()));
}

void TestConnectDialog::showsTheError()
{
    ui::ConnectDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *url = dialog.findChild<QComboBox *>(QStringLiteral("url"));
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("status"));
    QVERIFY(url && status);
    const quint16 port = closedPort();
    url->lineEdit()->setText(QStringLiteral("127.0.0.1:%1").arg(port));
    QTest::keyClick(url->lineEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("connection refused by 127.0.0.1:%1").arg(port)),
                             kWaitMs);
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(dialog.isVisible()); // Return connected; it did not close the dialog
    QVERIFY(!dialog.hasDocument());
    // Only URLs that gave a document are remembered.
    for (const QString &h : ui::ConnectDialog::history())
        QVERIFY2(!h.contains(QString::number(port)), qPrintable(h));
    QVERIFY(dialog.grab().save(QStringLiteral("/tmp/connect-dialog-error.png")));
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connect_dialog.moc"
