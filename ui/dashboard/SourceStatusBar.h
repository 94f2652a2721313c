#pragma once

// The status bar's part for data sources: a coloured dot and name per
// source, with its last contact and error in the text and tooltip.

#include <QWidget>

class QHBoxLayout;

namespace mw::view {
class DashboardSession;
}

namespace mw::ui {

class SourceStatusBar : public QWidget
{
    Q_OBJECT
public:
    explicit SourceStatusBar(view::DashboardSession *session, QWidget *parent = nullptr);

    /// Reads every source's health again.
    void refresh();
    /// The text shown for each source (tests).
    QStringList texts() const;

private:
    view::DashboardSession *m_session;
    QHBoxLayout *m_layout;
};

} // namespace mw::ui
