#include "LegendFormat.h"

namespace mw::editor {

QString legendName(const QString &format, const Labels &labels, const QString &fallback)
{
    if (format.trimmed().isEmpty())
        return labels.empty() ? fallback : QString::fromStdString(labels.toString());
    QString out;
    qsizetype i = 0;
    while (i < format.size()) {
        const qsizetype open = format.indexOf(QLatin1String("{{"), i);
        const qsizetype close = open < 0 ? -1 : format.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            out += format.mid(i);
            break;
        }
        out += format.mid(i, open - i);
        const QByteArray name = format.mid(open + 2, close - open - 2).trimmed().toUtf8();
        if (const auto value = labels.get(std::string_view(name.constData(), std::size_t(name.size()))))
            out += QString::fromUtf8(value->data(), qsizetype(value->size()));
        i = close + 2;
    }
    return out;
}

} // namespace mw::editor
