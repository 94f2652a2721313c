#include "TimeRangePicker.h"

#include "TimeSpec.h"

#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>

namespace mw::ui {

std::vector<int64_t> TimeRangePicker::presetSpans()
{
    constexpr int64_t m = 60'000;
    return {5 * m, 15 * m, 30 * m, 60 * m, 180 * m, 360 * m, 720 * m, 1440 * m, 2880 * m, 10080 * m};
}

TimeRangePicker::TimeRangePicker(QWidget *parent) : QToolButton(parent)
{
    setObjectName(QStringLiteral("timeRange"));
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setToolTip(tr("Time range"));
    auto *menu = new QMenu(this);
    for (int64_t span : presetSpans()) {
        const dashboard::TimeRange r = view::relativeRange(span);
        menu->addAction(view::describeRange(r), this, [this, r] {
            setRange(r);
            Q_EMIT rangeChosen(r);
        });
    }
    menu->addSeparator();
    menu->addAction(tr("Absolute range…"), this, &TimeRangePicker::chooseAbsolute);
    setMenu(menu);
    setRange(m_range);
}

void TimeRangePicker::setRange(const dashboard::TimeRange &range)
{
    m_range = range;
    setText(view::describeRange(range));
}

void TimeRangePicker::chooseAbsolute()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Absolute time range"));
    auto *form = new QFormLayout(&dialog);
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    const std::optional<view::ResolvedRange> current = view::resolveRange(m_range, now);
    auto *from = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(current ? current->fromMs : now - 3'600'000), &dialog);
    auto *to = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(current ? current->toMs : now), &dialog);
    from->setObjectName(QStringLiteral("from"));
    to->setObjectName(QStringLiteral("to"));
    for (QDateTimeEdit *e : {from, to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    form->addRow(tr("From:"), from);
    form->addRow(tr("To:"), to);
    auto *error = new QLabel(&dialog);
    error->setForegroundRole(QPalette::BrightText);
    form->addRow(error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    const auto check = [&] {
        const bool ok = from->dateTime() < to->dateTime();
        error->setText(ok ? QString() : tr("The range must start before it ends."));
        buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    };
    connect(from, &QDateTimeEdit::dateTimeChanged, &dialog, check);
    connect(to, &QDateTimeEdit::dateTimeChanged, &dialog, check);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    check();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const dashboard::TimeRange r = view::absoluteRange(from->dateTime().toMSecsSinceEpoch(), to->dateTime().toMSecsSinceEpoch());
    setRange(r);
    Q_EMIT rangeChosen(r);
}

} // namespace mw::ui
