#include "PanelEditing.h"

#include "PanelEditorDialog.h"

namespace mw::app {

ui::MainWindow::PanelEditor panelEditor()
{
    return [](QWidget *parent, dashboard::Panel &panel, ui::MainWindow &window) -> bool {
        view::DashboardSession *session = window.session();
        const dashboard::Document &doc = session->document();
        QStringList names;
        for (const dashboard::Source &s : doc.sources)
            names << QString::fromStdString(s.name);
        const std::optional<view::ResolvedRange> range = session->resolvedRange();
        const int64_t now = session->nowMs();
        editor::PanelEditorDialog dialog(
            panel, names, names.value(0),
            [session](const QString &name) { return session->backend(name.toStdString()); },
            range ? range->fromMs : now - 3'600'000, range ? range->toMs : now, parent);
        dialog.setVariables(session->variables()->variables());
        dialog.setSources(doc.sources); // their kinds, for the quality panels' check
        dialog.setObjectName(QStringLiteral("panelEditor"));
        QObject::connect(&dialog, &editor::PanelEditorDialog::applied, &window, [&window, id = panel.id](const dashboard::Panel &p) {
            dashboard::Document d = window.documentController()->document();
            for (dashboard::Panel &o : d.panels) {
                if (o.id == id)
                    o = p;
            }
            window.applyEdit(std::move(d));
        });
        if (dialog.exec() != QDialog::Accepted)
            return false;
        panel = dialog.panel();
        return true;
    };
}

} // namespace mw::app
