#include "ThresholdTableEditor.h"

#include "ThresholdPlotting.h"

#include <QColorDialog>
#include <QComboBox>
#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>

#include <algorithm>

namespace mw::editor {

using dashboard::Threshold;
using dashboard::ThresholdStyle;

namespace {

constexpr alerting::Severity kSeverities[] = {alerting::Severity::Info, alerting::Severity::Warning,
                                              alerting::Severity::Critical};

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(color);
    return QIcon(pixmap);
}

} // namespace

ThresholdTableEditor::ThresholdTableEditor(std::vector<Threshold> thresholds, QWidget *parent)
    : QWidget(parent), m_thresholds(std::move(thresholds)), m_table(new QTableWidget(0, 4, this)),
      m_orderNote(new QLabel(this)), m_sort(new QPushButton(tr("Sort by value"), this))
{
    m_table->setObjectName(QStringLiteral("thresholdTable"));
    m_table->setHorizontalHeaderLabels({tr("Value"), tr("Severity"), tr("Colour"), tr("Style")});
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(0, QHeaderView::Stretch);
    header->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(2, QHeaderView::Stretch);
    header->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setMinimumHeight(m_table->verticalHeader()->defaultSectionSize() * 4);

    m_orderNote->setObjectName(QStringLiteral("orderNote"));
    m_orderNote->setWordWrap(true);
    m_orderNote->setText(tr("Thresholds are not in ascending order; they are sorted by value when the panel is saved."));
    m_sort->setObjectName(QStringLiteral("sortThresholds"));
    auto *add = new QPushButton(tr("Add threshold"), this);
    add->setObjectName(QStringLiteral("addThreshold"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeThreshold"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    buttons->addWidget(m_sort);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_orderNote);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &ThresholdTableEditor::addThreshold);
    connect(remove, &QPushButton::clicked, this, [this] { removeThreshold(m_table->currentRow()); });
    connect(m_sort, &QPushButton::clicked, this, &ThresholdTableEditor::sortThresholds);
    rebuild();
}

bool ThresholdTableEditor::isAscending() const
{
    return std::is_sorted(m_thresholds.begin(), m_thresholds.end(),
                          [](const Threshold &a, const Threshold &b) { return a.value < b.value; });
}

void ThresholdTableEditor::sortThresholds()
{
    if (isAscending())
        return;
    std::stable_sort(m_thresholds.begin(), m_thresholds.end(),
                     [](const Threshold &a, const Threshold &b) { return a.value < b.value; });
    rebuild();
    Q_EMIT changed();
}

void ThresholdTableEditor::addThreshold()
{
    Threshold t;
    if (!m_thresholds.empty()) {
        t = m_thresholds.back();
        t.value = t.value == 0 ? 1 : t.value * 2;
        t.color.clear();
    }
    m_thresholds.push_back(t);
    rebuild();
    m_table->setCurrentCell(int(m_thresholds.size()) - 1, 0);
    Q_EMIT changed();
}

void ThresholdTableEditor::removeThreshold(int row)
{
    if (row < 0 || row >= int(m_thresholds.size()))
        return;
    m_thresholds.erase(m_thresholds.begin() + row);
    rebuild();
    Q_EMIT changed();
}

void ThresholdTableEditor::rebuild()
{
    // Replaced cell widgets are deleted later: unname them now so that
    // findChild() sees only the current rows.
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int column = 0; column < m_table->columnCount(); ++column) {
            if (QWidget *w = m_table->cellWidget(row, column)) {
                w->setObjectName(QString());
                for (QWidget *c : w->findChildren<QWidget *>())
                    c->setObjectName(QString());
            }
        }
    }
    m_table->clearContents();
    m_table->setRowCount(int(m_thresholds.size()));
    for (int row = 0; row < int(m_thresholds.size()); ++row)
        fillRow(row);
    const bool ascending = isAscending();
    m_orderNote->setVisible(!ascending);
    m_sort->setEnabled(!ascending);
}

void ThresholdTableEditor::edited()
{
    const bool ascending = isAscending();
    m_orderNote->setVisible(!ascending);
    m_sort->setEnabled(!ascending);
    Q_EMIT changed();
}

