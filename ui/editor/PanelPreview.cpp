#include "PanelPreview.h"

#include "ExpressionCheck.h"
#include "PanelModel.h"
#include "QueryText.h"
#include "ThresholdPlotting.h"
#include "TimeSeriesPlot.h"
#include "ValueFormat.h"
#include "VariableModel.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace mw::editor {

using view::RangeAnswer;
using view::SourceBackend;

PanelPreview::PanelPreview(int64_t fromMs, int64_t toMs, QWidget *parent)
    : QWidget(parent), m_fromMs(fromMs), m_toMs(std::max(toMs, fromMs + 1000)), m_plot(new TimeSeriesPlot(this)),
      m_message(new QLabel(this)), m_status(new QLabel(this)), m_stack(new QStackedWidget(this))
{
    m_plot->setObjectName(QStringLiteral("previewPlot"));
    m_plot->setDefaultTimeRange(mw::TimeRange{m_fromMs, m_toMs});
    m_message->setObjectName(QStringLiteral("previewMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(12);
    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setWordWrap(true);
    m_stack->addWidget(m_plot);
    m_stack->addWidget(m_message);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PanelPreview::refresh);
    showMessage(tr("No data source to preview with."));
}

PanelPreview::~PanelPreview() { cancelJobs(); }

void PanelPreview::setBackend(SourceBackend *backend)
{
    if (backend == m_backend)
        return;
    cancelJobs();
    if (m_backend)
        disconnect(m_backend, nullptr, this, nullptr);
    m_backend = backend;
    if (backend) {
        connect(backend, &SourceBackend::rangeFinished, this, &PanelPreview::onRange);
        connect(backend, &SourceBackend::dataArrived, this, [this] {
            if (!isRunning() && !m_debounce.isActive())
                schedule();
        });
    }
    schedule();
}

void PanelPreview::setQueries(std::vector<dashboard::Query> queries)
{
    if (queries == m_queries)
        return;
    m_queries = std::move(queries);
    schedule();
}

void PanelPreview::setVariables(std::vector<dashboard::Variable> variables)
{
    m_variables = std::move(variables);
    schedule();
}

void PanelPreview::setTitle(const QString &title) { m_plot->setTitle(title); }

void PanelPreview::setUnit(presets::Unit unit)
{
    m_format = ValueFormat::forUnit(unit);
    m_plot->setValueFormatter(m_format);
}

QString PanelPreview::formatValue(double v) const { return m_format ? m_format(v) : QString::number(v); }

void PanelPreview::setThresholds(const std::vector<dashboard::Threshold> &thresholds)
{
    m_plot->setThresholds(thresholdLines(thresholds));
    m_plot->setThresholdBands(thresholdBands(thresholds));
}

void PanelPreview::setNote(const QString &note)
{
    if (note == m_note)
        return;
    m_note = note;
    refresh();
}

void PanelPreview::schedule() { m_debounce.start(); }

void PanelPreview::cancelJobs()
{
    if (SourceBackend *backend = m_backend.data()) {
        for (const Job &job : m_jobs) {
            if (!job.done)
                backend->cancel(job.id);
        }
    }
    m_jobs.clear();
}

void PanelPreview::refresh()
{
    m_debounce.stop();
    cancelJobs();
    m_parseErrors.clear();
    if (!m_note.isEmpty()) {
        showMessage(m_note);
        Q_EMIT updated();
        return;
    }
    if (!m_backend) {
        showMessage(tr("No data source to preview with."));
        Q_EMIT updated();
        return;
    }
    const int64_t span = m_toMs - m_fromMs;
    const int64_t step = std::max<int64_t>(1000, (span / 240 + 999) / 1000 * 1000);
    // Substituted as the dashboard does (view::PanelModel): several values as
    // an alternation, All as .*, $__interval for this step.
    const view::VariableValues values = view::VariableModel::valuesOf(m_variables);
    const std::string interval = view::PanelModel::promqlInterval(step);
    std::vector<Job> jobs;
    for (const dashboard::Query &q : m_queries) {
        if (q.hidden || QString::fromStdString(q.expr).trimmed().isEmpty())
            continue;
        const QString refId = QString::fromStdString(q.refId);
        if (const auto error = ExpressionCheck::check(QString::fromStdString(q.expr), m_variables)) {
            m_parseErrors.append(tr("%1: %2").arg(refId, error->text()));
            continue;
        }
        Job job;
        job.query = q;
        job.expr = QString::fromStdString(view::substituteVariables(q.expr, values, interval));
        jobs.push_back(std::move(job));
    }
    if (jobs.empty()) {
        if (m_parseErrors.isEmpty())
            showMessage(tr("Add a query to see a preview."));
        else
            showMessage(m_parseErrors.join(u'\n'), true);
        Q_EMIT updated();
        return;
    }
    m_status->setText(tr("Running %n query(s)…", nullptr, int(jobs.size())));
    m_jobs = std::move(jobs);
    // Answers never come from inside the call, so the ids are stored first.
    for (Job &job : m_jobs)
        job.id = m_backend->rangeQuery(job.expr, m_fromMs, m_toMs, step);
}

void PanelPreview::onRange(quint64 id, const RangeAnswer &answer)
{
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [id](const Job &j) { return j.id == id && !j.done; });
    if (it == m_jobs.end())
        return;
    it->answer = answer;
    it->done = true;
    if (std::all_of(m_jobs.begin(), m_jobs.end(), [](const Job &j) { return j.done; }))
        draw();
}

void PanelPreview::draw()
{
    std::vector<PlotSeries> series;
    QStringList errors = m_parseErrors;
    for (const Job &job : m_jobs) {
        const QString refId = QString::fromStdString(job.query.refId);
        if (!job.answer.ok()) {
            errors.append(tr("%1: %2").arg(refId, job.answer.error));
            continue;
        }
        for (const view::AnswerSeries &s : job.answer.series) {
            // Named as the dashboard names it (view::PanelModel); a series
            // without labels by its expression.
            QString name = view::legendText(job.query.legend, s.labels, job.expr);
            if (name.isEmpty())
                name = refId;
            series.push_back({std::move(name), QColor(), s.points});
        }
    }
    m_jobs.clear();
    const int count = int(series.size());
    m_plot->setSeries(std::move(series));
    m_errorText = errors.join(u'\n');
    if (count == 0 && !errors.isEmpty()) {
        showMessage(m_errorText, true);
    } else {
        m_stack->setCurrentWidget(m_plot);
        const QString summary = count == 0 ? tr("No series in this time range.") : tr("%n series", nullptr, count);
        m_status->setText(errors.isEmpty() ? summary : summary + u'\n' + m_errorText);
    }
    Q_EMIT updated();
}

void PanelPreview::showMessage(const QString &message, bool error)
{
    m_errorText = error ? message : QString();
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
    m_status->clear();
}

} // namespace mw::editor
