// A panel drawn into an image (Export PNG, Copy image, `modelwatch-cli
// render`) leaves out what only the mouse needs: the menu button and the
// resize grip. On screen both are there, and they come back after the image.

#include "PanelWidget.h"

#include <QApplication>
#include <QImage>
#include <QSet>
#include <QTest>
#include <QToolButton>

using namespace mw;

namespace {

/// Distinct colours inside `r` of `image` (logical coordinates).
int coloursIn(const QImage &image, QRect r)
{
    const qreal dpr = image.devicePixelRatio();
    QSet<QRgb> seen;
    for (int y = int(r.top() * dpr); y <= int(r.bottom() * dpr); ++y)
        for (int x = int(r.left() * dpr); x <= int(r.right() * dpr); ++x)
            seen.insert(image.pixel(x, y));
    return int(seen.size());
}

} // namespace

class TestPanelWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void imagesLeaveOutTheChrome()
    {
        dashboard::Panel panel;
        panel.id = 1;
        panel.kind = dashboard::PanelKind::Timeseries;
        panel.title = "Throughput";
        ui::PanelWidget w(panel);
        w.resize(420, 260);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *menu = w.findChild<QToolButton *>(QStringLiteral("panelMenu"));
        QVERIFY(menu);
        const QRect button(menu->mapTo(&w, QPoint(0, 0)), menu->size());
        const QRect grip(w.width() - 10, w.height() - 10, 8, 8);

        const QImage screen = w.grab().toImage();
        QVERIFY2(coloursIn(screen, button) > 1, "the menu glyph is on screen");
        QVERIFY2(coloursIn(screen, grip) > 1, "the grip is on screen");

        const QImage printed = w.toImage();
        QCOMPARE(printed.size(), screen.size());
        QCOMPARE(coloursIn(printed, button), 1);
        QCOMPARE(coloursIn(printed, grip), 1);
        // Nothing moved: the title row is drawn the same.
        const QRect title(0, 0, button.left() - 1, button.bottom());
        QCOMPARE(printed.copy(title), screen.copy(title));

        QVERIFY(menu->isVisible());
        QCOMPARE(menu->mapTo(&w, QPoint(0, 0)), button.topLeft());
    }
};

QTEST_MAIN(TestPanelWidget)
#include "tst_panel_widget.moc"
