#pragma once

// The dashboard's variables as dropdowns above the panels: a combo box for a
// single value, a button with a checkable menu for several (with All).

#include <QWidget>

namespace mw::view {
class VariableModel;
}

class QHBoxLayout;

namespace mw::ui {

class VariableBar : public QWidget
{
    Q_OBJECT
public:
    explicit VariableBar(view::VariableModel *model, QWidget *parent = nullptr);

    /// Builds the controls again (the variables changed).
    void rebuild();

private:
    void refill(int index);
    QWidget *makeControl(int index);

    view::VariableModel *m_model;
    QHBoxLayout *m_layout;
    std::vector<QWidget *> m_controls;
};

} // namespace mw::ui
