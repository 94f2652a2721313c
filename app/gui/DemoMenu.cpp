#include "DemoMenu.h"

#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"

#include <QAction>

namespace mw::app {
namespace {

QString faultTitle(demo::Fault f)
{
    switch (f) {
    case demo::Fault::Latency:
        return DemoMenu::tr("Add &latency (+600 ms)");
    case demo::Fault::Errors:
        return DemoMenu::tr("Fail &requests");
    case demo::Fault::Memory:
        return DemoMenu::tr("Grow &memory");
    case demo::Fault::AccuracyDrift:
        return DemoMenu::tr("&Accuracy drift");
    case demo::Fault::Down:
        return DemoMenu::tr("Take the server &down");
    }
    return demo::FaultInjector::name(f);
}

} // namespace

DemoMenu::DemoMenu(demo::DemoServer &server, QWidget *parent) : QMenu(tr("&Demo"), parent)
{
    setObjectName(QStringLiteral("demoMenu"));
    QAction *where = addAction(tr("Demo model server at %1").arg(server.url().toString()));
    where->setEnabled(false);
    addSeparator();
    demo::FaultInjector &faults = server.faults();
    for (demo::Fault f : demo::FaultInjector::kAll) {
        QAction *a = addAction(faultTitle(f));
        a->setObjectName(QStringLiteral("fault-") + demo::FaultInjector::name(f));
        a->setCheckable(true);
        a->setChecked(faults.isActive(f));
        connect(a, &QAction::toggled, &faults, [&faults, f](bool on) { faults.setActive(f, on); });
        connect(&faults, &demo::FaultInjector::faultChanged, a, [a, f](demo::Fault changed, bool on) {
            if (changed == f && a->isChecked() != on)
                a->setChecked(on);
        });
    }
}

} // namespace mw::app
