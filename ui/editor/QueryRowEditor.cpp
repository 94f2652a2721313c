#include "QueryRowEditor.h"

#include "ExpressionEdit.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

namespace mw::editor {

namespace {

QToolButton *toolButton(QWidget *parent, const QString &name, QStyle::StandardPixmap icon, const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(name);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

QueryRowEditor::QueryRowEditor(dashboard::Query query, QWidget *parent)
    : QWidget(parent), m_query(std::move(query)), m_expr(new ExpressionEdit(this)),
      m_legend(new QLineEdit(this)), m_hidden(new QCheckBox(tr("Hide"), this)), m_errorLabel(new QLabel(this))
{
    auto *refId = new QLabel(QString::fromStdString(m_query.refId), this);
    refId->setObjectName(QStringLiteral("refId"));
    QFont bold = refId->font();
    bold.setBold(true);
    refId->setFont(bold);
    refId->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    refId->setMinimumWidth(refId->fontMetrics().horizontalAdvance(QStringLiteral("WW")));

    m_expr->setObjectName(QStringLiteral("expression"));
    m_expr->setExpression(QString::fromStdString(m_query.expr));
    m_legend->setObjectName(QStringLiteral("legend"));
    m_legend->setText(QString::fromStdString(m_query.legend));
    m_legend->setPlaceholderText(tr("Legend, e.g. {{model_name}} p99 (empty: the series' labels)"));
    m_hidden->setObjectName(QStringLiteral("hidden"));
    m_hidden->setChecked(m_query.hidden);
    m_hidden->setToolTip(tr("Keep the query but do not draw it"));
    m_errorLabel->setObjectName(QStringLiteral("error"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette red = m_errorLabel->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_errorLabel->setPalette(red);

    m_up = toolButton(this, QStringLiteral("moveUp"), QStyle::SP_ArrowUp, tr("Move up"));
    m_down = toolButton(this, QStringLiteral("moveDown"), QStyle::SP_ArrowDown, tr("Move down"));
    QToolButton *remove = toolButton(this, QStringLiteral("remove"), QStyle::SP_TrashIcon, tr("Remove query"));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 4, 0, 4);
    grid->addWidget(refId, 0, 0);
    grid->addWidget(m_expr, 0, 1, 1, 2);
    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(0);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addWidget(remove);
    buttons->addStretch();
    grid->addLayout(buttons, 0, 3, 3, 1);
    grid->addWidget(m_errorLabel, 1, 1, 1, 2);
    grid->addWidget(m_legend, 2, 1);
    grid->addWidget(m_hidden, 2, 2);
    grid->setColumnStretch(1, 1);

    connect(m_expr, &ExpressionEdit::expressionChanged, this, [this](const QString &expr) {
        m_query.expr = expr.toStdString();
        validate();
    });
    connect(m_legend, &QLineEdit::textEdited, this, [this](const QString &legend) {
        m_query.legend = legend.toStdString();
        Q_EMIT changed();
    });
    connect(m_hidden, &QCheckBox::toggled, this, [this](bool hidden) {
        m_query.hidden = hidden;
        Q_EMIT changed();
    });
    connect(m_up, &QToolButton::clicked, this, &QueryRowEditor::moveUpRequested);
    connect(m_down, &QToolButton::clicked, this, &QueryRowEditor::moveDownRequested);
    connect(remove, &QToolButton::clicked, this, &QueryRowEditor::removeRequested);
    validate();
}

void QueryRowEditor::setVariables(std::vector<dashboard::Variable> variables)
{
    m_variables = std::move(variables);
    validate();
}

void QueryRowEditor::setNameSource(NameCache *cache, view::SourceBackend *backend)
{
    m_expr->setNameSource(cache, backend);
}

void QueryRowEditor::setPlace(bool first, bool last)
{
    m_up->setEnabled(!first);
    m_down->setEnabled(!last);
}

void QueryRowEditor::setLegendVisible(bool visible) { m_legend->setVisible(visible); }

void QueryRowEditor::validate()
{
    m_error = ExpressionCheck::check(QString::fromStdString(m_query.expr), m_variables);
    m_errorLabel->setText(m_error ? m_error->text() : QString());
    m_errorLabel->setVisible(m_error.has_value());
    m_expr->setErrorPosition(m_error ? std::optional<int>(m_error->position) : std::nullopt);
    Q_EMIT changed();
}

} // namespace mw::editor
