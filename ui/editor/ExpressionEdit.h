#pragma once

// A PromQL expression editor: a QPlainTextEdit with a QCompleter offering
// metric and function names, label names inside `{...}` and `by (...)` (for
// the metric before the brace) and label values after `label="`. Names come
// from a NameCache asking a SourceBackend; the list fills in when they
// arrive. Ctrl+Space opens the completer, typing narrows it, Enter or Tab
// accepts the selected entry, Escape closes it. A parse error's position is
// underlined (setErrorPosition).

#include "CompletionContext.h"

#include <QPlainTextEdit>
#include <QPointer>
#include <QSet>

#include <optional>

class QCompleter;
class QStringListModel;

namespace mw::view {
class SourceBackend;
}

namespace mw::editor {

class NameCache;

class ExpressionEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit ExpressionEdit(QWidget *parent = nullptr);

    /// Where names come from; a null backend offers function names only.
    void setNameSource(NameCache *cache, view::SourceBackend *backend);
    QString expression() const { return toPlainText(); }
    /// Sets the text without opening the completer.
    void setExpression(const QString &expr);
    QCompleter *completer() const { return m_completer; }
    /// What Ctrl+Space does: opens the completer for the word at the cursor.
    void showCompletion();
    /// Underlines the character at `position` (a QString index); nullopt clears.
    void setErrorPosition(std::optional<int> position);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

Q_SIGNALS:
    void expressionChanged(const QString &expr);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void complete(bool forced);
    void showNames(QStringList names, bool forced);
    void insertCompletion(const QString &completion);
    void onNamesArrived(const QString &key);

    QCompleter *m_completer = nullptr;
    QStringListModel *m_model = nullptr;
    QPointer<NameCache> m_cache;
    QPointer<view::SourceBackend> m_backend;
    QStringList m_functions;
    QSet<QString> m_functionSet;
    CompletionContext m_context;
    QString m_waitingKey; ///< names asked for and not yet arrived
    bool m_waitingForced = false;
};

} // namespace mw::editor
