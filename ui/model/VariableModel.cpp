#include "VariableModel.h"

#include <QCoreApplication>

#include <algorithm>

namespace mw::view {
VariableModel::VariableModel(QObject *parent) : QObject(parent) {}

void VariableModel::setVariables(std::vector<dashboard::Variable> variables)
{
    m_vars = std::move(variables);
    m_entries.assign(m_vars.size(), Entry{});
    for (std::size_t i = 0; i < m_vars.size(); ++i) {
        if (m_vars[i].kind == dashboard::VariableKind::Custom) {
            for (const std::string &o : m_vars[i].options)
                m_entries[i].options << QString::fromStdString(o);
        }
    }
    reload();
}

void VariableModel::setBackend(SourceBackend *backend)
{
    if (backend == m_backend)
        return;
    disconnect(m_connection);
    m_backend = backend;
    if (backend)
        m_connection = connect(backend, &SourceBackend::namesFinished, this, &VariableModel::onNames);
    reload();
}

void VariableModel::reload()
{
    for (std::size_t i = 0; i < m_vars.size(); ++i) {
        const dashboard::Variable &v = m_vars[i];
        if (v.kind != dashboard::VariableKind::Query)
            continue;
        LabelValuesQuery q;
        if (!parseLabelValues(v.query, q)) {
            m_entries[i].error = tr("'%1' is not label_values(metric, label) or label_values(label)")
                                     .arg(QString::fromStdString(v.query));
            Q_EMIT optionsChanged(static_cast<int>(i));
            continue;
        }
        SourceBackend *b = m_backend.data();
        if (!b)
            continue;
        m_entries[i].request = b->labelValues(QString::fromStdString(q.label), QString::fromStdString(q.metric));
    }
}

void VariableModel::onNames(quint64 id, const NamesAnswer &answer)
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        Entry &e = m_entries[i];
        if (e.request != id || id == 0)
            continue;
        e.request = 0;
        e.error = answer.error;
        if (answer.ok() && answer.names != e.options) {
            e.options = answer.names;
            Q_EMIT optionsChanged(static_cast<int>(i));
            // A single-value variable with nothing (or a vanished value)
            // selected takes the first option, as Grafana does.
            dashboard::Variable &v = m_vars[i];
            const bool all = v.current.size() == 1 && v.current.front() == "$__all";
            const bool valid = !v.current.empty() && (all || std::all_of(v.current.begin(), v.current.end(), [&](const std::string &c) {
                                   return e.options.contains(QString::fromStdString(c));
                               }));
            if (!valid && !e.options.isEmpty()) {
                v.current = {v.includeAll ? std::string("$__all") : e.options.front().toStdString()};
                Q_EMIT selectionChanged();
            }
        } else if (!answer.ok()) {
            Q_EMIT optionsChanged(static_cast<int>(i));
        }
    }
}

bool VariableModel::missingOptions() const
{
    for (std::size_t i = 0; i < m_vars.size(); ++i) {
        if (m_vars[i].kind == dashboard::VariableKind::Query && m_entries[i].options.isEmpty() && m_entries[i].request == 0)
            return true;
    }
    return false;
}

QStringList VariableModel::options(int index) const
{
    return index >= 0 && static_cast<std::size_t>(index) < m_entries.size() ? m_entries[index].options : QStringList();
}

QString VariableModel::error(int index) const
{
    return index >= 0 && static_cast<std::size_t>(index) < m_entries.size() ? m_entries[index].error : QString();
}

void VariableModel::select(int index, const std::vector<std::string> &values)
{
    if (index < 0 || static_cast<std::size_t>(index) >= m_vars.size() || m_vars[index].current == values)
        return;
    m_vars[index].current = values;
    Q_EMIT selectionChanged();
}

VariableValues VariableModel::values() const
{
    return valuesOf(m_vars);
}

VariableValues VariableModel::valuesOf(const std::vector<dashboard::Variable> &variables)
{
    VariableValues out;
    for (const dashboard::Variable &v : variables) {
        VariableValue value;
        value.values = v.current;
        value.all = v.current.empty() || (v.current.size() == 1 && v.current.front() == "$__all");
        out[v.name] = value;
    }
    return out;
}

} // namespace mw::view
