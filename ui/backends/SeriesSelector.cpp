#include "SeriesSelector.h"

namespace mw::view {

namespace {

bool isNameChar(QChar c, bool first)
{
    const char16_t u = c.unicode();
    const bool letter = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'_' || u == u':';
    return letter || (!first && u >= u'0' && u <= u'9');
}

} // namespace

bool isMetricName(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i)
        if (!isNameChar(text.at(i), i == 0))
            return false;
    return true;
}

QString seriesSelectorFor(const QString &metric)
{
    if (!isMetricName(metric))
        return metric.trimmed();
    // A metric name holds no quote or backslash: nothing to escape.
    return QStringLiteral("{__name__=\"") + metric + QStringLiteral("\"}");
}

} // namespace mw::view
