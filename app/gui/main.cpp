// modelwatch: the desktop application. The dashboard window and the embedded
// demo model server are the next pieces of work (the data-source and dashboard
// issues); until they land this executable says so plainly instead of
// pretending, and points at what works today.

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("modelwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MODELWATCH_VERSION));
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.contains(QStringLiteral("--version"))) {
        std::printf("modelwatch %s\n", MODELWATCH_VERSION);
        return 0;
    }
    std::fputs("ModelWatch " MODELWATCH_VERSION "\n"
               "\n"
               "The desktop dashboard and its embedded demo model server (modelwatch --demo)\n"
               "are not built yet: they are the next milestones. This build contains the\n"
               "metrics engine (exposition parser, series store, rate and quantile maths)\n"
               "and its command-line front door. Try:\n"
               "\n"
               "  modelwatch-cli parse tests/data/samples/04_vllm_v1_metrics.txt\n"
               "  modelwatch-cli scrape http://127.0.0.1:8000/metrics\n",
               stdout);
    return 0;
}
