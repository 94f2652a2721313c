#include "AckDialog.h"

#include "DurationEdit.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace mw::alertsui {

AckDialog::AckDialog(const QString &alertText, QWidget *parent)
    : QDialog(parent),
      m_comment(new QPlainTextEdit(this)),
      m_untilResolved(new QRadioButton(tr("Until it &resolves"), this)),
      m_forDuration(new QRadioButton(tr("&For"), this)),
      m_duration(new DurationEdit(QStringLiteral("ackDuration"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("alertsAckDialog"));
    setWindowTitle(tr("Acknowledge alert"));
    auto *what = new QLabel(alertText, this);
    what->setWordWrap(true);
    what->setTextFormat(Qt::PlainText);
    m_comment->setObjectName(QStringLiteral("ackComment"));
    m_comment->setPlaceholderText(tr("What are you doing about it?"));
    m_comment->setTabChangesFocus(true);
    m_comment->setMaximumHeight(m_comment->fontMetrics().lineSpacing() * 5);
    m_untilResolved->setObjectName(QStringLiteral("ackUntilResolved"));
    m_forDuration->setObjectName(QStringLiteral("ackForDuration"));
    m_untilResolved->setChecked(true);
    m_duration->setEnabled(false);
    connect(m_forDuration, &QRadioButton::toggled, m_duration, &QWidget::setEnabled);
    m_buttons->setObjectName(QStringLiteral("ackButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Acknowledge"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(new QLabel(tr("Comment:"), this));
    layout->addWidget(m_comment);
    auto *grid = new QGridLayout;
    grid->addWidget(m_untilResolved, 0, 0, 1, 2);
    grid->addWidget(m_forDuration, 1, 0);
    grid->addWidget(m_duration, 1, 1);
    layout->addLayout(grid);
    layout->addWidget(m_buttons);
    m_comment->setFocus();
}

QString AckDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

std::optional<int64_t> AckDialog::durationMs() const
{
    if (m_untilResolved->isChecked())
        return std::nullopt;
    return m_duration->durationMs();
}

} // namespace mw::alertsui
