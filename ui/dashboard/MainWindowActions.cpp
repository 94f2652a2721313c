// MainWindow's file and panel actions (the window's construction is in
// MainWindow.cpp).

#include "MainWindow.h"

#include "ConnectDialog.h"
#include "DashboardView.h"
#include "FrameCsv.h"
#include "GridPlacement.h"
#include "PanelWidget.h"
#include "dashboard/DashboardFile.h"
#include "dashboard/GrafanaImport.h"
#include "dashboard/PresetDocument.h"

#include <QApplication>
#include <QBuffer>
#include <QRegularExpression>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <functional>
#include <tuple>

namespace mw::ui {
namespace {

QString dashboardFilter() { return MainWindow::tr("ModelWatch dashboards (*.json *.mwdash);;All files (*)"); }

QString documentsDir() { return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation); }

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = MainWindow::tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

QString safeFileName(const std::string &title)
{
    QString s = QString::fromStdString(title).trimmed();
    s.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    return s.isEmpty() ? QStringLiteral("panel") : s;
}

QByteArray pngBytes(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

/// Asks where to write (starting at `fileName` in the documents folder), then
/// writes `bytes()` atomically. The error message, or "" (also when cancelled).
QString exportAs(QWidget *parent, const QString &title, const QString &fileName, const QString &filter,
                 const std::function<QByteArray()> &bytes)
{
    const QString path = QFileDialog::getSaveFileName(parent, title, documentsDir() + u'/' + fileName, filter);
    QString error;
    if (!path.isEmpty())
        writeAtomically(path, bytes(), &error);
    return error;
}

/// The id and place of a new `w` x `h` panel: the next free id, the first free spot.
std::pair<int, dashboard::GridPos> nextPanelSlot(const dashboard::Document &d, int w, int h)
{
    int maxId = 0;
    std::vector<view::GridItem> items;
    for (const dashboard::Panel &o : d.panels) {
        maxId = std::max(maxId, o.id);
        items.push_back({o.id, o.grid});
    }
    return {maxId + 1, view::freeSpot(items, w, h)};
}

} // namespace

bool MainWindow::openFile(const QString &path, QString *error)
{
    QString why;
    if (m_doc.open(path, &why))
        return true;
    if (error)
        *error = why;
    else
        showError(tr("Cannot open the dashboard"), tr("%1 could not be opened:\n\n%2").arg(path, why));
    return false;
}

bool MainWindow::openExample(const QString &name, QString *error)
{
    QString why;
    if (m_doc.openExample(name, &why))
        return true;
    if (error)
        *error = why;
    else
        showError(tr("Cannot open the example"), why);
    return false;
}

void MainWindow::showNewDocument(dashboard::Document document) { m_doc.newDocument(std::move(document)); }

void MainWindow::newDashboard()
{
    if (!confirmDiscard())
        return;
    dashboard::Document d;
    d.title = tr("New dashboard").toStdString();
    d.time = {"now-1h", "now"};
    d.refresh = dashboard::Refresh::TenSeconds;
    m_doc.newDocument(std::move(d));
}

void MainWindow::openDialog()
{
    if (!confirmDiscard())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open dashboard"), documentsDir(), dashboardFilter());
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::save()
{
    if (m_doc.path().isEmpty() && m_doc.exampleName().isEmpty())
        return saveAs();
    QString error;
    if (m_doc.save(&error))
        return true;
    showError(tr("Cannot save the dashboard"), error);
    return false;
}

bool MainWindow::saveAs()
{
    QString start = m_doc.path();
    if (start.isEmpty())
        start = documentsDir() + u'/' + safeFileName(m_doc.document().title) + QStringLiteral(".modelwatch.json");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save dashboard as"), start, dashboardFilter());
    if (path.isEmpty())
        return false;
    QString error;
    if (m_doc.saveAs(path, &error))
        return true;
    showError(tr("Cannot save the dashboard"), error);
    return false;
}

void MainWindow::importGrafana()
{
    if (!confirmDiscard())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Grafana dashboard"), documentsDir(),
                                                      tr("Grafana dashboards (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot import"), tr("%1: %2").arg(path, f.errorString()));
        return;
    }
    const QByteArray text = f.read(dashboard::Limits{}.maxBytes + 1);
    const dashboard::GrafanaImport imported = dashboard::importGrafanaText(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    if (!imported.document) {
        showError(tr("Cannot import"), tr("%1 is not a Grafana dashboard ModelWatch can read:\n\n%2")
                                           .arg(path, QString::fromStdString(imported.error ? imported.error->toString() : std::string())));
        return;
    }
    m_doc.newDocument(*imported.document);
    if (!imported.notCarried.empty()) {
        QStringList lines;
        for (const dashboard::NotCarried &n : imported.notCarried)
            lines << QString::fromStdString(n.toString());
        QMessageBox box(QMessageBox::Information, tr("Imported with omissions"),
                        lines.size() == 1 ? tr("The dashboard was imported. One part could not be carried over.")
                                           : tr("The dashboard was imported. %1 parts could not be carried over.").arg(lines.size()),
                        QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("importReport"));
        box.setDetailedText(lines.join(u'\n'));
        box.exec();
    }
}

void MainWindow::connectToServer()
{
    if (!confirmDiscard())
        return;
    ConnectDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && dialog.hasDocument())
        showNewDocument(dialog.document());
}

