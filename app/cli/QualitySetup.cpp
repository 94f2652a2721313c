#include "QualitySetup.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace mw::cli {

namespace {

std::optional<long long> integer(const std::string &s)
{
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

void sortClasses(std::vector<std::string> &names)
{
    const bool numeric = std::all_of(names.begin(), names.end(), [](const std::string &s) { return integer(s).has_value(); });
    if (numeric)
        std::sort(names.begin(), names.end(),
                  [](const std::string &a, const std::string &b) { return *integer(a) < *integer(b); });
    else
        std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
}

} // namespace

std::optional<quality::WindowOptions> windowFor(const QualitySetup &setup, const quality::FeedBatch &batch,
                                                QString &error)
{
    quality::WindowOptions w = setup.window;
    std::vector<std::string> names = setup.classes;
    if (names.empty()) {
        for (const quality::FeedRecord &r : batch.records) {
            if (r.hasPredicted)
                names.push_back(r.predicted);
            if (r.hasActual)
                names.push_back(r.actual);
        }
        if (setup.positive)
            names.push_back(*setup.positive);
        sortClasses(names);
        if (names.size() < 2) {
            names.insert(names.end(), {"0", "1"});
            sortClasses(names);
        }
    }
    w.classes = names;
    if (setup.positive) {
        const auto it = std::find(names.begin(), names.end(), *setup.positive);
        if (it == names.end()) {
            error = QStringLiteral("--positive-class '%1' is not one of --classes").arg(QString::fromStdString(*setup.positive));
            return std::nullopt;
        }
        w.positiveClass = static_cast<std::size_t>(it - names.begin());
    } else {
        const auto it = std::find(names.begin(), names.end(), "1");
        w.positiveClass = it != names.end() ? static_cast<std::size_t>(it - names.begin()) : names.size() - 1;
    }
    return w;
}

void printFeedErrors(const QString &feed, const quality::FeedBatch &batch)
{
    const QByteArray name = feed == u"-" ? QByteArray("-") : feed.toLocal8Bit();
    for (const quality::FeedError &e : batch.errors)
        std::fprintf(stderr, "%s:%s\n", name.constData(), e.toString().c_str());
    if (batch.droppedErrors > 0)
        std::fprintf(stderr, "%s: %zu more rejected lines\n", name.constData(), batch.droppedErrors);
}

} // namespace mw::cli
