#include "Document.h"

#include "alerting/EnumTable.h"

namespace mw::dashboard {

namespace {

using alerting::detail::EnumTable;
using alerting::detail::fromId;
using alerting::detail::idOf;

constexpr EnumTable<PanelKind, 4> kPanelKinds{{{PanelKind::Timeseries, "timeseries"},
                                               {PanelKind::Stat, "stat"},
                                               {PanelKind::QualityCurve, "quality_curve"},
                                               {PanelKind::ConfusionMatrix, "confusion_matrix"}}};
constexpr EnumTable<QualityCurveKind, 3> kQualityCurves{
    {{QualityCurveKind::Roc, "roc"}, {QualityCurveKind::Pr, "pr"}, {QualityCurveKind::Both, "both"}}};
constexpr EnumTable<ConfusionNormalize, 3> kNormalizes{
    {{ConfusionNormalize::None, "none"}, {ConfusionNormalize::Row, "row"}, {ConfusionNormalize::Column, "column"}}};
constexpr EnumTable<FeedFormat, 3> kFeedFormats{
    {{FeedFormat::Auto, "auto"}, {FeedFormat::JsonLines, "jsonl"}, {FeedFormat::Csv, "csv"}}};
constexpr EnumTable<LegendCalc, 4> kLegendCalcs{
    {{LegendCalc::Last, "last"}, {LegendCalc::Min, "min"}, {LegendCalc::Max, "max"}, {LegendCalc::Mean, "mean"}}};
constexpr EnumTable<StatReduce, 4> kStatReduces{
    {{StatReduce::Last, "last"}, {StatReduce::Min, "min"}, {StatReduce::Max, "max"}, {StatReduce::Mean, "mean"}}};
constexpr EnumTable<ThresholdStyle, 2> kThresholdStyles{{{ThresholdStyle::Line, "line"}, {ThresholdStyle::Band, "band"}}};
constexpr EnumTable<Refresh, 6> kRefreshes{{{Refresh::Off, "off"},
                                            {Refresh::OneSecond, "1s"},
                                            {Refresh::FiveSeconds, "5s"},
                                            {Refresh::TenSeconds, "10s"},
                                            {Refresh::ThirtySeconds, "30s"},
                                            {Refresh::OneMinute, "1m"}}};
constexpr EnumTable<SourceKind, 4> kSourceKinds{
    {{SourceKind::Prometheus, "prometheus"}, {SourceKind::Scrape, "scrape"}, {SourceKind::Feed, "feed"}, {SourceKind::ScoreBuckets, "score_buckets"}}};
constexpr EnumTable<VariableKind, 2> kVariableKinds{{{VariableKind::Query, "query"}, {VariableKind::Custom, "custom"}}};

} // namespace

const Panel *Document::panel(int id) const
{
    for (const Panel &p : panels)
        if (p.id == id)
            return &p;
    return nullptr;
}

const Source *Document::sourceOf(const Panel &p) const
{
    if (p.source.empty())
        return sources.empty() ? nullptr : &sources.front();
    for (const Source &s : sources)
        if (s.name == p.source)
            return &s;
    return nullptr;
}

std::vector<Threshold> ruleThresholds(const Document &document, int panelId)
{
    std::vector<Threshold> out;
    for (const DocumentRule &r : document.rules)
        if (r.panelId == panelId && r.rule.kind == alerting::ConditionKind::Threshold)
            out.push_back({r.rule.threshold, r.rule.severity, {}, ThresholdStyle::Line});
    return out;
}

std::string_view panelKindId(PanelKind v) { return idOf(kPanelKinds, v); }
std::optional<PanelKind> panelKindFromId(std::string_view id) { return fromId(kPanelKinds, id); }
std::string_view legendCalcId(LegendCalc v) { return idOf(kLegendCalcs, v); }
std::optional<LegendCalc> legendCalcFromId(std::string_view id) { return fromId(kLegendCalcs, id); }
std::string_view statReduceId(StatReduce v) { return idOf(kStatReduces, v); }
std::optional<StatReduce> statReduceFromId(std::string_view id) { return fromId(kStatReduces, id); }
std::string_view thresholdStyleId(ThresholdStyle v) { return idOf(kThresholdStyles, v); }
std::optional<ThresholdStyle> thresholdStyleFromId(std::string_view id) { return fromId(kThresholdStyles, id); }
std::string_view refreshId(Refresh v) { return idOf(kRefreshes, v); }
std::optional<Refresh> refreshFromId(std::string_view id) { return fromId(kRefreshes, id); }
std::string_view sourceKindId(SourceKind v) { return idOf(kSourceKinds, v); }
std::optional<SourceKind> sourceKindFromId(std::string_view id) { return fromId(kSourceKinds, id); }
std::string_view variableKindId(VariableKind v) { return idOf(kVariableKinds, v); }
std::optional<VariableKind> variableKindFromId(std::string_view id) { return fromId(kVariableKinds, id); }
std::string_view qualityCurveKindId(QualityCurveKind v) { return idOf(kQualityCurves, v); }
std::optional<QualityCurveKind> qualityCurveKindFromId(std::string_view id) { return fromId(kQualityCurves, id); }
std::string_view confusionNormalizeId(ConfusionNormalize v) { return idOf(kNormalizes, v); }
std::optional<ConfusionNormalize> confusionNormalizeFromId(std::string_view id) { return fromId(kNormalizes, id); }
std::string_view feedFormatId(FeedFormat v) { return idOf(kFeedFormats, v); }
std::optional<FeedFormat> feedFormatFromId(std::string_view id) { return fromId(kFeedFormats, id); }

bool isQualityPanel(PanelKind kind)
{
    return kind == PanelKind::QualityCurve || kind == PanelKind::ConfusionMatrix;
}

} // namespace mw::dashboard
