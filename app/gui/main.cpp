// modelwatch: the desktop application.
//   modelwatch [DASHBOARD.json]   open a dashboard file
//   modelwatch --demo             start the demo model server in-process and open its dashboard

#include "AppAlerts.h"
#include "DemoBackends.h"
#include "DemoMenu.h"
#include "MainWindow.h"
#include "PanelEditing.h"
#include "VariableEditing.h"
#include "demo/DemoServer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

constexpr const char *kAppId = "org.modelwatch.ModelWatch";

} // namespace

int main(int argc, char **argv)
{
    // Answer --version without a display (QApplication needs one).
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("modelwatch %s\n", MODELWATCH_VERSION);
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("modelwatch"));
    QApplication::setApplicationDisplayName(QStringLiteral("ModelWatch"));
    QApplication::setOrganizationName(QStringLiteral("ModelWatch"));
    QApplication::setApplicationVersion(QStringLiteral(MODELWATCH_VERSION));
    QGuiApplication::setDesktopFileName(QString::fromLatin1(kAppId));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.modelwatch.ModelWatch.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Dashboards and KPI alerts for AI model servers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QApplication::translate("main", "Start the demo model server in this process and open its dashboard."));
    parser.addOption(demoOption);
    parser.addPositionalArgument(QStringLiteral("dashboard"), QApplication::translate("main", "A dashboard file to open."),
                                 QStringLiteral("[DASHBOARD.json]"));
    parser.process(app);

    std::unique_ptr<mw::demo::DemoServer> demo;
    if (parser.isSet(demoOption)) {
        mw::demo::DemoServer::Options options;
        options.port = 0; // a free port: never collide with a real TF Serving on 8501
        demo = std::make_unique<mw::demo::DemoServer>(options);
        QString error;
        if (!demo->start(&error)) {
            std::fprintf(stderr, "modelwatch: the demo model server did not start: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("modelwatch: demo model server at %s\n", qPrintable(demo->url().toString()));
        std::fflush(stdout);
    }

    mw::ui::MainWindow window(mw::app::backendMaker(demo.get()));
    window.setPanelEditor(mw::app::panelEditor());
    mw::app::addVariableEditing(window);
    mw::app::AppAlerts alerts(window);
    if (demo)
        window.addExtraMenu(new mw::app::DemoMenu(*demo, &window));

    const QStringList files = parser.positionalArguments();
    bool opened = false;
    if (!files.isEmpty())
        opened = window.openFile(files.front());
    else if (demo)
        opened = window.openExample(QString::fromLatin1(mw::app::kDemoExample));
    if (!opened)
        window.newDashboard();
    window.show();
    std::printf("modelwatch: showing \"%s\"\n", window.documentController()->document().title.c_str());
    std::fflush(stdout);
    return QApplication::exec();
}
