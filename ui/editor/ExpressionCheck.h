#pragma once

// Checks one panel expression as the editor shows it: the document's
// variables substituted (as the query would run), then promql::parse()
// (Prometheus 2.42's grammar and type checks). The error's position is
// mapped back into the text as written. QtCore only.

#include "dashboard/Document.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace mw::editor {

struct ExpressionError
{
    QString message; ///< the parser's, e.g. `unexpected "}" in label matching, expected string`
    int line = 1;    ///< 1-based
    int column = 1;  ///< 1-based, in characters
    int position = 0; ///< QString index into the text as written

    /// "1:8: unexpected ..." for the line under the editor.
    QString text() const;
};

class ExpressionCheck
{
    Q_DECLARE_TR_FUNCTIONS(mw::editor::ExpressionCheck)

public:
    /// nullopt when `expr` parses; an empty expression is an error too.
    static std::optional<ExpressionError> check(const QString &expr,
                                                const std::vector<dashboard::Variable> &variables);
};

} // namespace mw::editor
