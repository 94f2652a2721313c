#include "Commands.h"
#include "PayloadPrinter.h"

#include "exposition/ExpositionParser.h"
#include "exposition/Gzip.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>

namespace mw::cli {

namespace {

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli parse: %s\n", qPrintable(message));
    std::fputs("Usage: modelwatch-cli parse [--format auto|prometheus|openmetrics] [--json|--quiet] FILE|-\n", stderr);
    return 2;
}

} // namespace

int runParse(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Parse a metrics exposition payload."));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("auto (default), prometheus or openmetrics."),
                                          QStringLiteral("format"), QStringLiteral("auto"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption quietOption(QStringLiteral("quiet"), QStringLiteral("Print nothing; exit status only."));
    const QCommandLineOption maxBytesOption(QStringLiteral("max-bytes"),
                                            QStringLiteral("Refuse payloads above N bytes (default 64 MiB)."),
                                            QStringLiteral("N"));
    parser.addOptions({formatOption, jsonOption, quietOption, maxBytesOption});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The payload, or - for standard input."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli parse")} + args))
        return usageError(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one FILE (or - for standard input)"));
    if (parser.isSet(jsonOption) && parser.isSet(quietOption))
        return usageError(QStringLiteral("--json and --quiet exclude each other"));

    const QString formatName = parser.value(formatOption);
    std::optional<expo::Format> format;
    if (formatName == u"prometheus")
        format = expo::Format::PrometheusText;
    else if (formatName == u"openmetrics")
        format = expo::Format::OpenMetrics;
    else if (formatName != u"auto")
        return usageError(QStringLiteral("unknown format '%1' (auto, prometheus or openmetrics)").arg(formatName));

    expo::ParseOptions options;
    if (parser.isSet(maxBytesOption)) {
        bool ok = false;
        const qulonglong n = parser.value(maxBytesOption).toULongLong(&ok);
        if (!ok || n == 0)
            return usageError(QStringLiteral("--max-bytes needs a positive number"));
        options.maxBytes = n;
    }

    const QString path = parser.positionalArguments().constFirst();
    const QString shownName = path == u"-" ? QStringLiteral("<stdin>") : path;
    QFile file;
    bool opened;
    if (path == u"-") {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        std::fprintf(stderr, "modelwatch-cli parse: cannot open %s: %s\n", qPrintable(shownName),
                     qPrintable(file.errorString()));
        return 2;
    }
    // Read at most one byte past the limit: enough to know it is too big.
    const QByteArray raw = file.read(static_cast<qint64>(options.maxBytes) + 1);
    if (file.error() != QFileDevice::NoError) {
        std::fprintf(stderr, "modelwatch-cli parse: cannot read %s: %s\n", qPrintable(shownName),
                     qPrintable(file.errorString()));
        return 2;
    }
    std::string_view payload(raw.constData(), static_cast<size_t>(raw.size()));
    std::string inflated;
    if (expo::looksGzipped(payload)) {
        std::string error;
        if (!expo::gunzip(payload, options.maxBytes, inflated, error)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(shownName), error.c_str());
            return 1;
        }
        payload = inflated;
    }

    const expo::Format chosen = format.value_or(expo::guessFormat(payload));
    const expo::ParseResult result = expo::parse(payload, chosen, options);
    if (!result.ok()) {
        std::fprintf(stderr, "%s:%s\n", qPrintable(shownName), result.error->toString().c_str());
        return 1;
    }
    if (parser.isSet(jsonOption))
        printPayloadJson(result, stdout);
    else if (!parser.isSet(quietOption))
        printPayloadText(result, stdout);
    return std::fflush(stdout) == 0 ? 0 : 2;
}

} // namespace mw::cli
