// AlertsPane's widgets and their layout (the behaviour is in AlertsPane.cpp).

#include "AlertsPane.h"

#include "AlertFilterProxy.h"
#include "AlertHistoryModel.h"
#include "AlertTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace mw::alertsui {

namespace {
constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;

/// Rows a table asks room for: the pane starts as a strip under the
/// dashboard, and whoever wants more drags the dock taller.
constexpr int kPreferredRows = 3;

/// A table whose preferred height is its header and kPreferredRows rows
/// (QTableView asks for a fixed 192 px whatever its content).
class StripTable final : public QTableView
{
public:
    using QTableView::QTableView;
    QSize sizeHint() const override
    {
        const int rows = kPreferredRows * verticalHeader()->defaultSectionSize();
        return {QTableView::sizeHint().width(), horizontalHeader()->sizeHint().height() + rows + 2 * frameWidth()};
    }
};

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *t = new StripTable(parent);
    t->setObjectName(name);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setHighlightSections(false);
    return t;
}
} // namespace

void AlertsPane::buildLayout()
{
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("alertsError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral(
        "QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c2c0; border-radius: 3px; padding: 4px; }"));
    m_error->hide();

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("alertsTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildAlertsTab(), tr("&Alerts"));
    m_tabs->addTab(buildHistoryTab(), tr("&History"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);
}

QWidget *AlertsPane::buildFilterBar(QWidget *parent)
{
    auto *bar = new QWidget(parent);
    m_filterText = new QLineEdit(bar);
    m_filterText->setObjectName(QStringLiteral("alertsFilterText"));
    m_filterText->setPlaceholderText(tr("Filter by rule or label…"));
    m_filterText->setClearButtonEnabled(true);
    m_stateFilter = new QComboBox(bar);
    m_stateFilter->setObjectName(QStringLiteral("alertsStateFilter"));
    m_stateFilter->addItem(tr("Active only"), true);
    m_stateFilter->addItem(tr("All states"), false);
    m_severityFilter = new QComboBox(bar);
    m_severityFilter->setObjectName(QStringLiteral("alertsSeverityFilter"));
    m_severityFilter->addItem(tr("All severities"), -1);
    m_severityFilter->addItem(tr("Warning and critical"), static_cast<int>(alerting::Severity::Warning));
    m_severityFilter->addItem(tr("Critical only"), static_cast<int>(alerting::Severity::Critical));

    connect(m_filterText, &QLineEdit::textChanged, m_proxy, &AlertFilterProxy::setText);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setActiveOnly(m_stateFilter->currentData().toBool()); });
    connect(m_severityFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int s = m_severityFilter->currentData().toInt();
        m_proxy->setMinimumSeverity(s < 0 ? std::nullopt : std::optional(static_cast<alerting::Severity>(s)));
    });
    m_proxy->setActiveOnly(true);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterText, 1);
    layout->addWidget(m_stateFilter);
    layout->addWidget(m_severityFilter);
    return bar;
}

