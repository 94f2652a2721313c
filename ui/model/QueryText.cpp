#include "QueryText.h"

#include <QRegularExpression>

#include <cctype>

namespace mw::view {
namespace {

bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::string regexEscape(const std::string &v)
{
    std::string out;
    for (char c : v) {
        if (std::string_view(".^$|?*+()[]{}\\").find(c) != std::string_view::npos)
            out += "\\\\"; // PromQL string: a backslash is written twice
        else if (c == '"')
            out += '\\';
        out += c;
    }
    return out;
}

std::string render(const std::string &name, const VariableValues &values, const std::string &interval, bool &known)
{
    known = true;
    if (name == "__interval" || name == "__rate_interval")
        return interval;
    const auto it = values.find(name);
    if (it == values.end()) {
        known = false;
        return {};
    }
    const VariableValue &v = it->second;
    if (v.all || (v.values.size() == 1 && v.values.front() == "$__all"))
        return ".*";
    if (v.values.size() == 1)
        return v.values.front();
    std::string out = "(";
    for (std::size_t i = 0; i < v.values.size(); ++i) {
        if (i)
            out += '|';
        out += regexEscape(v.values[i]);
    }
    return out + ")";
}

} // namespace

std::string substituteVariables(const std::string &expr, const VariableValues &values, const std::string &intervalText)
{
    std::string out;
    out.reserve(expr.size());
    std::size_t i = 0;
    while (i < expr.size()) {
        const char c = expr[i];
        std::size_t nameBegin = 0;
        std::size_t nameEnd = 0;
        std::size_t end = 0;
        if (c == '$' && i + 1 < expr.size() && expr[i + 1] == '{') {
            const std::size_t close = expr.find('}', i + 2);
            if (close != std::string::npos) {
                nameBegin = i + 2;
                nameEnd = close;
                end = close + 1;
            }
        } else if (c == '$') {
            std::size_t j = i + 1;
            while (j < expr.size() && isNameChar(expr[j]))
                ++j;
            if (j > i + 1) {
                nameBegin = i + 1;
                nameEnd = j;
                end = j;
            }
        } else if (c == '[' && expr.compare(i, 2, "[[") == 0) {
            const std::size_t close = expr.find("]]", i + 2);
            if (close != std::string::npos) {
                nameBegin = i + 2;
                nameEnd = close;
                end = close + 2;
            }
        }
        if (end) {
            bool known = false;
            const std::string value = render(expr.substr(nameBegin, nameEnd - nameBegin), values, intervalText, known);
            if (known) {
                out += value;
                i = end;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

QString legendText(const std::string &format, const Labels &labels, const QString &unlabelled)
{
    if (format.empty())
        return labels.empty() && !unlabelled.isEmpty() ? unlabelled : QString::fromStdString(labels.toString());
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}"));
    const QString f = QString::fromStdString(format);
    QString out;
    qsizetype last = 0;
    for (auto it = placeholder.globalMatch(f); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += f.mid(last, m.capturedStart() - last);
        const std::string name = m.captured(1).toStdString();
        if (const std::optional<std::string_view> v = labels.get(name))
            out += QString::fromUtf8(v->data(), static_cast<qsizetype>(v->size()));
        last = m.capturedEnd();
    }
    out += f.mid(last);
    return out.trimmed();
}

bool parseLabelValues(const std::string &query, LabelValuesQuery &out)
{
    static const QRegularExpression re(QStringLiteral(
        "^\\s*label_values\\s*\\(\\s*(?:([^,]+?)\\s*,\\s*)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$"));
    const QRegularExpressionMatch m = re.match(QString::fromStdString(query));
    if (!m.hasMatch())
        return false;
    out.metric = m.captured(1).trimmed().toStdString();
    out.label = m.captured(2).toStdString();
    return true;
}

} // namespace mw::view
