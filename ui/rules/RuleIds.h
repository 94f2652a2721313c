#pragma once

// Ids of rules made in the editor, as the rule-file importer makes them
// (alerting/RuleFileImporter.cpp): "GROUP/NAME", then "GROUP/NAME#2",
// "#3"... when taken. A rule's id is what its alerts, acknowledgements and
// history are kept by, so an existing rule keeps its id when renamed; only a
// rule added in this editing session follows its group and name.

#include <set>
#include <string>
#include <string_view>

namespace mw::rulesui {

class RuleIds
{
public:
    /// "GROUP/NAME"; "NAME" without a group.
    static std::string base(std::string_view group, std::string_view name);
    /// base(), or the first of base#2, base#3... not in `taken`.
    static std::string unique(std::string_view group, std::string_view name, const std::set<std::string> &taken);
};

} // namespace mw::rulesui
