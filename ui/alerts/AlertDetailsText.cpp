#include "AlertDetailsText.h"

#include "AlertColors.h"
#include "AlertFormat.h"

namespace mw::alertsui {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString row2(const QString &name, const QString &value)
{
    return QStringLiteral("<tr><td style='padding-right:12px;color:#777777'>%1</td><td>%2</td></tr>")
        .arg(esc(name), value);
}

} // namespace

QString AlertDetailsText::oneLine(const AlertRow &row)
{
    const QString labels = AlertFormat::labels(row.labels);
    QString s = row.rule;
    if (!labels.isEmpty())
        s += QStringLiteral(" {") + labels + u'}';
    return tr("%1 (%2, %3)").arg(s, AlertFormat::status(row.status), row.originText());
}

QString AlertDetailsText::html(const AlertRow &row)
{
    const QColor c = AlertColors::status(row.status);
    QString h = QStringLiteral("<p><b>%1</b> &nbsp;<span style='color:%2'>&#9679; %3</span> &nbsp;%4</p>")
                    .arg(esc(row.rule), c.name(), esc(AlertFormat::status(row.status)),
                         esc(AlertFormat::severity(row.severity)));
    h += QStringLiteral("<table>");
    h += row2(tr("Origin"), esc(row.originText()));
    if (row.hasValue)
        h += row2(tr("Value"), esc(AlertFormat::value(row.value, row.unit)));
    if (row.sinceMs > 0)
        h += row2(tr("Since"), esc(AlertFormat::time(row.sinceMs)));
    if (!row.ruleId.empty())
        h += row2(tr("Rule id"), esc(QString::fromStdString(row.ruleId)));
    if (row.panelId)
        h += row2(tr("Panel"), tr("#%1 (double-click the row to show it)").arg(*row.panelId));
    if (row.hasAction)
        h += row2(tr("Acknowledgement"), esc(AlertFormat::action(row)));
    for (const auto &[name, value] : row.annotations)
        h += row2(QString::fromStdString(name), esc(QString::fromStdString(value)));
    QStringList labels;
    for (const auto &[name, value] : row.labels)
        labels << esc(QString::fromStdString(name)) + QStringLiteral("=<i>") + esc(QString::fromStdString(value))
                + QStringLiteral("</i>");
    h += row2(tr("Labels"), labels.join(QStringLiteral("<br>")));
    if (!row.generatorUrl.isEmpty())
        h += row2(tr("Source"), QStringLiteral("<a href='%1'>%1</a>").arg(esc(row.generatorUrl)));
    h += QStringLiteral("</table>");
    return h;
}

} // namespace mw::alertsui
