#include "FrameCsv.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>
#include <map>

namespace mw::view {
namespace {

QByteArray quoted(const QString &s)
{
    QByteArray b = s.toUtf8();
    if (b.contains(',') || b.contains('"') || b.contains('\n') || b.contains('\r')) {
        b.replace("\"", "\"\"");
        b = '"' + b + '"';
    }
    return b;
}

} // namespace

QByteArray frameToCsv(const PanelFrame &frame)
{
    QByteArray out = "time";
    for (const PanelSeries &s : frame.series)
        out += ',' + quoted(s.name);
    out += "\r\n";
    std::map<int64_t, std::vector<double>> rows;
    const std::size_t n = frame.series.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (!frame.series[i].points)
            continue;
        for (const Point &p : *frame.series[i].points) {
            auto &row = rows[p.t];
            if (row.empty())
                row.assign(n, std::nan(""));
            row[i] = p.v;
        }
    }
    for (const auto &[t, values] : rows) {
        out += QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
        for (double v : values) {
            out += ',';
            if (std::isfinite(v))
                out += QByteArray::number(v, 'g', 17);
        }
        out += "\r\n";
    }
    return out;
}

} // namespace mw::view
