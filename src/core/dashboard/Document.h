#pragma once

// The dashboard document: what a person opens, saves, diffs and shares.
// Plain data, no widgets; its JSON form is DocumentJson.h, its file DashboardFile.h.
//
// Units are presets::Unit and severities alerting::Severity, with their ids:
// one table per enum in the whole code base. presets::Dashboard is the
// template a detection produces; fromPreset() (PresetDocument.h) turns it
// into a Document, and version 1 files (presets' JSON) migrate through it.

#include "alerting/AlertRule.h"
#include "presets/Dashboard.h"
#include "presets/ServerKind.h"
#include "quality/FeedRecord.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw::dashboard {

using presets::Unit;
using alerting::Severity;
using quality::FeedFormat;

inline constexpr int kGridColumns = 24;

/// Panel kinds. Each reads and writes its own `options` part (PanelJson.h).
enum class PanelKind : uint8_t {
    Timeseries, ///< [timeseries] lines over time
    Stat,       ///< [stat] one big value, optional sparkline
    QualityCurve,    ///< [quality_curve] ROC and/or precision-recall curve of a feed source's window
    ConfusionMatrix, ///< [confusion_matrix] heatmap of a feed source's confusion counts
};

/// Which curves a quality_curve panel draws.
enum class QualityCurveKind : uint8_t {
    Roc,  ///< [roc] true positive rate over false positive rate, with the chance diagonal
    Pr,   ///< [pr] precision over recall, with the base rate line
    Both, ///< [both] side by side
};

/// What the cells of a confusion_matrix panel are coloured by. The heatmap
/// draws actual classes as rows and predicted classes as columns
/// (scikit-learn's ConfusionMatrixDisplay).
enum class ConfusionNormalize : uint8_t {
    None,   ///< [none] counts
    Row,    ///< [row] share of the actual class: the diagonal is each class's recall
    Column, ///< [column] share of the predicted class: the diagonal is each class's precision
};

/// A legend column of a timeseries panel.
enum class LegendCalc : uint8_t {
    Last, ///< [last]
    Min,  ///< [min]
    Max,  ///< [max]
    Mean, ///< [mean]
};

/// Which value a stat panel shows.
enum class StatReduce : uint8_t {
    Last, ///< [last]
    Min,  ///< [min]
    Max,  ///< [max]
    Mean, ///< [mean]
};

/// How a threshold is drawn on a timeseries panel (a stat panel colours its
/// value by the highest threshold reached, whatever the style).
enum class ThresholdStyle : uint8_t {
    Line, ///< [line] a horizontal line at the value
    Band, ///< [band] a band from the value up to the next threshold (or the top)
};

/// How often the dashboard refreshes.
enum class Refresh : uint8_t {
    Off,        ///< [off]
    OneSecond,  ///< [1s]
    FiveSeconds, ///< [5s]
    TenSeconds, ///< [10s]
    ThirtySeconds, ///< [30s]
    OneMinute,  ///< [1m]
};

enum class SourceKind : uint8_t {
    Prometheus, ///< [prometheus] a Prometheus-compatible HTTP API
    Scrape,     ///< [scrape] direct scraping of /metrics endpoints
    Feed,       ///< [feed] a labeled-prediction feed: quality metrics computed locally
    ScoreBuckets, ///< [score_buckets] ROC-AUC and PR-AUC from another source's score-bucket counters
};

enum class VariableKind : uint8_t {
    Query,  ///< [query] label_values(metric, label) or label_values(label)
    Custom, ///< [custom] a fixed list
};

struct Query
{
    std::string refId; ///< "A", "B", ... unique within the panel
    std::string expr;  ///< PromQL; may use $variables
    std::string legend; ///< `{{label}}` is replaced by the label's value
    bool hidden = false;

    bool operator==(const Query &) const = default;
};

/// Grafana's threshold steps: a value takes the severity (and colour) of the
/// highest threshold at or below it; below the first one it is normal. So
/// "high is bad" is {250ms warning, 500ms critical} and "low is bad" starts
/// at the bottom: {0 critical, 0.8 warning, 0.9 info}.
struct Threshold
{
    double value = 0.0;
    Severity severity = Severity::Warning;
    std::string color; ///< "" (the severity's colour) or a colour name / #rrggbb
    ThresholdStyle style = ThresholdStyle::Line;

    bool operator==(const Threshold &) const = default;
};

