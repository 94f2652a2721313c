#include "Theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace mw::ui {
namespace {

const QString kKey = QStringLiteral("theme");

QString modeId(Theme::Mode m)
{
    switch (m) {
    case Theme::Mode::Light:
        return QStringLiteral("light");
    case Theme::Mode::Dark:
        return QStringLiteral("dark");
    case Theme::Mode::System:
        break;
    }
    return QStringLiteral("system");
}

} // namespace

Theme::Theme(QObject *parent)
    : QObject(parent), m_system(QApplication::palette()), m_systemStyle(QApplication::style()->name())
{
}

Theme::Mode Theme::savedMode()
{
    const QString id = QSettings().value(kKey).toString();
    if (id == u"light")
        return Mode::Light;
    if (id == u"dark")
        return Mode::Dark;
    return Mode::System;
}

QPalette Theme::lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf4, 0xf6));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::Text, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::PlaceholderText, QColor(0x6e, 0x77, 0x81));
    p.setColor(QPalette::Button, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::ButtonText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xd1));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe8));
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0xa0, 0xa6));
    return p;
}

QPalette Theme::darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1e, 0x20, 0x24));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1b));
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x25, 0x2a));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::Button, QColor(0x2a, 0x2d, 0x33));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x2a, 0x2d, 0x33));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe8, 0xeb));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x45));
    p.setColor(QPalette::Mid, QColor(0x30, 0x33, 0x39));
    p.setColor(QPalette::Dark, QColor(0x10, 0x11, 0x13));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6e, 0x76, 0x81));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6e, 0x76, 0x81));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6e, 0x76, 0x81));
    return p;
}

void Theme::setMode(Mode mode)
{
    m_mode = mode;
    QSettings().setValue(kKey, modeId(mode));
    if (mode == Mode::System) {
        QApplication::setStyle(QStyleFactory::create(m_systemStyle));
        QApplication::setPalette(m_system);
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(mode == Mode::Dark ? darkPalette() : lightPalette());
}

QMenu *Theme::makeMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Theme"), parent);
    auto *group = new QActionGroup(menu);
    const std::pair<Mode, QString> modes[] = {
        {Mode::System, tr("&System")}, {Mode::Light, tr("&Light")}, {Mode::Dark, tr("&Dark")}};
    for (const auto &[mode, title] : modes) {
        QAction *a = menu->addAction(title);
        a->setObjectName(QStringLiteral("theme-") + modeId(mode));
        a->setCheckable(true);
        a->setChecked(mode == m_mode);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, m = mode] { setMode(m); });
    }
    return menu;
}

} // namespace mw::ui
