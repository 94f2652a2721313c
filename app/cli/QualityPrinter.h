#pragma once

#include "quality/QualityPipeline.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace mw::cli {

/// What a `quality` report is about, besides the pipeline's state.
struct QualityContext
{
    QString feed;
    quality::FeedFormat format = quality::FeedFormat::Auto;
    int64_t joinWindowMs = 0;
    const quality::FeedBatch *errors = nullptr; ///< the parse errors to list (may be null)
};

/// The report as JSON: counts, proportions with Wilson intervals, averages,
/// AUCs, the guard and the join statistics (NaN and infinity as null).
nlohmann::json qualityJson(const QualityContext &context, const quality::QualityPipeline &pipeline);
/// The same for a person.
void printQualityText(const QualityContext &context, const quality::QualityPipeline &pipeline, FILE *to);

} // namespace mw::cli
