#include "VariableCheck.h"

#include "QueryText.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace mw::variablesui {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("mw::variablesui::VariableCheck", text); }

const std::string kAll = "$__all";

} // namespace

QString VariableProblems::of(VariableField field) const
{
    const auto it = problems.find(field);
    return it == problems.end() ? QString() : it->second;
}

QString VariableProblems::summary() const { return problems.empty() ? QString() : problems.begin()->second; }

namespace VariableCheck {

bool isName(const std::string &name)
{
    if (name.empty())
        return false;
    const auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!alpha(name.front()))
        return false;
    return std::all_of(name.begin() + 1, name.end(), [&](char c) { return alpha(c) || digit(c); });
}

VariableProblems check(const std::vector<dashboard::Variable> &variables, std::size_t index)
{
    VariableProblems out;
    if (index >= variables.size())
        return out;
    const dashboard::Variable &v = variables[index];
    if (v.name.empty()) {
        out.problems[VariableField::Name] = tr("A variable needs a name (used as $name).");
    } else if (!isName(v.name)) {
        out.problems[VariableField::Name] =
            tr("'%1' is not a name: letters, digits and _, not starting with a digit.").arg(QString::fromStdString(v.name));
    } else {
        for (std::size_t i = 0; i < variables.size(); ++i) {
            if (i != index && variables[i].name == v.name) {
                out.problems[VariableField::Name] = tr("Another variable is named '%1'.").arg(QString::fromStdString(v.name));
                break;
            }
        }
    }
    if (v.kind == dashboard::VariableKind::Query) {
        view::LabelValuesQuery q;
        if (QString::fromStdString(v.query).trimmed().isEmpty())
            out.problems[VariableField::Query] = tr("A query variable needs a query, e.g. label_values(metric, label).");
        else if (!view::parseLabelValues(v.query, q))
            out.problems[VariableField::Query] = tr("Not label_values(metric, label) or label_values(label).");
    } else if (v.options.empty()) {
        out.problems[VariableField::Options] = tr("A custom variable needs at least one option.");
    }
    return out;
}

std::vector<std::string> parseOptions(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\n\\r]"));
    std::vector<std::string> out;
    for (const QString &part : text.split(separators)) {
        const std::string o = part.trimmed().toStdString();
        if (!o.empty() && std::find(out.begin(), out.end(), o) == out.end())
            out.push_back(o);
    }
    return out;
}

QString optionsText(const std::vector<std::string> &options)
{
    QStringList lines;
    for (const std::string &o : options)
        lines << QString::fromStdString(o);
    return lines.join(QLatin1Char('\n'));
}

std::vector<std::string> fitSelection(const dashboard::Variable &variable, const std::vector<std::string> &selection)
{
    std::vector<std::string> out;
    const bool custom = variable.kind == dashboard::VariableKind::Custom;
    for (const std::string &s : selection) {
        if (s == kAll) {
            if (variable.includeAll)
                out = {kAll};
            else
                continue;
            break;
        }
        if (custom && std::find(variable.options.begin(), variable.options.end(), s) == variable.options.end())
            continue;
        out.push_back(s);
    }
    if (!variable.multi && out.size() > 1)
        out.resize(1);
    if (custom && out.empty() && !variable.options.empty())
        out = {variable.includeAll ? kAll : variable.options.front()};
    return out;
}

std::string uniqueName(const std::string &base, const std::vector<dashboard::Variable> &taken)
{
    const auto used = [&](const std::string &n) {
        return std::any_of(taken.begin(), taken.end(), [&](const dashboard::Variable &v) { return v.name == n; });
    };
    if (!used(base))
        return base;
    for (int i = 2;; ++i) {
        std::string n = base + std::to_string(i);
        if (!used(n))
            return n;
    }
}

} // namespace VariableCheck

} // namespace mw::variablesui
