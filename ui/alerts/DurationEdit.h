#pragma once

#include <QWidget>

#include <cstdint>

class QComboBox;
class QSpinBox;

namespace mw::alertsui {

/// A duration as a number and a unit (minutes, hours, days). Its spin box and
/// unit box are named `<name>Value` and `<name>Unit`.
class DurationEdit final : public QWidget
{
    Q_OBJECT
public:
    explicit DurationEdit(const QString &name, QWidget *parent = nullptr);

    int64_t durationMs() const;
    /// Picks the largest unit that divides `ms` (rounded up to a minute).
    void setDurationMs(int64_t ms);

    QSpinBox *valueBox() const { return m_value; }
    QComboBox *unitBox() const { return m_unit; }

private:
    QSpinBox *m_value;
    QComboBox *m_unit;
};

} // namespace mw::alertsui
