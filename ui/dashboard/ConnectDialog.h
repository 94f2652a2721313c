#pragma once

// File > Connect to server…: the user types a model server's /metrics URL or
// a Prometheus server's base URL, ServerConnector finds out what it is, and
// the dialog hands back the preset dashboard for it.

#include "ConnectFindings.h"

#include <QDialog>
#include <QStringList>
#include <QUrl>

#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace mw::view {
class ServerConnector;
}

namespace mw::ui {

class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kHistorySize = 10;

    explicit ConnectDialog(QWidget *parent = nullptr);
    ~ConnectDialog() override;

    /// The dashboard found; a default Document until one is ready.
    dashboard::Document document() const;
    bool hasDocument() const { return m_result.has_value(); }
    view::ServerConnector *connector() const { return m_connector; }

    /// The URL a typed text means: "host:9090" gets http:// in front.
    static QUrl urlFromText(const QString &text);
    /// URLs connected to before, newest first (at most kHistorySize).
    static QStringList history();
    static void clearHistory();

public Q_SLOTS:
    /// Connects to the URL in the field (also on Return in the field).
    void connectToServer();
    void reject() override;

protected:
    void showEvent(QShowEvent *event) override;

private:
    enum class Tone { Idle, Busy, Found, Error };
    void onFinished(const view::ConnectResult &result);
    void onTextEdited(const QString &text);
    void setStatus(Tone tone, const QString &text, const QString &details = {});
    /// Grows the dialog when wrapped text needs more height than it has.
    void fitHeight();
    static void remember(const QString &url);

    view::ServerConnector *m_connector;
    QComboBox *m_url;
    QPushButton *m_connect;
    QPushButton *m_ok;
    QProgressBar *m_busy;
    QLabel *m_icon;
    QLabel *m_status;
    QLabel *m_details;
    std::optional<view::ConnectResult> m_result;
    QString m_resultText; ///< the field's text the result is for
};

} // namespace mw::ui
