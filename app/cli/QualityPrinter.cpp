#include "QualityPrinter.h"

#include <cmath>
#include <string>

namespace mw::cli {

using nlohmann::json;
using namespace mw::quality;

namespace {

json number(double v)
{
    return std::isfinite(v) ? json(v) : json(nullptr);
}

json proportion(const Proportion &p)
{
    return {{"value", number(p.value)},           {"successes", number(p.successes)},
            {"trials", number(p.trials)},         {"lower", number(p.interval.lower)},
            {"upper", number(p.interval.upper)},  {"defined", p.defined},
            {"enough_samples", p.enoughSamples}};
}

json averaged(const AveragedScores &a)
{
    return {{"precision", number(a.precision)}, {"recall", number(a.recall)}, {"f1", number(a.f1)}};
}

json classScores(const std::string &name, const ClassScores &c)
{
    return {{"class", name},
            {"precision", proportion(c.precision)},
            {"recall", proportion(c.recall)},
            {"f1", number(c.f1)},
            {"f1_defined", c.f1Defined},
            {"support", number(c.support)}};
}

json ranking(const RankingScores &r)
{
    return {{"roc_auc", number(r.rocAuc)},         {"pr_auc", number(r.averagePrecision)},
            {"roc_defined", r.rocDefined},          {"pr_defined", r.averagePrecisionDefined},
            {"positives", number(r.positives)},     {"negatives", number(r.negatives)},
            {"enough_samples", r.enoughSamples}};
}

const char *formatName(FeedFormat f)
{
    return f == FeedFormat::Csv ? "csv" : "jsonl";
}

std::string fixed(double v, int digits = 6)
{
    if (std::isnan(v))
        return "undefined";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string line(const char *name, const Proportion &p)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-10s %-9s [%s, %s]  %g/%g%s\n", name, fixed(p.value).c_str(),
                  fixed(p.interval.lower, 4).c_str(), fixed(p.interval.upper, 4).c_str(), p.successes, p.trials,
                  p.defined && !p.enoughSamples ? "  (too few samples)" : "");
    return buf;
}

} // namespace

json qualityJson(const QualityContext &ctx, const QualityPipeline &pipeline)
{
    const QualityWindow &w = pipeline.window();
    const WindowOptions &o = w.options();
    const JoinStats &js = pipeline.joiner().stats();
    const ClassificationReport r = w.report();
    const RankingReport rank = w.ranking();
    json out;
    out["feed"] = ctx.feed.toStdString();
    out["format"] = formatName(ctx.format);
    out["records"] = pipeline.stats().records;
    out["rejected_lines"] = pipeline.stats().rejectedLines;
    json errors = json::array();
    if (ctx.errors)
        for (const FeedError &e : ctx.errors->errors)
            errors.push_back({{"line", e.line}, {"column", e.column}, {"reason", e.reason}});
    out["errors"] = errors;
    out["join"] = {{"predictions", js.predictions},
                   {"labels", js.labels},
                   {"matched", js.joined},
                   {"expired_predictions", js.expiredPredictions},
                   {"orphan_labels", js.orphanLabels},
                   {"duplicate_predictions", js.duplicatePredictions},
                   {"duplicate_labels", js.duplicateLabels},
                   {"evicted_predictions", js.evictedPredictions},
                   {"evicted_labels", js.evictedLabels},
                   {"pending_predictions", pipeline.joiner().pendingPredictions()},
                   {"pending_labels", pipeline.joiner().pendingLabels()},
                   {"join_window_seconds", static_cast<double>(ctx.joinWindowMs) / 1000.0}};
    out["nan_scores"] = rank.nanScores;
    const WindowStats &ws = w.stats();
    out["window"] = {{"kind", o.maxCount > 0 ? (o.maxAgeMs > 0 ? "count+time" : "count") : (o.maxAgeMs > 0 ? "time" : "all")},
                     {"max_count", o.maxCount},
                     {"max_age_seconds", static_cast<double>(o.maxAgeMs) / 1000.0},
                     {"samples", w.size()},
                     {"added", ws.added},
                     {"late", ws.late},
                     {"evicted", ws.evictedByAge + ws.evictedByCount},
                     {"unknown_labels", ws.unknownLabels},
                     {"no_prediction", ws.noPrediction},
                     {"missing_scores", ws.missingScores}};
    out["classes"] = o.classes;
    out["binary"] = w.isBinary();
    out["samples"] = number(r.samples);
    out["min_samples"] = number(o.metrics.minSamples);
    out["enough_samples"] = r.enoughSamples;
    json confusion = json::array();
    const ConfusionMatrix &m = w.confusion();
    for (std::size_t p = 0; p < m.classes(); ++p) {
        json row = json::array();
        for (std::size_t a = 0; a < m.classes(); ++a)
            row.push_back(number(m.count(p, a)));
        confusion.push_back(row);
    }
    out["confusion"] = confusion;
    out["accuracy"] = proportion(r.accuracy);
    if (w.isBinary()) {
        const ClassScores b = r.binary(o.positiveClass);
        out["positive_class"] = o.classes[o.positiveClass];
        out["precision"] = proportion(b.precision);
        out["recall"] = proportion(b.recall);
        out["f1"] = number(b.f1);
        out["f1_defined"] = b.f1Defined;
    }
    json perClass = json::array();
    for (std::size_t k = 0; k < r.perClass.size(); ++k)
        perClass.push_back(classScores(o.classes[k], r.perClass[k]));
    out["per_class"] = perClass;
    out["macro"] = averaged(r.macro);
    out["micro"] = averaged(r.micro);
    out["weighted"] = averaged(r.weighted);
    out["roc_auc"] = number(rank.overall.rocAuc);
    out["pr_auc"] = number(rank.overall.averagePrecision);
    json ranked = ranking(rank.overall);
    if (!w.isBinary()) {
        ranked["weighted_roc_auc"] = number(rank.weightedRocAuc);
        ranked["weighted_pr_auc"] = number(rank.weightedAveragePrecision);
        ranked["all_classes_defined"] = rank.allClassesDefined;
        json per = json::array();
        for (std::size_t k = 0; k < rank.perClass.size(); ++k) {
            json c = ranking(rank.perClass[k]);
            c["class"] = o.classes[k];
            per.push_back(c);
        }
        ranked["per_class"] = per;
    }
    out["ranking"] = ranked;
    return out;
}

