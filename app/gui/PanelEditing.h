#pragma once

#include "MainWindow.h"

namespace mw::app {

/// The main window's panel editor: the editor library's dialog over the
/// window's running dashboard (its sources, variables and time range).
ui::MainWindow::PanelEditor panelEditor();

} // namespace mw::app
