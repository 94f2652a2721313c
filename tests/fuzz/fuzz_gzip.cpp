// libFuzzer target for the capped gzip decoder: any bytes, never more output
// than the cap, never a crash.

#include "exposition/Gzip.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    std::string out, error;
    constexpr size_t cap = 1 << 20;
    if (mw::expo::gunzip(input, cap, out, error)) {
        if (out.size() > cap)
            std::abort();
    } else if (error.empty() || !out.empty()) {
        std::abort();
    }
    return 0;
}