void printQualityText(const QualityContext &ctx, const QualityPipeline &pipeline, FILE *to)
{
    const QualityWindow &w = pipeline.window();
    const WindowOptions &o = w.options();
    const JoinStats &js = pipeline.joiner().stats();
    const ClassificationReport r = w.report();
    const RankingReport rank = w.ranking();
    std::string s;
    s += "feed: " + ctx.feed.toStdString() + " (" + formatName(ctx.format) + "), "
        + std::to_string(pipeline.stats().records) + " records, " + std::to_string(pipeline.stats().rejectedLines)
        + " rejected lines\n";
    s += "join: " + std::to_string(js.joined) + " matched, " + std::to_string(js.expiredPredictions)
        + " expired predictions, " + std::to_string(js.orphanLabels) + " orphan labels, "
        + std::to_string(js.duplicatePredictions) + " duplicate predictions, " + std::to_string(js.duplicateLabels)
        + " duplicate labels, " + std::to_string(pipeline.joiner().pendingPredictions() + pipeline.joiner().pendingLabels())
        + " pending; NaN scores: " + std::to_string(rank.nanScores) + "\n";
    s += "window: " + std::to_string(w.size()) + " samples; minimum " + fixed(o.metrics.minSamples, 0) + ": "
        + (r.enoughSamples ? "enough samples" : "TOO FEW SAMPLES (figures are not reliable)") + "\n";
    std::string classes;
    for (const std::string &c : o.classes)
        classes += (classes.empty() ? "" : ", ") + c;
    s += "classes: " + classes + (w.isBinary() ? " (positive: " + o.classes[o.positiveClass] + ")" : "") + "\n\n";
    s += line("accuracy", r.accuracy);
    if (w.isBinary()) {
        const ClassScores b = r.binary(o.positiveClass);
        s += line("precision", b.precision);
        s += line("recall", b.recall);
        s += "f1         " + fixed(b.f1) + "\n";
    }
    s += "\nclass        precision  recall     f1         support\n";
    for (std::size_t k = 0; k < r.perClass.size(); ++k) {
        const ClassScores &c = r.perClass[k];
        char buf[256];
        std::snprintf(buf, sizeof buf, "%-12s %-10s %-10s %-10s %g\n", o.classes[k].c_str(),
                      fixed(c.precision.value).c_str(), fixed(c.recall.value).c_str(), fixed(c.f1).c_str(), c.support);
        s += buf;
    }
    for (const auto &[name, a] : {std::pair{"macro", r.macro}, std::pair{"micro", r.micro}, std::pair{"weighted", r.weighted}}) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "%-12s %-10s %-10s %-10s\n", name, fixed(a.precision).c_str(),
                      fixed(a.recall).c_str(), fixed(a.f1).c_str());
        s += buf;
    }
    s += "\nroc_auc    " + fixed(rank.overall.rocAuc) + "\npr_auc     " + fixed(rank.overall.averagePrecision) + "  ("
        + fixed(rank.overall.positives, 0) + " positives, " + fixed(rank.overall.negatives, 0) + " negatives"
        + (rank.overall.enoughSamples ? "" : ": too few samples") + ")\n";
    std::fputs(s.c_str(), to);
}

} // namespace mw::cli
