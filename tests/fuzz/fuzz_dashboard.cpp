// libFuzzer target for the dashboard loader (text -> migrated, checked
// Document) and the Grafana importer over the same bytes. Beyond "no crash,
// no UB, no hang" it checks the result's invariants: a refused file has a
// message and no document (never half-loaded), a syntax error's line is
// inside the input; a loaded document saves to text that loads back equal and
// saves to the same bytes; an imported Grafana dashboard does too.
// Seed corpus: resources/dashboards/*.json, tests/data/dashboards/*.json and
// tests/data/grafana/*.json (one directory: copy them together).

#include "dashboard/DashboardFile.h"
#include "dashboard/DocumentCheck.h"
#include "dashboard/DocumentJson.h"
#include "dashboard/GrafanaImport.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace mw::dashboard;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void roundTrips(const Document &d)
{
    const std::string text = documentToText(d);
    const ReadResult back = DashboardFile::parse(text);
    check(back.document && !back.error && back.warnings.empty());
    check(*back.document == d);
    check(documentToText(*back.document) == text);
    (void)checkExpressions(d);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    Limits limits;
    limits.maxBytes = 1u << 20;
    int lines = 1;
    for (char c : input)
        lines += c == '\n';

    const ReadResult r = DashboardFile::parse(input, limits);
    check(r.document.has_value() != r.error.has_value());
    if (r.error) {
        check(!r.error->message.empty());
        check(r.error->line >= 0 && r.error->line <= lines);
    } else {
        roundTrips(*r.document);
    }

    const GrafanaImport g = importGrafanaText(input, limits);
    check(g.document.has_value() != g.error.has_value());
    if (g.error)
        check(g.notCarried.empty() && !g.error->message.empty());
    else
        roundTrips(*g.document);
    return 0;
}
