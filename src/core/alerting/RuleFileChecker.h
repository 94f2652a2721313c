#pragma once

#include "RuleFileImporter.h"

#include <string_view>
#include <vector>

namespace mw::alerting {

/// What `modelwatch-cli rules check` (and a rule editor) reports about a
/// Prometheus rule file: the import itself, plus what the importer does not
/// look at, every alerting rule's PromQL parsed and type-checked with its
/// error placed at the line and column of the file (the expression's own
/// position added to where the expression starts in the YAML).
struct RuleFileCheck
{
    RuleFileImport import;
    /// PromQL errors of alerting rules, at their place in the file.
    std::vector<RuleFileIssue> exprErrors;
    /// The subset of import.notImported that are recording rules: reported,
    /// but not errors (Prometheus accepts them; ModelWatch does not import them).
    std::vector<RuleFileIssue> recordingRules;

    /// No file error, no invalid rule, no PromQL error.
    bool valid() const;
};

/// Imports `text` (importRuleFile) and checks every alerting rule's expression
/// (promql::parse, Prometheus 2.42's grammar and type checks; the expression
/// must give an instant vector or a scalar). Pure, safe on any input.
RuleFileCheck checkRuleFile(std::string_view text, const RuleFileOptions &options = {});

} // namespace mw::alerting
