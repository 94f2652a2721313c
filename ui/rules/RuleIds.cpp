#include "RuleIds.h"

namespace mw::rulesui {

std::string RuleIds::base(std::string_view group, std::string_view name)
{
    std::string id;
    if (!group.empty()) {
        id.append(group);
        id += '/';
    }
    id.append(name);
    return id;
}

std::string RuleIds::unique(std::string_view group, std::string_view name, const std::set<std::string> &taken)
{
    const std::string first = base(group, name);
    if (taken.count(first) == 0)
        return first;
    for (int repeat = 2;; ++repeat) {
        std::string id = first + '#' + std::to_string(repeat);
        if (taken.count(id) == 0)
            return id;
    }
}

} // namespace mw::rulesui
