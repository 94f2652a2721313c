#include "NameCache.h"

namespace mw::editor {

using view::NamesAnswer;
using view::SourceBackend;

NameCache::NameCache(QObject *parent) : QObject(parent) {}

QString NameCache::key(const QString &kind, const SourceBackend *backend, const QString &metric,
                       const QString &label)
{
    const QChar sep(0x1f);
    return kind + sep + (backend ? backend->name() : QString()) + sep + metric + sep + label;
}

template<typename Request>
std::optional<QStringList> NameCache::lookup(SourceBackend *backend, const QString &key, Request request)
{
    if (!backend)
        return QStringList();
    if (const auto it = m_names.constFind(key); it != m_names.constEnd())
        return *it;
    if (const auto it = m_pending.constFind(key); it != m_pending.constEnd() && it->backend == backend)
        return std::nullopt;
    if (!m_connected.contains(backend)) {
        m_connected.insert(backend);
        connect(backend, &SourceBackend::namesFinished, this,
                [this, backend](quint64 id, const NamesAnswer &answer) { onNames(backend, id, answer); });
        connect(backend, &QObject::destroyed, this, [this, backend] { m_connected.remove(backend); });
    }
    m_pending.insert(key, Pending{backend, request(), key});
    return std::nullopt;
}

std::optional<QStringList> NameCache::metricNames(SourceBackend *backend)
{
    return lookup(backend, key(QStringLiteral("metrics"), backend, {}),
                  [backend] { return backend->metricNames(); });
}

std::optional<QStringList> NameCache::labelNames(SourceBackend *backend, const QString &metric)
{
    return lookup(backend, key(QStringLiteral("labels"), backend, metric),
                  [backend, metric] { return backend->labelNames(metric); });
}

std::optional<QStringList> NameCache::labelValues(SourceBackend *backend, const QString &label,
                                                  const QString &metric)
{
    return lookup(backend, key(QStringLiteral("values"), backend, metric, label),
                  [backend, label, metric] { return backend->labelValues(label, metric); });
}

void NameCache::onNames(SourceBackend *backend, quint64 id, const NamesAnswer &answer)
{
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->id != id || it->backend != backend)
            continue;
        const QString k = it->key;
        m_pending.erase(it);
        if (answer.ok() && !answer.names.isEmpty())
            m_names.insert(k, answer.names);
        Q_EMIT namesArrived(k, answer.names);
        return;
    }
}

} // namespace mw::editor
