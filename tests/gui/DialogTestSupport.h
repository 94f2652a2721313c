#pragma once

// Shared by the dialog tests (panel editor, alert rules, variables): finding
// a dialog's widgets by object name, its OK/Cancel buttons, and the shipped
// demo dashboard from the resources the test links.

#include "dashboard/DashboardFile.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QObject>
#include <QPushButton>
#include <QString>

namespace mw::test {

/// The child `name` of type W, or null with a warning naming it.
template<typename W>
W *child(QObject *parent, const char *name)
{
    W *w = parent->findChild<W *>(QString::fromLatin1(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

/// A standard button of the dialog's button box (object name "buttons").
inline QPushButton *dialogButton(QDialog &d, QDialogButtonBox::StandardButton which)
{
    return child<QDialogButtonBox>(&d, "buttons")->button(which);
}

/// The shipped demo dashboard (:/dashboards/tfserving-demo.json); fatal if it does not load.
inline dashboard::Document demoDocument()
{
    const dashboard::DashboardFile::LoadResult r =
        dashboard::DashboardFile::load(QStringLiteral(":/dashboards/tfserving-demo.json"));
    if (!r.ok())
        qFatal("the demo dashboard does not load: %s", r.read.error->message.c_str());
    return *r.read.document;
}

} // namespace mw::test
