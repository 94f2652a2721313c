#include "SnoozeDialog.h"

#include "DurationEdit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mw::alertsui {

SnoozeDialog::SnoozeDialog(const QString &alertText, QWidget *parent)
    : QDialog(parent),
      m_duration(new DurationEdit(QStringLiteral("snoozeDuration"), this)),
      m_comment(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("alertsSnoozeDialog"));
    setWindowTitle(tr("Snooze alert"));
    auto *what = new QLabel(alertText, this);
    what->setWordWrap(true);
    what->setTextFormat(Qt::PlainText);
    m_comment->setObjectName(QStringLiteral("snoozeComment"));
    m_comment->setPlaceholderText(tr("Optional"));
    m_buttons->setObjectName(QStringLiteral("snoozeButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Snooze"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Snooze for:"), m_duration);
    form->addRow(tr("Comment:"), m_comment);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
}

int64_t SnoozeDialog::durationMs() const
{
    return m_duration->durationMs();
}

QString SnoozeDialog::comment() const
{
    return m_comment->text().trimmed();
}

} // namespace mw::alertsui
