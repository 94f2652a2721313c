#pragma once

// The window's colours: the system's palette (the default), or ModelWatch's
// own light or dark palette on the Fusion style, remembered across starts.
// Every chart, threshold and state colour follows the palette.

#include <QObject>
#include <QPalette>

class QActionGroup;
class QMenu;

namespace mw::ui {

class Theme : public QObject
{
    Q_OBJECT
public:
    enum class Mode { System, Light, Dark };
    Q_ENUM(Mode)

    explicit Theme(QObject *parent = nullptr);

    Mode mode() const { return m_mode; }
    /// Applies and remembers `mode`.
    void setMode(Mode mode);
    /// The mode saved by the last run (System when none).
    static Mode savedMode();
    /// A "Theme" submenu with the three modes.
    QMenu *makeMenu(QWidget *parent);

    static QPalette lightPalette();
    static QPalette darkPalette();

private:
    Mode m_mode = Mode::System;
    QPalette m_system;
    QString m_systemStyle;
};

} // namespace mw::ui
