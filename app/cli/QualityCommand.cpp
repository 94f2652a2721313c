// modelwatch-cli quality: precision, recall, F1, accuracy (Wilson intervals),
// ROC-AUC and PR-AUC of a labeled-prediction feed, with the join statistics.

#include "CliArgs.h"
#include "Commands.h"
#include "QualityFeedInput.h"
#include "QualityPrinter.h"
#include "QualitySetup.h"

#include "quality/QualityPipeline.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mw::cli {

namespace {

constexpr const char *kUsage =
    "Usage: modelwatch-cli quality [--window N|DURATION] [--format jsonl|csv] [--join-window D]\n"
    "                              [--positive-class C] [--classes A,B,...] [--threshold T] [--min-samples N]\n"
    "                              [--limit N] [--follow [--interval D]] [--json] FILE|-|URL\n";

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli quality: %s\n", qPrintable(message));
    std::fputs(kUsage, stderr);
    return 2;
}

bool allDigits(const QString &s)
{
    return !s.isEmpty() && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.isDigit(); });
}

/// Fills `setup` from the parsed options; an error message or empty.
QString readOptions(const QCommandLineParser &p, QualitySetup &setup)
{
    QString error;
    if (p.isSet(QStringLiteral("window"))) {
        const QString w = p.value(QStringLiteral("window"));
        if (allDigits(w)) {
            bool ok = false;
            const qulonglong n = w.toULongLong(&ok);
            if (!ok || n == 0)
                return QStringLiteral("--window needs a positive count or a duration, not '%1'").arg(w);
            setup.window.maxCount = static_cast<std::size_t>(n);
        } else if (const auto ms = parseDurationArg(w, error)) {
            setup.window.maxAgeMs = *ms;
        } else {
            return u"--window: " + error;
        }
    }
    if (p.isSet(QStringLiteral("format"))) {
        const QString f = p.value(QStringLiteral("format"));
        if (f == u"jsonl" || f == u"json")
            setup.format = quality::FeedFormat::JsonLines;
        else if (f == u"csv")
            setup.format = quality::FeedFormat::Csv;
        else
            return QStringLiteral("--format is jsonl or csv, not '%1'").arg(f);
    }
    if (p.isSet(QStringLiteral("join-window"))) {
        const auto ms = parseDurationArg(p.value(QStringLiteral("join-window")), error);
        if (!ms)
            return u"--join-window: " + error;
        setup.join.joinWindowMs = *ms;
    }
    if (p.isSet(QStringLiteral("interval"))) {
        const auto ms = parseDurationArg(p.value(QStringLiteral("interval")), error);
        if (!ms)
            return u"--interval: " + error;
        setup.interval = std::chrono::milliseconds(*ms);
    }
    if (p.isSet(QStringLiteral("positive-class")))
        setup.positive = p.value(QStringLiteral("positive-class")).toStdString();
    if (p.isSet(QStringLiteral("classes"))) {
        for (const QString &c : p.value(QStringLiteral("classes")).split(u','))
            if (!c.trimmed().isEmpty())
                setup.classes.push_back(c.trimmed().toStdString());
        if (setup.classes.size() < 2)
            return QStringLiteral("--classes needs at least two class names separated by commas");
        if (setup.positive && std::find(setup.classes.begin(), setup.classes.end(), *setup.positive) == setup.classes.end())
            return QStringLiteral("--positive-class '%1' is not one of --classes")
                .arg(QString::fromStdString(*setup.positive));
    }
    auto number = [&p](const char *name, double lo, double hi, double &out) -> bool {
        if (!p.isSet(QLatin1String(name)))
            return true;
        bool ok = false;
        const double v = p.value(QLatin1String(name)).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < lo || v > hi)
            return false;
        out = v;
        return true;
    };
    if (!number("threshold", -1e300, 1e300, setup.window.threshold))
        return QStringLiteral("--threshold needs a number");
    if (!number("min-samples", 0.0, 1e15, setup.window.metrics.minSamples))
        return QStringLiteral("--min-samples needs a number >= 0");
    double limit = setup.limit;
    if (!number("limit", 1.0, 100000.0, limit) || limit != std::floor(limit))
        return QStringLiteral("--limit needs a whole number from 1 to 100000");
    setup.limit = static_cast<int>(limit);
    setup.json = p.isSet(QStringLiteral("json"));
    setup.follow = p.isSet(QStringLiteral("follow"));
    if (setup.follow && p.positionalArguments().value(0) == u"-")
        return QStringLiteral("--follow needs a file or a URL, not standard input");
    return {};
}

