#pragma once

#include <QDialog>

#include <cstdint>

class QDialogButtonBox;
class QLineEdit;

namespace mw::alertsui {

class DurationEdit;

/// "Snooze → Custom…": a duration and an optional comment. Object names:
/// alertsSnoozeDialog, snoozeDuration(Value|Unit), snoozeComment, snoozeButtons.
class SnoozeDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SnoozeDialog(const QString &alertText, QWidget *parent = nullptr);

    int64_t durationMs() const;
    QString comment() const;

    DurationEdit *durationEdit() const { return m_duration; }
    QLineEdit *commentEdit() const { return m_comment; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    DurationEdit *m_duration;
    QLineEdit *m_comment;
    QDialogButtonBox *m_buttons;
};

} // namespace mw::alertsui
