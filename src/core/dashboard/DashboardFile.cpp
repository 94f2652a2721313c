#include "DashboardFile.h"

#include "JsonText.h"

#include <QFile>
#include <QSaveFile>

#include <nlohmann/json.hpp>

namespace mw::dashboard {

namespace {

std::string failure(const char *what, const QString &path, const QString &why)
{
    return std::string(what) + ' ' + path.toStdString() + ": " + why.toStdString();
}

} // namespace

ReadResult DashboardFile::parse(std::string_view text, const Limits &limits)
{
    nlohmann::json json;
    if (std::optional<Issue> syntax = parseJsonText(text, limits, json)) {
        ReadResult r;
        r.error = std::move(*syntax);
        return r;
    }
    return documentFromJson(json, limits);
}

DashboardFile::LoadResult DashboardFile::load(const QString &path, const Limits &limits)
{
    LoadResult result;
    auto ioFailure = [&](const QString &why) {
        result.ioError = true;
        result.read.error = Issue{{}, failure("cannot read", path, why), 0, 0};
        return result;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ioFailure(file.errorString());
    if (file.size() > qint64(limits.maxBytes)) {
        result.read.error = Issue{{}, "file too large (" + std::to_string(file.size()) + " bytes, at most "
                                          + std::to_string(limits.maxBytes) + ")", 0, 0};
        return result;
    }
    // One byte more than the cap: a file that grew since size() is still refused.
    const QByteArray bytes = file.read(qint64(limits.maxBytes) + 1);
    if (file.error() != QFileDevice::NoError)
        return ioFailure(file.errorString());
    result.read = parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), limits);
    return result;
}

std::optional<std::string> DashboardFile::saveText(const QString &path, const std::string &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure("cannot write", path, file.errorString());
    const qint64 size = qint64(text.size());
    if (file.write(text.data(), size) != size || !file.flush()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return failure("cannot write", path, why);
    }
    // commit() fsyncs the temporary file, then renames it over `path`.
    if (!file.commit())
        return failure("cannot write", path, file.errorString());
    return std::nullopt;
}

std::optional<std::string> DashboardFile::save(const QString &path, const Document &document)
{
    return saveText(path, documentToText(document));
}

} // namespace mw::dashboard
