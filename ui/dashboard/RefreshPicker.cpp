#include "RefreshPicker.h"

namespace mw::ui {

using dashboard::Refresh;

RefreshPicker::RefreshPicker(QWidget *parent) : QComboBox(parent)
{
    setObjectName(QStringLiteral("refresh"));
    setToolTip(tr("Refresh interval"));
    addItem(tr("Refresh off"), static_cast<int>(Refresh::Off));
    addItem(tr("Every 1 s"), static_cast<int>(Refresh::OneSecond));
    addItem(tr("Every 5 s"), static_cast<int>(Refresh::FiveSeconds));
    addItem(tr("Every 10 s"), static_cast<int>(Refresh::TenSeconds));
    addItem(tr("Every 30 s"), static_cast<int>(Refresh::ThirtySeconds));
    addItem(tr("Every 1 min"), static_cast<int>(Refresh::OneMinute));
    connect(this, &QComboBox::activated, this, [this] { Q_EMIT refreshChosen(refresh()); });
}

void RefreshPicker::setRefresh(Refresh refresh)
{
    const int i = findData(static_cast<int>(refresh));
    if (i >= 0)
        setCurrentIndex(i);
}

Refresh RefreshPicker::refresh() const { return static_cast<Refresh>(currentData().toInt()); }

} // namespace mw::ui