int runOnce(const QualitySetup &setup)
{
    FeedInputOptions in;
    in.format = setup.format;
    in.limit = setup.limit;
    const FeedInput input = readFeedOnce(setup.feed, in);
    if (!input.error.isEmpty()) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(setup.feed), qPrintable(input.error));
        return input.exitCode;
    }
    QString error;
    const auto window = windowFor(setup, input.batch, error);
    if (!window)
        return usageError(error);
    quality::QualityPipeline pipeline(setup.join, *window);
    pipeline.ingest(input.batch);
    pipeline.finish();
    printFeedErrors(setup.feed, input.batch);
    QualityContext ctx{setup.feed, input.batch.format, setup.join.joinWindowMs, &input.batch};
    if (setup.json)
        std::fputs((qualityJson(ctx, pipeline).dump(2) + '\n').c_str(), stdout);
    else
        printQualityText(ctx, pipeline, stdout);
    if (std::fflush(stdout) != 0)
        return 2;
    const bool invalid = input.batch.rejectedLines > 0 || input.batch.aborted;
    return invalid ? 1 : 0;
}

} // namespace

int runQuality(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Model quality of a labeled-prediction feed."));
    auto opt = [](const char *name, const char *help, const char *value = nullptr) {
        return value ? QCommandLineOption(QLatin1String(name), QLatin1String(help), QLatin1String(value))
                     : QCommandLineOption(QLatin1String(name), QLatin1String(help));
    };
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    p.addOptions({opt("window", "The newest N samples, or those labeled within DURATION (default: all).", "N|DURATION"),
                  opt("format", "jsonl or csv (default: from the first byte).", "FORMAT"),
                  opt("join-window", "How long a prediction waits for its label (default 24h).", "D"),
                  opt("positive-class", "The positive class of a binary model (default 1).", "C"),
                  opt("classes", "Every class, comma separated (default: the labels in the feed).", "LIST"),
                  opt("threshold", "Score threshold when a record has no predicted label (default 0.5).", "T"),
                  opt("min-samples", "Samples a figure needs before it may drive an alert (default 30).", "N"),
                  opt("limit", "Lines per page of a feed URL (default 1000).", "N"),
                  opt("follow", "Keep reading the file or URL and print a report every interval."),
                  opt("interval", "With --follow: how often to print (default 5s).", "D"),
                  opt("json", "Print JSON."), help});
    p.addPositionalArgument(QStringLiteral("feed"), QStringLiteral("A feed file, - for standard input, or an http(s) URL."));
    if (!p.parse(QStringList{QStringLiteral("modelwatch-cli quality")} + args))
        return usageError(p.errorText());
    if (p.isSet(help)) {
        const QString text = p.helpText();
        std::fputs(kUsage, stdout);
        std::fputs(qPrintable(text.mid(text.indexOf(u'\n') + 1)), stdout);
        return 0;
    }
    if (p.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one FEED (a file, - or a URL)"));
    QualitySetup setup;
    setup.feed = p.positionalArguments().constFirst();
    if (const QString error = readOptions(p, setup); !error.isEmpty())
        return usageError(error);
    return setup.follow ? runQualityFollow(setup) : runOnce(setup);
}

} // namespace mw::cli
