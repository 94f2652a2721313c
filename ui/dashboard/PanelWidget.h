#pragma once

// One panel on the dashboard: a header (title, state badge, menu) over its
// body, and in place of the body the loading, no-data and error states. The
// header is the handle to move the panel, the bottom-right corner the one to
// resize it; the grid does the moving.

#include "PanelFrame.h"
#include "dashboard/Document.h"

#include <QFrame>

#include <vector>

class QLabel;
class QToolButton;
class QVBoxLayout;

namespace mw::ui {

class PanelBody;

class PanelWidget : public QFrame
{
    Q_OBJECT
public:
    explicit PanelWidget(const dashboard::Panel &panel, QWidget *parent = nullptr);

    int panelId() const { return m_panel.id; }
    const dashboard::Panel &panel() const { return m_panel; }
    /// A changed panel (a new body when its kind changed).
    void setPanel(const dashboard::Panel &panel);
    void setRuleThresholds(std::vector<dashboard::Threshold> thresholds);
    /// Shows the model's frame.
    void showFrame(const view::PanelFrame &frame);
    const view::PanelFrame &frame() const { return m_frame; }
    PanelBody *body() const { return m_body; }
    /// The text in place of the body ("" when the body shows).
    QString messageText() const;
    QString badgeText() const;
    /// Replaces the body (quality panels bring their own).
    void setBody(PanelBody *body);

    /// The panel drawn into an image at its current size (export, clipboard),
    /// without its menu button and resize grip.
    QImage toImage();
    /// Hides the interactive chrome (menu button, grip) for drawing into an
    /// image; the layout keeps its place, so nothing moves.
    void setPrinting(bool printing);

Q_SIGNALS:
    void editRequested(int panelId);
    void duplicateRequested(int panelId);
    void removeRequested(int panelId);
    void exportImageRequested(int panelId);
    void exportCsvRequested(int panelId);
    void copyImageRequested(int panelId);
    /// The header was dragged / the corner grip (phase 0 press, 1 move, 2 release).
    void moveDragged(int panelId, QPoint globalPos, int phase);
    void resizeDragged(int panelId, QPoint globalPos, int phase);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void rebuildBody();
    void updateState();
    bool inGrip(QPoint p) const;

    dashboard::Panel m_panel;
    std::vector<dashboard::Threshold> m_ruleThresholds;
    view::PanelFrame m_frame;
    QWidget *m_header;
    QLabel *m_title;
    QLabel *m_badge;
    QToolButton *m_menuButton;
    QLabel *m_message;
    PanelBody *m_body = nullptr;
    QVBoxLayout *m_layout;
    bool m_resizing = false;
    bool m_printing = false;
};

} // namespace mw::ui
