#pragma once

#include "platform/AlertHistory.h"

#include <QAbstractTableModel>

#include <string>
#include <vector>

namespace mw::alertsui {

/// The History tab: transitions, acknowledgements and snoozes from the alert
/// history, newest first. refresh() inserts the rows written since the last
/// read at the top; changing the filter re-reads (a reset).
class AlertHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column : int { TimeColumn, EventColumn, AlertColumn, ChangeColumn, ByColumn, DetailColumn, ColumnCount };
    static constexpr int kDefaultLimit = 1000;

    /// `history` may be null or closed: the model stays empty. Not owned.
    explicit AlertHistoryModel(platform::AlertHistory *history, QObject *parent = nullptr);

    /// Only the events of one alert instance; empty: all.
    void setInstanceFilter(const std::string &instanceId);
    const std::string &instanceFilter() const { return m_instanceId; }

    const std::vector<platform::HistoryRecord> &records() const { return m_records; }
    QString errorString() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void readFailed(const QString &message);

private:
    std::optional<std::vector<platform::HistoryRecord>> read() const;
    QString text(const platform::HistoryRecord &record, int column) const;

    platform::AlertHistory *m_history;
    std::string m_instanceId;
    std::vector<platform::HistoryRecord> m_records; ///< newest first
    QString m_error;
};

} // namespace mw::alertsui
