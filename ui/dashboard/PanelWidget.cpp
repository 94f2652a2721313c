#include "PanelWidget.h"

#include "PanelBodyFactory.h"
#include "PanelBody.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace mw::ui {
namespace {

constexpr int kGrip = 12;

} // namespace

PanelWidget::PanelWidget(const dashboard::Panel &panel, QWidget *parent)
    : QFrame(parent), m_panel(panel), m_header(new QWidget(this)), m_title(new QLabel(m_header)),
      m_badge(new QLabel(m_header)), m_menuButton(new QToolButton(m_header)), m_message(new QLabel(this)),
      m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("panel-%1").arg(panel.id));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    m_layout->setContentsMargins(6, 2, 6, 6);
    m_layout->setSpacing(2);

    auto *h = new QHBoxLayout(m_header);
    h->setContentsMargins(0, 0, 0, 0);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextFormat(Qt::PlainText);
    m_badge->setObjectName(QStringLiteral("badge"));
    m_badge->setTextFormat(Qt::PlainText);
    h->addWidget(m_title, 1);
    h->addWidget(m_badge, 0);
    m_menuButton->setObjectName(QStringLiteral("panelMenu"));
    m_menuButton->setText(QStringLiteral("\u22ee"));
    m_menuButton->setAutoRaise(true);
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setToolTip(tr("Panel menu"));
    auto *menu = new QMenu(m_menuButton);
    const int id = panel.id;
    menu->addAction(tr("&Edit…"), this, [this] { Q_EMIT editRequested(m_panel.id); });
    menu->addAction(tr("D&uplicate"), this, [this] { Q_EMIT duplicateRequested(m_panel.id); });
    menu->addSeparator();
    menu->addAction(tr("Export as &PNG…"), this, [this] { Q_EMIT exportImageRequested(m_panel.id); });
    menu->addAction(tr("Export data as &CSV…"), this, [this] { Q_EMIT exportCsvRequested(m_panel.id); });
    menu->addAction(tr("&Copy image"), this, [this] { Q_EMIT copyImageRequested(m_panel.id); });
    menu->addSeparator();
    menu->addAction(tr("&Remove"), this, [this] { Q_EMIT removeRequested(m_panel.id); });
    (void)id;
    m_menuButton->setMenu(menu);
    h->addWidget(m_menuButton, 0);
    m_header->setCursor(Qt::OpenHandCursor);
    m_header->installEventFilter(this);
    m_title->installEventFilter(this);

    m_message->setObjectName(QStringLiteral("message"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_layout->addWidget(m_header, 0);
    m_layout->addWidget(m_message, 1);
    setMouseTracking(true);
    rebuildBody();
    setPanel(panel);
}

void PanelWidget::setPanel(const dashboard::Panel &panel)
{
    const bool kindChanged = panel.kind != m_panel.kind;
    m_panel = panel;
    m_title->setText(QString::fromStdString(panel.title));
    setToolTip(QString::fromStdString(panel.description));
    if (kindChanged)
        rebuildBody();
    if (m_body)
        m_body->showFrame(m_frame, m_panel, m_ruleThresholds);
    updateState();
}

void PanelWidget::setRuleThresholds(std::vector<dashboard::Threshold> thresholds)
{
    m_ruleThresholds = std::move(thresholds);
    if (m_body)
        m_body->showFrame(m_frame, m_panel, m_ruleThresholds);
}

void PanelWidget::rebuildBody() { setBody(makePanelBody(m_panel, this)); }

void PanelWidget::setBody(PanelBody *body)
{
    delete m_body;
    m_body = body;
    if (m_body) {
        m_layout->insertWidget(1, m_body, 1);
        m_body->showFrame(m_frame, m_panel, m_ruleThresholds);
    }
    updateState();
}

void PanelWidget::showFrame(const view::PanelFrame &frame)
{
    m_frame = frame;
    if (m_body && (frame.state == view::PanelState::Ready || frame.state == view::PanelState::NoData))
        m_body->showFrame(m_frame, m_panel, m_ruleThresholds);
    updateState();
}

void PanelWidget::updateState()
{
    using view::PanelState;
    QString message;
    switch (m_frame.state) {
    case PanelState::Idle:
        message = tr("Waiting for the first refresh");
        break;
    case PanelState::Loading:
        message = tr("Loading…");
        break;
    case PanelState::NoData:
        message = tr("No data in this time range");
        break;
    case PanelState::Error:
        message = m_frame.errors.join(QLatin1Char('\n'));
        break;
    case PanelState::Ready:
        break;
    }
    if (m_body && m_body->ownsStates() && m_frame.state != PanelState::Error)
        message.clear();
    const bool showBody = m_body && message.isEmpty();
    if (m_body)
        m_body->setVisible(showBody);
    m_message->setVisible(!showBody);
    m_message->setText(message);

    QStringList badge;
    QStringList tips;
    if (m_frame.loading && m_frame.state == PanelState::Ready)
        badge << QStringLiteral("\u21bb");
    if (m_frame.stale) {
        badge << tr("stale");
        tips << tr("The data may be old: %1").arg(m_frame.staleText);
    }
    if (m_frame.state == PanelState::Ready && !m_frame.errors.isEmpty()) {
        badge << QStringLiteral("\u26a0");
        tips << m_frame.errors;
    }
    if (!m_frame.warnings.isEmpty())
        tips << m_frame.warnings;
    m_badge->setText(badge.join(QLatin1Char(' ')));
    m_badge->setToolTip(tips.join(QLatin1Char('\n')));
    QPalette pal = m_badge->palette();
    pal.setColor(QPalette::WindowText, m_frame.stale || !m_frame.errors.isEmpty() ? QColor(0xd9, 0x82, 0x00)
                                                                                  : palette().color(QPalette::PlaceholderText));
    m_badge->setPalette(pal);
}

QString PanelWidget::messageText() const { return m_message->isVisible() ? m_message->text() : QString(); }

QString PanelWidget::badgeText() const { return m_badge->text(); }

QImage PanelWidget::toImage()
{
    setPrinting(true);
    const QImage image = grab().toImage();
    setPrinting(false);
    return image;
}

void PanelWidget::setPrinting(bool printing)
{
    if (printing == m_printing)
        return;
    m_printing = printing;
    QSizePolicy policy = m_menuButton->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    m_menuButton->setSizePolicy(policy);
    m_menuButton->setVisible(!printing);
    update();
}

bool PanelWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_header || watched == m_title) {
        if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseMove ||
            event->type() == QEvent::MouseButtonRelease) {
            auto *me = static_cast<QMouseEvent *>(event);
            const int phase = event->type() == QEvent::MouseButtonPress ? 0 : event->type() == QEvent::MouseMove ? 1 : 2;
            if (phase == 1 && !(me->buttons() & Qt::LeftButton))
                return false;
            if (phase != 1 && me->button() != Qt::LeftButton)
                return false;
            m_header->setCursor(phase == 2 ? Qt::OpenHandCursor : Qt::ClosedHandCursor);
            Q_EMIT moveDragged(m_panel.id, me->globalPosition().toPoint(), phase);
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

bool PanelWidget::inGrip(QPoint p) const { return p.x() >= width() - kGrip && p.y() >= height() - kGrip; }

void PanelWidget::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (m_printing)
        return;
    QPainter p(this);
    QColor c = palette().color(QPalette::PlaceholderText);
    c.setAlphaF(0.6f);
    p.setPen(QPen(c, 1));
    for (int k = 3; k <= 9; k += 3)
        p.drawLine(width() - k, height() - 2, width() - 2, height() - k);
}

void PanelWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && inGrip(event->position().toPoint())) {
        m_resizing = true;
        Q_EMIT resizeDragged(m_panel.id, event->globalPosition().toPoint(), 0);
        return;
    }
    QFrame::mousePressEvent(event);
}

void PanelWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (m_resizing) {
        Q_EMIT resizeDragged(m_panel.id, event->globalPosition().toPoint(), 1);
        return;
    }
    setCursor(inGrip(event->position().toPoint()) ? Qt::SizeFDiagCursor : Qt::ArrowCursor);
    QFrame::mouseMoveEvent(event);
}

void PanelWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_resizing && event->button() == Qt::LeftButton) {
        m_resizing = false;
        Q_EMIT resizeDragged(m_panel.id, event->globalPosition().toPoint(), 2);
        return;
    }
    QFrame::mouseReleaseEvent(event);
}

} // namespace mw::ui
