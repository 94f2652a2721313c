#pragma once

// What a quality panel reads, checked as the document checks it
// (dashboard::checkPanelSources): a quality_curve panel a feed or
// score_buckets source, or score-bucket queries A and B; a confusion_matrix
// panel a feed source. The editor knows a source's kind from the document
// when it is given the sources, else from the backend that runs it.

#include "dashboard/Document.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace mw::view {
class SourceBackend;
}

namespace mw::editor {

/// A source by name; its kind is unknown when nothing runs it.
struct SourceKindOf
{
    std::string name;
    std::optional<dashboard::SourceKind> kind;
};

class PanelSourceCheck
{
    Q_DECLARE_TR_FUNCTIONS(mw::editor::PanelSourceCheck)

public:
    /// The kind of source `backend` runs (FeedBackend: feed, ...); nullopt
    /// for null or a backend class this check does not know.
    static std::optional<dashboard::SourceKind> kindOf(const view::SourceBackend *backend);
    /// checkPanelSources' message for `panel` among `sources` (the first is
    /// the one a panel naming none reads), first letter capitalised; empty
    /// when the panel reads what it needs, or when the kind of the source it
    /// reads is unknown (nothing to tell it by).
    static QString problem(const dashboard::Panel &panel, const std::vector<SourceKindOf> &sources);
};

} // namespace mw::editor
