#pragma once

// The Demo menu of `modelwatch --demo`: the demo model server's faults
// (latency, errors, memory, accuracy drift, down) as checkable actions.

#include <QMenu>

namespace mw::demo {
class DemoServer;
}

namespace mw::app {

class DemoMenu : public QMenu
{
    Q_OBJECT
public:
    DemoMenu(demo::DemoServer &server, QWidget *parent = nullptr);
};

} // namespace mw::app