void ThresholdTableEditor::fillRow(int row)
{
    const Threshold &t = m_thresholds[std::size_t(row)];
    const QString n = QString::number(row);

    QLocale shown = locale();
    shown.setNumberOptions(QLocale::OmitGroupSeparator);
    auto *value = new QLineEdit(shown.toString(t.value, 'g', 15));
    value->setObjectName(QStringLiteral("value") + n);
    value->setValidator(new QDoubleValidator(value));
    value->setFrame(false);
    connect(value, &QLineEdit::textEdited, this, [this, row](const QString &text) {
        bool ok = false;
        double v = locale().toDouble(text, &ok);
        if (!ok)
            v = QLocale::c().toDouble(text, &ok);
        if (ok) {
            m_thresholds[std::size_t(row)].value = v;
            edited();
        }
    });
    m_table->setCellWidget(row, 0, value);

    auto *severity = new QComboBox;
    severity->setObjectName(QStringLiteral("severity") + n);
    auto severityName = [this](alerting::Severity s) {
        switch (s) {
        case alerting::Severity::Info:
            return tr("Info");
        case alerting::Severity::Warning:
            return tr("Warning");
        case alerting::Severity::Critical:
            return tr("Critical");
        }
        return QString::fromUtf8(alerting::severityId(s));
    };
    for (const alerting::Severity s : kSeverities)
        severity->addItem(swatch(severityColor(s)), severityName(s), int(s));
    severity->setCurrentIndex(severity->findData(int(t.severity)));
    m_table->setCellWidget(row, 1, severity);

    auto *colorCell = new QWidget;
    auto *colorLayout = new QHBoxLayout(colorCell);
    colorLayout->setContentsMargins(2, 0, 2, 0);
    colorLayout->setSpacing(2);
    auto *color = new QLineEdit(QString::fromStdString(t.color));
    color->setObjectName(QStringLiteral("color") + n);
    color->setPlaceholderText(tr("default"));
    color->setToolTip(tr("A colour name or #rrggbb; empty: the severity's colour"));
    color->setFrame(false);
    auto *pick = new QToolButton;
    pick->setObjectName(QStringLiteral("pickColor") + n);
    pick->setIcon(swatch(thresholdColor(t)));
    pick->setToolTip(tr("Choose a colour"));
    pick->setAutoRaise(true);
    colorLayout->addWidget(color, 1);
    colorLayout->addWidget(pick);
    m_table->setCellWidget(row, 2, colorCell);
    connect(color, &QLineEdit::textEdited, this, [this, row, pick](const QString &text) {
        m_thresholds[std::size_t(row)].color = text.trimmed().toStdString();
        pick->setIcon(swatch(thresholdColor(m_thresholds[std::size_t(row)])));
        edited();
    });
    connect(pick, &QToolButton::clicked, this, [this, row, color, pick] {
        const QColor chosen = QColorDialog::getColor(thresholdColor(m_thresholds[std::size_t(row)]), this);
        if (!chosen.isValid())
            return;
        color->setText(chosen.name());
        m_thresholds[std::size_t(row)].color = chosen.name().toStdString();
        pick->setIcon(swatch(chosen));
        edited();
    });
    connect(severity, &QComboBox::currentIndexChanged, this, [this, row, severity, pick] {
        m_thresholds[std::size_t(row)].severity = static_cast<alerting::Severity>(severity->currentData().toInt());
        pick->setIcon(swatch(thresholdColor(m_thresholds[std::size_t(row)])));
        edited();
    });

    auto *style = new QComboBox;
    style->setObjectName(QStringLiteral("style") + n);
    style->addItem(tr("Line"), int(ThresholdStyle::Line));
    style->addItem(tr("Band"), int(ThresholdStyle::Band));
    style->setCurrentIndex(style->findData(int(t.style)));
    connect(style, &QComboBox::currentIndexChanged, this, [this, row, style] {
        m_thresholds[std::size_t(row)].style = static_cast<ThresholdStyle>(style->currentData().toInt());
        edited();
    });
    m_table->setCellWidget(row, 3, style);
}

} // namespace mw::editor
