#pragma once

#include "exposition/ExpositionParser.h"

#include <QString>

#include <memory>
#include <string>

namespace mw::test {

/// Reads tests/data/<relative> into a string (QFAIL-free: empty on error).
std::string readTestFile(const QString &relative);

/// A parsed payload that owns its bytes.
struct OwnedParse
{
    std::string bytes;
    expo::ParseResult result;
};

/// Reads and parses a file from tests/data; the bytes live as long as the result.
std::unique_ptr<OwnedParse> parseTestFile(const QString &relative, expo::Format format);

/// The family called `name`, or nullptr.
const expo::MetricFamily *findFamily(const expo::ParseResult &r, std::string_view name);

/// The first sample of `family` whose labels include all of `labels` ("k=v" pairs).
const expo::Sample *findSample(const expo::ParseResult &r, std::string_view sampleName,
                               std::initializer_list<std::pair<std::string_view, std::string_view>> labels = {});

} // namespace mw::test
