#pragma once

#include "dashboard/Document.h"

class QWidget;

namespace mw::ui {

class PanelBody;

/// The body for a panel's kind (null for a kind this build cannot show).
PanelBody *makePanelBody(const dashboard::Panel &panel, QWidget *parent);

} // namespace mw::ui