struct GridPos
{
    int x = 0; ///< 0..23
    int y = 0;
    int w = 12; ///< 1..24, x + w <= 24
    int h = 8;

    bool operator==(const GridPos &) const = default;
};

struct TimeseriesOptions
{
    std::vector<LegendCalc> legendCalcs;

    bool operator==(const TimeseriesOptions &) const = default;
};

struct StatOptions
{
    StatReduce reduce = StatReduce::Last;
    bool sparkline = true;
    bool colorByThreshold = true;

    bool operator==(const StatOptions &) const = default;
};

struct QualityCurveOptions
{
    QualityCurveKind curve = QualityCurveKind::Both;

    bool operator==(const QualityCurveOptions &) const = default;
};

struct ConfusionMatrixOptions
{
    ConfusionNormalize normalize = ConfusionNormalize::None;

    bool operator==(const ConfusionMatrixOptions &) const = default;
};

struct Panel
{
    int id = 0; ///< > 0, unique; alert rules refer to it
    std::string title;
    std::string description;
    PanelKind kind = PanelKind::Timeseries;
    Unit unit = Unit::None;
    GridPos grid;
    std::vector<Query> queries;
    std::vector<Threshold> thresholds; ///< ascending values
    TimeseriesOptions timeseries;      ///< used when kind is Timeseries
    StatOptions stat;                  ///< used when kind is Stat
    QualityCurveOptions qualityCurve;  ///< used when kind is QualityCurve
    ConfusionMatrixOptions confusionMatrix; ///< used when kind is ConfusionMatrix
    /// The name of the source the panel reads; "" = the document's first source.
    std::string source;

    bool operator==(const Panel &) const = default;
};

/// Authentication settings, as REFERENCES only: secrets are `env:VAR` or
/// `keyring:service/key`, never the secret itself.
struct SourceAuth
{
    std::map<std::string, std::string> headers; ///< header name -> secret ref of its value
    std::string basicAuthUser;
    std::string passwordRef;    ///< with basicAuthUser
    std::string bearerTokenRef;
    std::string caFile;
    std::string certFile;
    std::string keyFile;
    bool insecureSkipVerify = false;

    bool operator==(const SourceAuth &) const = default;
};

/// How a feed source reads its feed and computes its quality window (see
/// quality/QualityWindow.h and quality/PredictionJoiner.h for the rules).
struct FeedSourceOptions
{
    FeedFormat format = FeedFormat::Auto;
    int64_t joinWindowMs = 24 * 3600 * 1000; ///< how long a prediction waits for its label
    int64_t windowMs = 3600 * 1000;          ///< time window of the metrics; 0 = none
    int64_t windowCount = 0;                 ///< count window (newest N labeled); 0 = none
    /// Every class, in order; empty = the labels of the first batch read
    /// (sorted; numerically when all are integers), at least "0" and "1".
    std::vector<std::string> classes;
    /// Binary: the positive class; "" = "1" when a class is so named, else the last.
    std::string positiveClass;
    double threshold = 0.5;                  ///< binary score threshold when a record has no predicted label
    /// The guard: below this many labeled predictions in the window, no
    /// metric gets a value (alert rules see no data).
    int64_t minSamples = 30;
    int64_t evaluationIntervalMs = 15'000;   ///< how often the window's metrics become samples

    bool operator==(const FeedSourceOptions &) const = default;
};

/// A score-bucket source reads two cumulative score histograms from another
/// source of the document (a Prometheus server or scraped endpoints), the
/// positives' and the negatives', and keeps their ROC-AUC and average
/// precision as series, so panels and alert rules can read them (PromQL
/// cannot compute an AUC). Expressions run as written: no $variables.
struct ScoreBucketOptions
{
    std::string from;      ///< the source the two queries run on (prometheus or scrape)
    /// One series per `le` bound, cumulative counts over the window, e.g.
    /// sum by (le) (increase(model_score_positive_bucket[10m])).
    std::string positives;
    std::string negatives;
    /// The guard: below this many scored predictions (positives + negatives)
    /// in the window, the areas get no value (alert rules see no data).
    int64_t minSamples = 30;
    int64_t evaluationIntervalMs = 15'000; ///< how often the areas become samples
    /// At start, the areas of this much history are computed in one range
    /// query, so a panel shows a line at once (a Prometheus server has the
    /// history; a scrape source only what it collected). 0 = none.
    int64_t backfillMs = 3600 * 1000;

