#pragma once

// Metric names, label names and label values for completion, fetched from
// SourceBackends through their asynchronous calls and kept for the life of
// the cache (one per editor dialog). A lookup answers at once from the
// cache, or starts one request and returns nullopt; namesArrived() follows.
// Empty and failed answers are not kept, so a source that has not scraped
// yet is asked again next time.

#include "SourceBackend.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <optional>

namespace mw::editor {

class NameCache : public QObject
{
    Q_OBJECT
public:
    explicit NameCache(QObject *parent = nullptr);

    std::optional<QStringList> metricNames(view::SourceBackend *backend);
    std::optional<QStringList> labelNames(view::SourceBackend *backend, const QString &metric);
    std::optional<QStringList> labelValues(view::SourceBackend *backend, const QString &label,
                                           const QString &metric);

Q_SIGNALS:
    /// An answer came for `key` (as returned by the lookups' key()).
    void namesArrived(const QString &key, const QStringList &names);

public:
    /// The cache key of a lookup: kind ("metrics", "labels", "values"),
    /// backend name, metric and label.
    static QString key(const QString &kind, const view::SourceBackend *backend, const QString &metric,
                       const QString &label = {});

private:
    template<typename Request>
    std::optional<QStringList> lookup(view::SourceBackend *backend, const QString &key, Request request);
    void onNames(view::SourceBackend *backend, quint64 id, const view::NamesAnswer &answer);

    struct Pending
    {
        QPointer<view::SourceBackend> backend;
        quint64 id = 0;
        QString key;
    };

    QHash<QString, QStringList> m_names;
    QHash<QString, Pending> m_pending; ///< by key
    QSet<view::SourceBackend *> m_connected;
};

} // namespace mw::editor
