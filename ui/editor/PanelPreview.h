#pragma once

// The editor's live preview: runs the panel's visible queries against a
// SourceBackend over a fixed time range and draws the answers in a
// TimeSeriesPlot with the legend names, the unit's formatting and the
// thresholds. Query changes are debounced (kDebounceMs after the last one);
// new data from the source (dataArrived) runs the queries again. When every
// query fails the errors are shown in place of the plot; when some fail,
// under it. Stale answers are dropped (requests are cancelled on re-run).
// A kind that draws no time series (quality panels) gets a note instead:
// no queries run while it is set.

#include "SourceBackend.h"
#include "dashboard/Document.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <cstdint>
#include <functional>
#include <vector>

class QLabel;
class QStackedWidget;

namespace mw {
class TimeSeriesPlot;
}

namespace mw::editor {

class PanelPreview : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 400;

    PanelPreview(int64_t fromMs, int64_t toMs, QWidget *parent = nullptr);
    ~PanelPreview() override;

    void setBackend(view::SourceBackend *backend);
    void setQueries(std::vector<dashboard::Query> queries);
    void setVariables(std::vector<dashboard::Variable> variables);
    void setTitle(const QString &title);
    void setUnit(presets::Unit unit);
    /// Ascending thresholds.
    void setThresholds(const std::vector<dashboard::Threshold> &thresholds);
    /// Shown in place of the plot, and no queries run, while not empty.
    void setNote(const QString &note);
    QString note() const { return m_note; }
    /// Runs the queries now (what the debounce timer does).
    void refresh();

    TimeSeriesPlot *plot() const { return m_plot; }
    /// What is shown instead of the plot (or under it); empty when all went well.
    QString errorText() const { return m_errorText; }
    bool isRunning() const { return !m_jobs.empty(); }
    /// A value as the plot labels it (the unit's formatter).
    QString formatValue(double v) const;

Q_SIGNALS:
    /// A complete set of answers (or errors) has been drawn.
    void updated();

private:
    struct Job
    {
        quint64 id = 0;
        dashboard::Query query;
        QString expr; ///< as sent: variables substituted
        view::RangeAnswer answer;
        bool done = false;
    };

    void schedule();
    void cancelJobs();
    void onRange(quint64 id, const view::RangeAnswer &answer);
    void draw();
    void showMessage(const QString &message, bool error = false);

    int64_t m_fromMs = 0;
    int64_t m_toMs = 0;
    QPointer<view::SourceBackend> m_backend;
    std::vector<dashboard::Query> m_queries;
    std::vector<dashboard::Variable> m_variables;
    std::vector<Job> m_jobs;
    QStringList m_parseErrors; ///< queries not sent because they do not parse
    QTimer m_debounce;
    TimeSeriesPlot *m_plot = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_stack = nullptr;
    QString m_errorText;
    QString m_note;
    std::function<QString(double)> m_format;
};

} // namespace mw::editor