    bool operator==(const ScoreBucketOptions &) const = default;
};

struct Source
{
    std::string name; ///< unique
    SourceKind kind = SourceKind::Prometheus;
    /// prometheus: the server's base URL; feed: an http(s):// URL (polled,
    /// e.g. the demo server's /v1/feed) or a file path (tailed, like tail -F).
    std::string url;
    SourceAuth auth;                  ///< prometheus, scrape targets and polled feeds (HttpAuth)
    std::vector<std::string> targets; ///< scrape: /metrics URLs
    int64_t scrapeIntervalMs = 15'000; ///< scrape
    presets::ServerKind server = presets::ServerKind::Unknown; ///< scrape: what the targets are
    FeedSourceOptions feed;           ///< feed
    ScoreBucketOptions scoreBuckets;  ///< score_buckets

    bool operator==(const Source &) const = default;
};

struct Variable
{
    std::string name; ///< used as $name; [A-Za-z_][A-Za-z0-9_]*, unique
    std::string label; ///< shown in the UI (may be empty)
    VariableKind kind = VariableKind::Query;
    std::string query;                 ///< query: label_values(...)
    std::vector<std::string> options;  ///< custom: the values
    std::vector<std::string> current;  ///< selected values ("$__all" for All)
    bool multi = false;
    bool includeAll = false;

    bool operator==(const Variable &) const = default;
};

/// A relative ("now-1h", "now") or absolute (ISO 8601, "2026-12-01T08:00:00Z") range.
struct TimeRange
{
    std::string from = "now-1h";
    std::string to = "now";

    bool operator==(const TimeRange &) const = default;
};

/// An alert rule living in the document, optionally tied to a panel that then
/// draws its threshold.
struct DocumentRule
{
    alerting::AlertRule rule;
    std::optional<int> panelId;
    std::string source; ///< the source it queries; "" = the document's first

    bool operator==(const DocumentRule &) const = default;
};

struct Document
{
    static constexpr int kSchemaVersion = 2;

    std::string title;
    std::string uid;
    presets::ServerKind server = presets::ServerKind::Unknown; ///< what it was made for, if known
    TimeRange time;
    Refresh refresh = Refresh::Off;
    std::vector<Source> sources;
    std::vector<Variable> variables;
    std::vector<Panel> panels;
    std::vector<DocumentRule> rules;

    bool operator==(const Document &) const = default;

    /// The panel with `id`, or null.
    const Panel *panel(int id) const;
    /// The source a panel reads: the one it names, or the first; null when
    /// there is none (no sources, or a name no source has).
    const Source *sourceOf(const Panel &panel) const;
};

/// The thresholds a panel draws for the threshold rules tied to it (rule
/// order): each rule's threshold as a line in the rule's severity. Filter
/// rules have no number to draw and are left out.
std::vector<Threshold> ruleThresholds(const Document &document, int panelId);

std::string_view panelKindId(PanelKind v);
std::optional<PanelKind> panelKindFromId(std::string_view id);
std::string_view legendCalcId(LegendCalc v);
std::optional<LegendCalc> legendCalcFromId(std::string_view id);
std::string_view statReduceId(StatReduce v);
std::optional<StatReduce> statReduceFromId(std::string_view id);
std::string_view thresholdStyleId(ThresholdStyle v);
std::optional<ThresholdStyle> thresholdStyleFromId(std::string_view id);
std::string_view refreshId(Refresh v);
std::optional<Refresh> refreshFromId(std::string_view id);
std::string_view sourceKindId(SourceKind v);
std::optional<SourceKind> sourceKindFromId(std::string_view id);
std::string_view variableKindId(VariableKind v);
std::optional<VariableKind> variableKindFromId(std::string_view id);
std::string_view qualityCurveKindId(QualityCurveKind v);
std::optional<QualityCurveKind> qualityCurveKindFromId(std::string_view id);
std::string_view confusionNormalizeId(ConfusionNormalize v);
std::optional<ConfusionNormalize> confusionNormalizeFromId(std::string_view id);
/// auto, jsonl, csv.
std::string_view feedFormatId(FeedFormat v);
std::optional<FeedFormat> feedFormatFromId(std::string_view id);
/// QualityCurve and ConfusionMatrix: the panels that read a feed source's window.
bool isQualityPanel(PanelKind kind);

} // namespace mw::dashboard
