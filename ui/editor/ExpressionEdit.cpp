#include "ExpressionEdit.h"

#include "NameCache.h"
#include "SourceBackend.h"
#include "promql/Functions.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>

#include <algorithm>

namespace mw::editor {

using Kind = CompletionContext::Kind;

ExpressionEdit::ExpressionEdit(QWidget *parent)
    : QPlainTextEdit(parent), m_completer(new QCompleter(this)), m_model(new QStringListModel(this))
{
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    setPlaceholderText(tr("PromQL expression, e.g. rate(requests_total[1m]) (Ctrl+Space completes)"));

    for (const promql::Function &f : promql::allFunctions()) {
        const QString name = QString::fromUtf8(f.name.data(), qsizetype(f.name.size()));
        m_functions.append(name);
        m_functionSet.insert(name);
    }

    m_completer->setModel(m_model);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &ExpressionEdit::insertCompletion);
    connect(this, &QPlainTextEdit::textChanged, this, [this] { Q_EMIT expressionChanged(toPlainText()); });
}

void ExpressionEdit::setNameSource(NameCache *cache, view::SourceBackend *backend)
{
    if (m_cache)
        disconnect(m_cache, nullptr, this, nullptr);
    m_cache = cache;
    m_backend = backend;
    m_waitingKey.clear();
    if (cache)
        connect(cache, &NameCache::namesArrived, this, &ExpressionEdit::onNamesArrived);
}

void ExpressionEdit::setExpression(const QString &expr)
{
    if (expr != toPlainText())
        setPlainText(expr);
}

void ExpressionEdit::showCompletion() { complete(true); }

void ExpressionEdit::setErrorPosition(std::optional<int> position)
{
    QList<QTextEdit::ExtraSelection> selections;
    if (position && !document()->isEmpty()) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(document());
        const int length = int(toPlainText().size());
        const int at = std::clamp(*position, 0, std::max(0, length - 1));
        mark.cursor.setPosition(at);
        mark.cursor.setPosition(std::min(at + 1, length), QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::SpellCheckUnderline);
        mark.format.setUnderlineColor(QColor(0xd4, 0x3a, 0x2f));
        selections.append(mark);
    }
    setExtraSelections(selections);
}

QSize ExpressionEdit::sizeHint() const
{
    const int lines = 3;
    const QMargins m = contentsMargins();
    const int height = fontMetrics().lineSpacing() * lines + int(2 * document()->documentMargin())
        + m.top() + m.bottom() + 2 * frameWidth();
    return {QPlainTextEdit::sizeHint().width(), height};
}

void ExpressionEdit::keyPressEvent(QKeyEvent *event)
{
    const bool popupShown = m_completer->popup()->isVisible();
    if (popupShown) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            event->ignore(); // the completer accepts or closes
            return;
        default:
            break;
        }
    }
    if (event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier)) {
        showCompletion();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    const QString typed = event->text();
    const bool printable = !typed.isEmpty() && typed.at(0).isPrint()
        && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier));
    if (printable || (popupShown && event->key() == Qt::Key_Backspace))
        complete(false);
    else if (popupShown && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right))
        complete(false);
}

void ExpressionEdit::complete(bool forced)
{
    const QString text = toPlainText();
    const int cursor = textCursor().position();
    m_context = completionContext(text, cursor);
    m_waitingKey.clear();
    if (m_context.kind == Kind::None) {
        m_completer->popup()->hide();
        return;
    }
    if (!forced && m_context.prefix.isEmpty() && m_context.kind != Kind::LabelValue) {
        int i = cursor;
        while (i > 0 && text.at(i - 1).isSpace())
            --i;
        const QChar before = i > 0 ? text.at(i - 1) : QChar();
        const bool opensList = before == u'{' || before == u'(' || before == u',';
        if (m_context.kind == Kind::MetricOrFunction || !opensList) {
            m_completer->popup()->hide();
            return;
        }
    }

    std::optional<QStringList> names;
    QString key;
    switch (m_context.kind) {
    case Kind::MetricOrFunction:
        names = m_cache ? m_cache->metricNames(m_backend) : QStringList();
        key = NameCache::key(QStringLiteral("metrics"), m_backend, {});
        break;
    case Kind::LabelName:
        names = m_cache ? m_cache->labelNames(m_backend, m_context.metric) : QStringList();
        key = NameCache::key(QStringLiteral("labels"), m_backend, m_context.metric);
        break;
    case Kind::LabelValue:
        names = m_cache ? m_cache->labelValues(m_backend, m_context.label, m_context.metric) : QStringList();
        key = NameCache::key(QStringLiteral("values"), m_backend, m_context.metric, m_context.label);
        break;
    case Kind::None:
        break;
    }
    if (!names) {
        m_waitingKey = key;
        m_waitingForced = forced;
    }
    showNames(names.value_or(QStringList()), forced);
}

void ExpressionEdit::showNames(QStringList names, bool forced)
{
    if (m_context.kind == Kind::LabelName)
        names.removeAll(QStringLiteral("__name__"));
    if (m_context.kind == Kind::MetricOrFunction)
        names += m_functions;
    names.removeDuplicates();
    names.sort(Qt::CaseInsensitive);
    m_model->setStringList(names);
    m_completer->setCompletionPrefix(m_context.prefix);
    QAbstractItemView *popup = m_completer->popup();
    const int count = m_completer->completionCount();
    const bool onlyTyped = count == 1 && m_completer->currentCompletion() == m_context.prefix;
    if (count == 0 || (onlyTyped && !forced)) {
        popup->hide();
        return;
    }
    QRect rect = cursorRect();
    rect.setWidth(popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
    popup->setCurrentIndex(m_completer->completionModel()->index(0, 0));
}

void ExpressionEdit::onNamesArrived(const QString &key)
{
    if (key.isEmpty() || key != m_waitingKey)
        return;
    m_waitingKey.clear();
    // Asked for with Ctrl+Space, or still being typed in (the window's
    // focus widget even while another window is active).
    if (m_waitingForced || hasFocus() || window()->focusWidget() == this)
        complete(m_waitingForced);
}

void ExpressionEdit::insertCompletion(const QString &completion)
{
    QTextCursor cursor = textCursor();
    const int end = cursor.position();
    const QString text = toPlainText();
    const QChar next = end < text.size() ? text.at(end) : QChar();
    QString insert = completion;
    if (m_context.kind == Kind::MetricOrFunction && m_functionSet.contains(completion) && next != u'(')
        insert += u'(';
    cursor.setPosition(m_context.prefixStart);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    cursor.insertText(insert);
    setTextCursor(cursor);
}

} // namespace mw::editor
