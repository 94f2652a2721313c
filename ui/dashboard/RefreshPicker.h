#pragma once

// The toolbar's refresh interval: off, 1 s, 5 s, 10 s, 30 s, 1 min.

#include "dashboard/Document.h"

#include <QComboBox>

namespace mw::ui {

class RefreshPicker : public QComboBox
{
    Q_OBJECT
public:
    explicit RefreshPicker(QWidget *parent = nullptr);
    void setRefresh(dashboard::Refresh refresh);
    dashboard::Refresh refresh() const;

Q_SIGNALS:
    void refreshChosen(mw::dashboard::Refresh refresh);
};

} // namespace mw::ui
