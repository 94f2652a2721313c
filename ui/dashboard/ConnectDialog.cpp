#include "ConnectDialog.h"

#include "ServerConnector.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShowEvent>
#include <QStyle>
#include <QVBoxLayout>

namespace mw::ui {
namespace {

const QString kHistoryKey = QStringLiteral("connect/history");
constexpr int kIconSize = 16;

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent), m_connector(new view::ServerConnector(this)), m_url(new QComboBox(this)),
      m_connect(new QPushButton(tr("&Connect"), this)), m_ok(nullptr), m_busy(new QProgressBar(this)),
      m_icon(new QLabel(this)), m_status(new QLabel(this)), m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to server"));
    setMinimumWidth(600);

    m_url->setObjectName(QStringLiteral("url"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_url->addItems(history());
    m_url->lineEdit()->setPlaceholderText(tr("http://localhost:8002/metrics or http://localhost:9090"));
    m_url->lineEdit()->setClearButtonEnabled(true);
    auto *urlLabel = new QLabel(tr("Server &URL:"), this);
    urlLabel->setBuddy(m_url);

    m_connect->setObjectName(QStringLiteral("connect"));
    m_connect->setAutoDefault(false);

    auto *hint = new QLabel(tr("A model server's metrics endpoint (Triton's :8002/metrics, vLLM's /metrics, "
                               "TF Serving's /monitoring/prometheus/metrics, …) or the base URL of a "
                               "Prometheus-compatible server."),
                            this);
    hint->setObjectName(QStringLiteral("hint"));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(6);
    m_busy->setVisible(false);
    QSizePolicy keep = m_busy->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_busy->setSizePolicy(keep);

    m_icon->setFixedSize(kIconSize, kIconSize);
    m_icon->setAlignment(Qt::AlignTop);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setForegroundRole(QPalette::PlaceholderText);
    m_details->setVisible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Open dashboard"));
    m_ok->setEnabled(false);
    for (QAbstractButton *b : buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    }

    auto *row = new QHBoxLayout;
    row->addWidget(urlLabel);
    row->addWidget(m_url, 1);
    row->addWidget(m_connect);
    auto *statusRow = new QGridLayout;
    statusRow->addWidget(m_icon, 0, 0, Qt::AlignTop);
    statusRow->addWidget(m_status, 0, 1);
    statusRow->addWidget(m_details, 1, 1);
    statusRow->setColumnStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(hint);
    layout->addSpacing(4);
    layout->addWidget(m_busy);
    layout->addLayout(statusRow);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::connectToServer);
    connect(m_url->lineEdit(), &QLineEdit::returnPressed, this, [this] {
        if (hasDocument() && m_url->currentText() == m_resultText)
            accept();
        else
            connectToServer();
    });
    connect(m_url, &QComboBox::editTextChanged, this, &ConnectDialog::onTextEdited);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    connect(m_connector, &view::ServerConnector::progress, this,
            [this](const QString &message) { setStatus(Tone::Busy, message); });
    connect(m_connector, &view::ServerConnector::finished, this, &ConnectDialog::onFinished);

    setStatus(Tone::Idle, tr("Type a URL and press Connect."));
    m_url->setFocus();
}

ConnectDialog::~ConnectDialog() = default;

dashboard::Document ConnectDialog::document() const { return m_result ? m_result->document : dashboard::Document{}; }

QUrl ConnectDialog::urlFromText(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    return QUrl(t.contains(QStringLiteral("://")) ? t : QStringLiteral("http://") + t, QUrl::StrictMode);
}

QStringList ConnectDialog::history() { return QSettings().value(kHistoryKey).toStringList(); }

void ConnectDialog::clearHistory() { QSettings().remove(kHistoryKey); }

void ConnectDialog::remember(const QString &url)
{
    QSettings settings;
    QStringList list = settings.value(kHistoryKey).toStringList();
    list.removeAll(url);
    list.prepend(url);
    while (list.size() > kHistorySize)
        list.removeLast();
    settings.setValue(kHistoryKey, list);
}

void ConnectDialog::connectToServer()
{
    m_result.reset();
    m_ok->setEnabled(false);
    const QString text = m_url->currentText().trimmed();
    if (text.isEmpty()) {
        m_connector->cancel();
        setStatus(Tone::Error, tr("Type the URL of a model server's metrics or of a Prometheus server."));
        return;
    }
    m_resultText = m_url->currentText();
    setStatus(Tone::Busy, tr("Connecting to %1…").arg(text));
    m_connector->connectTo(urlFromText(text));
}

void ConnectDialog::reject()
{
    m_connector->cancel();
    QDialog::reject();
}

void ConnectDialog::onFinished(const view::ConnectResult &result)
{
    if (!result.ok()) {
        setStatus(Tone::Error, result.error);
        return;
    }
    m_result = result;
    remember(result.url.toString());
    setStatus(Tone::Found, result.summary, result.details);
    m_ok->setEnabled(true); // Return in the field opens it too
}

void ConnectDialog::onTextEdited(const QString &text)
{
    if (!m_result || text == m_resultText)
        return;
    // The document no longer matches the URL in the field.
    m_result.reset();
    m_ok->setEnabled(false);
    setStatus(Tone::Idle, tr("Press Connect to look at this URL."));
}

void ConnectDialog::setStatus(Tone tone, const QString &text, const QString &details)
{
    m_busy->setVisible(tone == Tone::Busy);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    if (tone == Tone::Found)
        icon = QStyle::SP_DialogApplyButton;
    else if (tone == Tone::Error)
        icon = QStyle::SP_MessageBoxWarning;
    m_icon->setPixmap(tone == Tone::Busy ? QPixmap() : style()->standardIcon(icon).pixmap(kIconSize, kIconSize));
    m_status->setText(text);
    m_details->setText(details);
    m_details->setVisible(!details.isEmpty());
    fitHeight();
}

void ConnectDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fitHeight();
}

void ConnectDialog::fitHeight()
{
    if (!isVisible() || !layout())
        return;
    layout()->activate();
    const int needed = heightForWidth(width());
    if (needed > height())
        resize(width(), needed);
}

} // namespace mw::ui
