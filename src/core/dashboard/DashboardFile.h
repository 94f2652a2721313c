#pragma once

#include "Document.h"
#include "DocumentJson.h"
#include "Limits.h"

#include <QString>

#include <optional>
#include <string>

namespace mw::dashboard {

/// Reading and writing dashboard files. Loading never half-loads: the text
/// is read whole, parsed, migrated and checked into a fresh Document that is
/// returned only when complete. Saving writes documentToText() through
/// QSaveFile (write, flush, fsync, rename), so the file on disk is either the
/// old one or the whole new one, never a mix.
class DashboardFile
{
public:
    struct LoadResult
    {
        ReadResult read;   ///< document, or error (JSON pointer or LINE:COLUMN), and warnings
        bool ioError = false; ///< the file could not be read at all (error.message says why)

        bool ok() const { return read.document.has_value(); }
    };

    /// Reads a file (at most limits.maxBytes; a larger one is refused before reading).
    static LoadResult load(const QString &path, const Limits &limits = {});
    /// Parses text as a file holds it.
    static ReadResult parse(std::string_view text, const Limits &limits = {});
    /// Writes atomically; returns the error ("cannot write ...: reason") or nullopt.
    static std::optional<std::string> save(const QString &path, const Document &document);
    /// Writes `text` atomically (also used for other JSON files of the app).
    static std::optional<std::string> saveText(const QString &path, const std::string &text);
};

} // namespace mw::dashboard
