#include "DurationEdit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSpinBox>

#include <algorithm>

namespace mw::alertsui {

namespace {
constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;
} // namespace

DurationEdit::DurationEdit(const QString &name, QWidget *parent)
    : QWidget(parent), m_value(new QSpinBox(this)), m_unit(new QComboBox(this))
{
    setObjectName(name);
    m_value->setObjectName(name + QStringLiteral("Value"));
    m_value->setRange(1, 999);
    m_value->setValue(1);
    m_unit->setObjectName(name + QStringLiteral("Unit"));
    m_unit->addItem(tr("minutes"), QVariant::fromValue<qint64>(kMinuteMs));
    m_unit->addItem(tr("hours"), QVariant::fromValue<qint64>(kHourMs));
    m_unit->addItem(tr("days"), QVariant::fromValue<qint64>(kDayMs));
    m_unit->setCurrentIndex(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_value);
    layout->addWidget(m_unit);
    layout->addStretch(1);
}

int64_t DurationEdit::durationMs() const
{
    return m_value->value() * m_unit->currentData().toLongLong();
}

void DurationEdit::setDurationMs(int64_t ms)
{
    const int64_t minutes = std::max<int64_t>(1, (ms + kMinuteMs - 1) / kMinuteMs);
    for (int i = m_unit->count() - 1; i >= 0; --i) {
        const int64_t unitMinutes = m_unit->itemData(i).toLongLong() / kMinuteMs;
        if (minutes % unitMinutes == 0 && minutes / unitMinutes <= m_value->maximum()) {
            m_unit->setCurrentIndex(i);
            m_value->setValue(static_cast<int>(minutes / unitMinutes));
            return;
        }
    }
    m_unit->setCurrentIndex(0);
    m_value->setValue(m_value->maximum());
}

} // namespace mw::alertsui
