#include "ExpressionCheck.h"

#include "dashboard/DocumentCheck.h"
#include "promql/Ast.h"

namespace mw::editor {

QString ExpressionError::text() const
{
    return ExpressionCheck::tr("%1:%2: %3").arg(line).arg(column).arg(message);
}

std::optional<ExpressionError> ExpressionCheck::check(const QString &expr,
                                                      const std::vector<dashboard::Variable> &variables)
{
    if (expr.trimmed().isEmpty())
        return ExpressionError{tr("Enter an expression."), 1, 1, 0};
    const QByteArray utf8 = expr.toUtf8();
    const std::string_view written(utf8.constData(), std::size_t(utf8.size()));
    std::vector<std::size_t> origin;
    const std::string text = dashboard::substituteVariables(written, variables, &origin);
    const promql::ParseResult result = promql::parse(text);
    if (!result.error)
        return std::nullopt;
    const std::size_t at = result.error->offset < origin.size() ? origin[result.error->offset] : written.size();
    const QString before = QString::fromUtf8(written.data(), qsizetype(at));
    ExpressionError error;
    error.message = QString::fromStdString(result.error->message);
    error.position = int(before.size());
    const qsizetype lineStart = before.lastIndexOf(u'\n') + 1;
    error.line = int(before.count(u'\n')) + 1;
    error.column = int(before.mid(lineStart).toUcs4().size()) + 1;
    return error;
}

} // namespace mw::editor
