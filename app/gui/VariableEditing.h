#pragma once

// View > Dashboard variables…: the variables library's dialog over the
// window's document. On OK the document's variables are replaced in one
// edit (the document is marked modified, the variable bar and the panels'
// queries follow, Save writes them); Cancel changes nothing. Panels' $old
// references to a renamed variable are not rewritten.

class QAction;

namespace mw::ui {
class MainWindow;
}

namespace mw::app {

/// Opens the dialog (modal); true when the document's variables changed.
bool editVariables(ui::MainWindow &window);

/// The action (object name actionEditVariables) in the window's View menu,
/// after its time actions (the menu holding actionResetZoom).
QAction *addVariableEditing(ui::MainWindow &window);

} // namespace mw::app
