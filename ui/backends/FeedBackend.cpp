#include "FeedBackend.h"

#include "feeds/FeedPollError.h"
#include "feeds/FeedPoller.h"
#include "feeds/FeedTailer.h"
#include "http/HttpAuth.h"
#include "quality/RankingReport.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mw::view {

namespace {

constexpr int64_t kMinRetentionMs = 6LL * 3600 * 1000;

bool isHttp(const std::string &url)
{
    return url.starts_with("http://") || url.starts_with("https://");
}

std::optional<long long> integer(const std::string &s)
{
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc{} && end == s.data() + s.size() ? std::optional<long long>(v) : std::nullopt;
}

/// The CLI's rule (app/cli/QualitySetup.cpp): the labels seen, sorted
/// numerically when all are integers, "0" and "1" when fewer than two.
std::vector<std::string> classesOf(const quality::FeedBatch &batch, const std::string &positive)
{
    std::vector<std::string> names;
    for (const quality::FeedRecord &r : batch.records) {
        if (r.hasPredicted)
            names.push_back(r.predicted);
        if (r.hasActual)
            names.push_back(r.actual);
    }
    if (!positive.empty())
        names.push_back(positive);
    auto sort = [](std::vector<std::string> &v) {
        if (std::all_of(v.begin(), v.end(), [](const std::string &s) { return integer(s).has_value(); }))
            std::sort(v.begin(), v.end(), [](const std::string &a, const std::string &b) { return *integer(a) < *integer(b); });
        else
            std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    sort(names);
    if (names.size() < 2) {
        names.insert(names.end(), {"0", "1"});
        sort(names);
    }
    return names;
}

} // namespace

FeedBackend::FeedBackend(const dashboard::Source &source, const alerting::Clock *clock, QObject *parent)
    : LocalStoreBackend(QString::fromStdString(source.name),
                        StoreConfig{std::max(kMinRetentionMs, 2 * source.feed.windowMs), 0, 120, 0, 0, 0}, parent)
    , m_source(source)
    , m_clock(clock ? clock : &m_systemClock)
    , m_joiner(quality::JoinOptions{source.feed.joinWindowMs, quality::JoinOptions{}.maxPending})
{
    qRegisterMetaType<mw::view::QualitySnapshotPtr>();
    m_evaluation.setInterval(int(std::clamp<int64_t>(source.feed.evaluationIntervalMs, 100, 24LL * 3600 * 1000)));
    connect(&m_evaluation, &QTimer::timeout, this, &FeedBackend::evaluateNow);
}

FeedBackend::~FeedBackend() = default;

void FeedBackend::start()
{
    const std::chrono::milliseconds poll(std::min<int64_t>(m_source.feed.evaluationIntervalMs, 1000));
    if (isHttp(m_source.url)) {
        if (!m_poller) {
            feeds::FeedPollOptions o;
            o.url = QUrl(QString::fromStdString(m_source.url), QUrl::StrictMode);
            o.format = m_source.feed.format;
            o.interval = poll;
            o.auth = HttpAuth::fromSource(m_source.auth);
            m_poller = std::make_unique<feeds::FeedPoller>(o);
            connect(m_poller.get(), &feeds::FeedPoller::batchReady, this, &FeedBackend::ingest);
            connect(m_poller.get(), &feeds::FeedPoller::caughtUp, this,
                    [this] { setHealth(SourceState::Up, {}); });
            connect(m_poller.get(), &feeds::FeedPoller::failed, this, &FeedBackend::onPollFailed);
        }
        m_poller->start();
    } else {
        if (!m_tailer) {
            std::string path = m_source.url;
            if (path.starts_with("file://"))
                path.erase(0, 7);
            feeds::FeedTailOptions o;
            o.path = QString::fromStdString(path);
            o.format = m_source.feed.format;
            o.pollInterval = poll;
            m_tailer = std::make_unique<feeds::FeedTailer>(o);
            connect(m_tailer.get(), &feeds::FeedTailer::batchReady, this, &FeedBackend::ingest);
            connect(m_tailer.get(), &feeds::FeedTailer::readError, this,
                    [this](const QString &message) { setHealth(SourceState::Down, message); });
        }
        m_tailer->start();
    }
    m_evaluation.start();
    evaluateNow();
}

void FeedBackend::stop()
{
    m_evaluation.stop();
    if (m_poller)
        m_poller->stop();
    if (m_tailer)
        m_tailer->stop();
}

void FeedBackend::onPollFailed(const feeds::FeedPollError &error, bool givingUp)
{
    setHealth(SourceState::Down, error.message, givingUp ? tr("polling stopped") : tr("retrying"));
}

void FeedBackend::setHealth(SourceState state, const QString &error, const QString &detail)
{
    const int64_t now = m_clock->nowMs();
    m_health.lastAttemptMs = now;
    if (state == SourceState::Up)
        m_health.lastSuccessMs = now;
    if (m_health.state == state && m_health.error == error && m_health.detail == detail)
        return;
    m_health.state = state;
    m_health.error = error;
    m_health.detail = detail;
    Q_EMIT healthChanged();
}

void FeedBackend::createWindow(const quality::FeedBatch &batch)
{
    const dashboard::FeedSourceOptions &f = m_source.feed;
    quality::WindowOptions w;
    w.classes = f.classes.empty() ? classesOf(batch, f.positiveClass) : f.classes;
    const std::string positive = !f.positiveClass.empty() ? f.positiveClass
        : std::find(w.classes.begin(), w.classes.end(), "1") != w.classes.end() ? std::string("1")
                                                                                : w.classes.back();
    const auto it = std::find(w.classes.begin(), w.classes.end(), positive);
    w.positiveClass = it != w.classes.end() ? std::size_t(it - w.classes.begin()) : w.classes.size() - 1;
    w.threshold = f.threshold;
    w.maxAgeMs = f.windowMs;
    w.maxCount = std::size_t(std::max<int64_t>(0, f.windowCount));
    w.metrics.minSamples = double(f.minSamples);
    m_window = std::make_unique<quality::QualityWindow>(w);
}

void FeedBackend::ingest(const quality::FeedBatch &batch)
{
    if (m_poller)
        setHealth(SourceState::Up, {});
    m_rejectedLines += batch.rejectedLines;
    if (batch.records.empty())
        return;
    if (!m_window)
        createWindow(batch);
    m_joined.clear();
    m_joiner.add(batch, m_joined);
    addJoined();
}

void FeedBackend::addJoined()
{
    const std::vector<std::string> &classes = m_window->options().classes;
    for (const quality::LabeledPrediction &p : m_joined) {
        const uint64_t before = m_window->stats().added;
        m_window->add(p);
        if (m_window->stats().added == before)
            continue;
        Scored s{uint32_t(std::find(classes.begin(), classes.end(), p.actual) - classes.begin()), 0.0, {}, false};
        if (m_window->isBinary()) {
            s.hasScore = p.hasScore || p.scores.size() == 2;
            s.score = p.hasScore ? p.score : s.hasScore ? p.scores[m_window->options().positiveClass] : 0.0;
        } else {
            s.hasScore = p.scores.size() == classes.size();
            if (s.hasScore)
                s.scores = p.scores;
        }
        m_mirror.push_back(std::move(s));
        trimMirror();
    }
    m_joined.clear();
}

void FeedBackend::trimMirror()
{
    // The window evicts oldest first and the mirror holds the same samples in
    // the same order: trimming to its size keeps the two the same.
    const std::size_t size = m_window ? m_window->size() : 0;
    while (m_mirror.size() > size)
        m_mirror.pop_front();
}

void FeedBackend::evaluateNow()
{
    const int64_t now = m_clock->nowMs();
    if (m_tailer) {
        const feeds::TailPoll p = m_tailer->poll();
        if (p.error.isEmpty())
            setHealth(SourceState::Up, {});
        else
            setHealth(SourceState::Down, p.error);
    }
    m_joiner.advanceTo(now);
    if (m_window) {
        m_window->advanceTo(now);
        trimMirror();
    }
    appendSeries(now);
    mutableStore().applyRetention(now);
    m_snapshot = buildSnapshot(now);
    Q_EMIT snapshotChanged();
    Q_EMIT dataArrived();
}

void FeedBackend::appendSample(const char *metric,
                               std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
                               double value, int64_t now)
{
    if (std::isnan(value))
        return;
    Labels l(labels);
    l.set(kMetricNameLabel, metric);
    l.set("source", m_source.name);
    mutableStore().append(mutableStore().getOrCreate(l, expo::MetricType::Gauge), now, value);
}

void FeedBackend::appendSeries(int64_t now)
{
    const double labeled = m_window ? double(m_window->size()) : 0.0;
    appendSample("modelwatch_quality_labeled", {}, labeled, now);
    appendSample("modelwatch_quality_pending_labels", {}, double(m_joiner.pendingPredictions()), now);
    if (!m_window || labeled <= 0.0 || labeled < double(m_source.feed.minSamples))
        return; // the guard: no figure from too few labels
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const quality::ClassificationReport r = m_window->report();
    const std::vector<std::string> &classes = m_window->options().classes;
    for (std::size_t k = 0; k < classes.size() && k < r.perClass.size(); ++k) {
        const quality::ClassScores &c = r.perClass[k];
        appendSample("modelwatch_quality_precision", {{"class", classes[k]}}, c.precision.defined ? c.precision.value : nan, now);
        appendSample("modelwatch_quality_recall", {{"class", classes[k]}}, c.recall.defined ? c.recall.value : nan, now);
        appendSample("modelwatch_quality_f1", {{"class", classes[k]}}, c.f1Defined ? c.f1 : nan, now);
    }
    const std::pair<const char *, const quality::AveragedScores *> averages[] = {
        {"macro", &r.macro}, {"micro", &r.micro}, {"weighted", &r.weighted}};
    for (const auto &[name, a] : averages) {
        appendSample("modelwatch_quality_precision", {{"average", name}}, a->precisionDefined ? a->precision : nan, now);
        appendSample("modelwatch_quality_recall", {{"average", name}}, a->recallDefined ? a->recall : nan, now);
        appendSample("modelwatch_quality_f1", {{"average", name}}, a->f1Defined ? a->f1 : nan, now);
    }
    appendSample("modelwatch_quality_accuracy", {}, r.accuracy.defined ? r.accuracy.value : nan, now);

    const quality::RankingReport rank = m_window->ranking();
    const quality::RankingScores &o = rank.overall;
    if (m_window->isBinary()) {
        appendSample("modelwatch_quality_roc_auc", {}, o.rocDefined ? o.rocAuc : nan, now);
        appendSample("modelwatch_quality_pr_auc", {}, o.averagePrecisionDefined ? o.averagePrecision : nan, now);
        return;
    }
    for (std::size_t k = 0; k < classes.size() && k < rank.perClass.size(); ++k) {
        const quality::RankingScores &c = rank.perClass[k];
        appendSample("modelwatch_quality_roc_auc", {{"class", classes[k]}}, c.rocDefined ? c.rocAuc : nan, now);
        appendSample("modelwatch_quality_pr_auc", {{"class", classes[k]}},
                     c.averagePrecisionDefined ? c.averagePrecision : nan, now);
    }
    appendSample("modelwatch_quality_roc_auc", {{"average", "macro"}}, o.rocDefined ? o.rocAuc : nan, now);
    appendSample("modelwatch_quality_pr_auc", {{"average", "macro"}},
                 o.averagePrecisionDefined ? o.averagePrecision : nan, now);
    appendSample("modelwatch_quality_roc_auc", {{"average", "weighted"}}, rank.weightedRocAuc, now);
    appendSample("modelwatch_quality_pr_auc", {{"average", "weighted"}}, rank.weightedAveragePrecision, now);
}

QualityCurve FeedBackend::curveFor(std::size_t positive, const QString &name) const
{
    std::vector<double> pos, neg;
    const bool binary = m_window->isBinary();
    for (const Scored &s : m_mirror) {
        if (!s.hasScore)
            continue;
        const double score = binary ? s.score : s.scores[positive];
        (s.actual == positive ? pos : neg).push_back(score);
    }
    return QualityCurve::from(quality::BinaryCurve::fromScores(pos, neg), name);
}

QualitySnapshotPtr FeedBackend::buildSnapshot(int64_t now) const
{
    auto s = std::make_shared<QualitySnapshot>();
    s->source = name();
    s->timeMs = now;
    s->minSamples = m_source.feed.minSamples;
    s->pendingLabels = m_joiner.pendingPredictions();
    s->joined = m_joiner.stats().joined;
    s->expiredPredictions = m_joiner.stats().expiredPredictions;
    if (!m_window)
        return s;
    const std::vector<std::string> &classes = m_window->options().classes;
    for (const std::string &c : classes)
        s->classes.push_back(QString::fromStdString(c));
    s->positiveClass = m_window->isBinary() ? int(m_window->options().positiveClass) : -1;
    s->confusion = m_window->confusion();
    s->report = m_window->report();
    s->labeled = double(m_window->size());
    const bool anyScore = std::any_of(m_mirror.begin(), m_mirror.end(), [](const Scored &x) { return x.hasScore; });
    if (anyScore) {
        if (m_window->isBinary())
            s->curves.push_back(curveFor(std::size_t(s->positiveClass), s->classes.value(s->positiveClass)));
        else
            for (std::size_t k = 0; k < classes.size(); ++k)
                s->curves.push_back(curveFor(k, s->classes.value(qsizetype(k))));
    }
    return s;
}

} // namespace mw::view
