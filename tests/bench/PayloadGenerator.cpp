#include "PayloadGenerator.h"

#include <cstdio>
#include <cstdlib>
#include <map>

namespace mw::bench {

const std::string &generatedPayload(int series, bool timestamps)
{
    static std::map<std::pair<int, bool>, std::string> cache;
    auto &slot = cache[{series, timestamps}];
    if (!slot.empty())
        return slot;
    const std::string cmd = std::string("python3 '") + MW_GEN_PAYLOAD + "' --series " + std::to_string(series)
        + (timestamps ? " --timestamps" : "") + " 2>/dev/null";
    FILE *pipe = popen(cmd.c_str(), "r");
    if (!pipe) {
        std::fprintf(stderr, "cannot run %s\n", cmd.c_str());
        std::exit(2);
    }
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0)
        slot.append(buf, n);
    if (pclose(pipe) != 0 || slot.empty()) {
        std::fprintf(stderr, "payload generator failed: %s\n", cmd.c_str());
        std::exit(2);
    }
    return slot;
}

} // namespace mw::bench