void MainWindow::exportDashboardImage()
{
    const QString error = exportAs(this, tr("Export dashboard as PNG"), safeFileName(m_doc.document().title) + QStringLiteral(".png"),
                                   tr("PNG images (*.png)"), [this] { return pngBytes(m_view->renderImage()); });
    if (!error.isEmpty())
        showError(tr("Cannot export"), error);
}

void MainWindow::addPanel(dashboard::PanelKind kind)
{
    dashboard::Document d = m_doc.document();
    dashboard::Panel p;
    const bool stat = kind == dashboard::PanelKind::Stat;
    std::tie(p.id, p.grid) = nextPanelSlot(d, stat ? 6 : 12, stat ? 4 : 8);
    p.kind = kind;
    p.title = (kind == dashboard::PanelKind::Stat ? tr("New stat") : tr("New time series")).toStdString();
    p.queries.push_back({"A", "", "", false});
    if (kind == dashboard::PanelKind::Timeseries)
        p.timeseries.legendCalcs = {dashboard::LegendCalc::Last, dashboard::LegendCalc::Max};
    if (m_editor && !m_editor(this, p, *this))
        return;
    d.panels.push_back(p);
    applyEdit(std::move(d));
}

void MainWindow::addPresetPanel(const presets::Panel &preset)
{
    presets::Dashboard one;
    one.server = m_doc.document().server;
    one.panels = {preset};
    dashboard::Panel p = dashboard::fromPreset(one).panels.at(0);
    dashboard::Document d = m_doc.document();
    std::tie(p.id, p.grid) = nextPanelSlot(d, p.grid.w, p.grid.h);
    d.panels.push_back(p);
    applyEdit(std::move(d));
}

void MainWindow::editPanel(int panelId)
{
    if (!m_editor)
        return;
    const dashboard::Panel *current = m_doc.document().panel(panelId);
    if (!current)
        return;
    dashboard::Panel p = *current;
    if (!m_editor(this, p, *this))
        return;
    dashboard::Document d = m_doc.document();
    for (dashboard::Panel &o : d.panels) {
        if (o.id == panelId)
            o = p;
    }
    applyEdit(std::move(d));
}

void MainWindow::removePanel(int panelId)
{
    dashboard::Document d = m_doc.document();
    const auto it = std::find_if(d.panels.begin(), d.panels.end(), [&](const dashboard::Panel &p) { return p.id == panelId; });
    if (it == d.panels.end())
        return;
    QMessageBox box(QMessageBox::Question, tr("Remove panel"),
                    tr("Remove the panel \"%1\"?").arg(QString::fromStdString(it->title)),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("removeBox"));
    if (box.exec() != QMessageBox::Yes)
        return;
    d.panels.erase(it);
    for (dashboard::DocumentRule &r : d.rules) {
        if (r.panelId == panelId)
            r.panelId.reset();
    }
    applyEdit(std::move(d));
}

void MainWindow::duplicatePanel(int panelId)
{
    dashboard::Document d = m_doc.document();
    const dashboard::Panel *src = d.panel(panelId);
    if (!src)
        return;
    dashboard::Panel p = *src;
    std::tie(p.id, p.grid) = nextPanelSlot(d, p.grid.w, p.grid.h);
    p.title += tr(" (copy)").toStdString();
    d.panels.push_back(p);
    applyEdit(std::move(d));
}

void MainWindow::exportPanelImage(int panelId)
{
    PanelWidget *w = m_view->panelWidget(panelId);
    if (!w)
        return;
    const QString error = exportAs(this, tr("Export panel as PNG"), safeFileName(w->panel().title) + QStringLiteral(".png"),
                                   tr("PNG images (*.png)"), [w] { return pngBytes(w->toImage()); });
    if (!error.isEmpty())
        showError(tr("Cannot export"), error);
}

void MainWindow::exportPanelCsv(int panelId)
{
    PanelWidget *w = m_view->panelWidget(panelId);
    if (!w)
        return;
    const QString error = exportAs(this, tr("Export panel data as CSV"), safeFileName(w->panel().title) + QStringLiteral(".csv"),
                                   tr("CSV files (*.csv)"), [w] { return view::frameToCsv(w->frame()); });
    if (!error.isEmpty())
        showError(tr("Cannot export"), error);
}

void MainWindow::copyPanelImage(int panelId)
{
    if (PanelWidget *w = m_view->panelWidget(panelId))
        QApplication::clipboard()->setImage(w->toImage());
}

} // namespace mw::ui
