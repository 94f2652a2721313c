#include "SourceStatusBar.h"

#include "DashboardSession.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace mw::ui {
namespace {

QString dot(const QColor &c) { return QStringLiteral("<span style=\"color:%1\">\u25cf</span> ").arg(c.name()); }

} // namespace

SourceStatusBar::SourceStatusBar(view::DashboardSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("sourceStatus"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    connect(session, &view::DashboardSession::sourceHealthChanged, this, &SourceStatusBar::refresh);
    connect(session, &view::DashboardSession::backendsChanged, this, &SourceStatusBar::refresh);
    refresh();
}

void SourceStatusBar::refresh()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const dashboard::Source &s : m_session->document().sources) {
        auto *label = new QLabel(this);
        label->setTextFormat(Qt::RichText);
        const QString name = QString::fromStdString(s.name).toHtmlEscaped();
        view::SourceBackend *b = m_session->backend(s.name);
        QString text;
        QString tip;
        QColor color(0x88, 0x88, 0x88);
        if (!b) {
            color = QColor(0xd0, 0x21, 0x21);
            text = tr("%1: not set up").arg(name);
            tip = m_session->backendError(s.name);
        } else {
            const view::SourceHealth h = b->health();
            const QString when = h.lastSuccessMs
                                     ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(h.lastSuccessMs).time(), QLocale::LongFormat)
                                     : tr("never");
            switch (h.state) {
            case view::SourceState::Unknown:
                text = tr("%1: connecting…").arg(name);
                break;
            case view::SourceState::Up:
                color = QColor(0x2e, 0xa0, 0x43);
                text = tr("%1: up, last data %2").arg(name, when);
                break;
            case view::SourceState::Partial:
                color = QColor(0xd9, 0x82, 0x00);
                text = tr("%1: %2").arg(name, h.detail.toHtmlEscaped());
                break;
            case view::SourceState::Down:
                color = QColor(0xd0, 0x21, 0x21);
                text = tr("%1: down (last data %2)").arg(name, when);
                break;
            }
            tip = h.error.isEmpty() ? h.detail : h.error;
        }
        label->setText(dot(color) + text);
        label->setToolTip(tip);
        label->setObjectName(QStringLiteral("source-") + QString::fromStdString(s.name));
        m_layout->addWidget(label);
    }
}

QStringList SourceStatusBar::texts() const
{
    QStringList out;
    for (QLabel *l : findChildren<QLabel *>())
        out << l->text();
    return out;
}

} // namespace mw::ui