QWidget *AlertsPane::buildAlertsTab()
{
    auto *tab = new QWidget(this);
    m_table = makeTable(tab, QStringLiteral("alertsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AlertTableModel::StateColumn, Qt::DescendingOrder);
    QHeaderView *header = m_table->horizontalHeader();
    for (int c : {AlertTableModel::OriginColumn, AlertTableModel::StateColumn, AlertTableModel::SeverityColumn,
                  AlertTableModel::ValueColumn, AlertTableModel::SinceColumn})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->resizeSection(AlertTableModel::RuleColumn, 160);
    header->resizeSection(AlertTableModel::LabelsColumn, 220);

    m_details = new QTextBrowser(tab);
    m_details->setObjectName(QStringLiteral("alertsDetails"));
    m_details->setOpenExternalLinks(true);
    m_details->setPlaceholderText(tr("Select an alert to see its details."));

    m_ackButton = new QPushButton(tr("&Acknowledge…"), tab);
    m_ackButton->setObjectName(QStringLiteral("alertsAckButton"));
    m_ackButton->setToolTip(tr("Someone is on it: stop repeating its notification"));
    connect(m_ackButton, &QPushButton::clicked, this, &AlertsPane::acknowledgeSelected);

    m_snoozeButton = new QToolButton(tab);
    m_snoozeButton->setObjectName(QStringLiteral("alertsSnoozeButton"));
    m_snoozeButton->setText(tr("&Snooze"));
    m_snoozeButton->setPopupMode(QToolButton::InstantPopup);
    m_snoozeButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_snoozeButton);
    menu->setObjectName(QStringLiteral("alertsSnoozeMenu"));
    const std::pair<const char *, int64_t> presets[] = {{"snooze15m", 15 * kMinuteMs}, {"snooze1h", kHourMs}, {"snooze4h", 4 * kHourMs}};
    const QString texts[] = {tr("15 minutes"), tr("1 hour"), tr("4 hours")};
    for (std::size_t i = 0; i < std::size(presets); ++i) {
        QAction *a = menu->addAction(texts[i]);
        a->setObjectName(QString::fromLatin1(presets[i].first));
        const int64_t ms = presets[i].second;
        connect(a, &QAction::triggered, this, [this, ms] { snoozeSelected(ms); });
    }
    menu->addSeparator();
    QAction *custom = menu->addAction(tr("Custom…"));
    custom->setObjectName(QStringLiteral("snoozeCustom"));
    connect(custom, &QAction::triggered, this, &AlertsPane::snoozeSelectedCustom);
    m_snoozeButton->setMenu(menu);

    m_unackButton = new QPushButton(tr("&Un-acknowledge"), tab);
    m_unackButton->setObjectName(QStringLiteral("alertsUnackButton"));
    m_unackButton->setToolTip(tr("Withdraw the acknowledgement or snooze"));
    connect(m_unackButton, &QPushButton::clicked, this, &AlertsPane::unacknowledgeSelected);

    // One row over the table: what to do with the selected alert, then which
    // alerts to show (the filter applies to this tab only).
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_ackButton);
    bar->addWidget(m_snoozeButton);
    bar->addWidget(m_unackButton);
    bar->addSpacing(12);
    bar->addWidget(buildFilterBar(tab), 1);

    // The details appear beside the table (below it in a tall pane) once an
    // alert is selected: see AlertsPane::placeDetails.
    m_details->hide();
    m_split = new QSplitter(Qt::Horizontal, tab);
    m_split->setObjectName(QStringLiteral("alertsSplitter"));
    m_split->addWidget(m_table);
    m_split->addWidget(m_details);
    // No stretch factors: the split's sizes are the weights (AlertsPane::placeDetails).
    m_split->setChildrenCollapsible(false);
    connect(m_split, &QSplitter::splitterMoved, this, [this] { m_detailSizes = m_split->sizes(); });

    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_split, 1);
    return tab;
}

QWidget *AlertsPane::buildHistoryTab()
{
    auto *tab = new QWidget(this);
    m_historySelectedOnly = new QCheckBox(tr("Selected alert only"), tab);
    m_historySelectedOnly->setObjectName(QStringLiteral("alertsHistorySelectedOnly"));
    connect(m_historySelectedOnly, &QCheckBox::toggled, this, [this](bool on) {
        const AlertRow *row = currentRow();
        m_historyModel->setInstanceFilter(on && row ? row->instanceId : std::string());
    });
    m_historyTable = makeTable(tab, QStringLiteral("alertsHistoryTable"));
    m_historyTable->setModel(m_historyModel);
    QHeaderView *header = m_historyTable->horizontalHeader();
    for (int c : {AlertHistoryModel::TimeColumn, AlertHistoryModel::EventColumn, AlertHistoryModel::ChangeColumn,
                  AlertHistoryModel::ByColumn})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->resizeSection(AlertHistoryModel::AlertColumn, 260);

    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_historySelectedOnly);
    layout->addWidget(m_historyTable, 1);
    return tab;
}

} // namespace mw::alertsui
