// libFuzzer target for the PromQL parser. Beyond "no crash, no UB, no stack
// exhaustion" (ASan/UBSan), it checks the parser's contract: exactly one of
// tree and error is set, an error points inside the query, and a tree prints
// as text that parses to an equal tree which prints the same again.

#include "promql/Ast.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace mw::promql;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view query(reinterpret_cast<const char *>(data), size);
    const ParseResult r = parse(query);
    check((r.expr == nullptr) == r.error.has_value());
    if (r.error) {
        check(r.error->offset <= query.size());
        check(r.error->line >= 1 && r.error->column >= 1);
        check(!r.error->message.empty());
        return 0;
    }
    const std::string text = format(*r.expr);
    const ParseResult again = parse(text);
    check(again.expr != nullptr);
    check(equal(*r.expr, *again.expr));
    check(format(*again.expr) == text);
    return 0;
}
