#pragma once

#include <QDialog>

#include <cstdint>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QRadioButton;

namespace mw::alertsui {

class DurationEdit;

/// "Acknowledge…": a comment, and until the alert resolves or for a
/// duration (what AlertEngine::acknowledge offers). Object names:
/// alertsAckDialog, ackComment, ackUntilResolved, ackForDuration,
/// ackDuration(Value|Unit), ackButtons.
class AckDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AckDialog(const QString &alertText, QWidget *parent = nullptr);

    QString comment() const;
    /// nullopt: until resolved.
    std::optional<int64_t> durationMs() const;

    QPlainTextEdit *commentEdit() const { return m_comment; }
    QRadioButton *untilResolvedButton() const { return m_untilResolved; }
    QRadioButton *forDurationButton() const { return m_forDuration; }
    DurationEdit *durationEdit() const { return m_duration; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QPlainTextEdit *m_comment;
    QRadioButton *m_untilResolved;
    QRadioButton *m_forDuration;
    DurationEdit *m_duration;
    QDialogButtonBox *m_buttons;
};

} // namespace mw::alertsui
