#pragma once

// A panel's data source name, read and written whether or not this build's
// dashboard::Panel has the `source` member yet (it is being added): without
// it the panel uses the document's default source and writes are dropped.

#include <string>

namespace mw::editor {

template<typename P>
std::string panelSource([[maybe_unused]] const P &panel)
{
    if constexpr (requires { std::string(panel.source); })
        return std::string(panel.source);
    else
        return {};
}

template<typename P>
void setPanelSource([[maybe_unused]] P &panel, [[maybe_unused]] const std::string &source)
{
    if constexpr (requires { panel.source = source; })
        panel.source = source;
}

} // namespace mw::editor
