#pragma once

// The open dashboard as a document: where it came from, whether it has
// unsaved changes, and opening and saving it (atomically, through
// DashboardFile). Shipped examples are read-only resources; saving one
// writes the user's copy, which from then on is what the example opens.
// No widgets: the window asks the questions, this says what is true.

#include "dashboard/Document.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace mw::view {

class DocumentController : public QObject
{
    Q_OBJECT
public:
    explicit DocumentController(QObject *parent = nullptr);

    const dashboard::Document &document() const { return m_doc; }
    /// The file it is saved to ("" for a new document; an example's user copy path).
    QString path() const { return m_path; }
    /// The shipped example it is ("" if none).
    QString exampleName() const { return m_example; }
    bool isModified() const { return m_modified; }
    /// The window title part: file name or title, with [*] for the modified mark.
    QString displayName() const;

    /// A new document (not modified, no path).
    void newDocument(dashboard::Document document);
    /// Opens a file; false with `error` (naming the place in the file) and
    /// the current document untouched when it cannot.
    bool open(const QString &path, QString *error);
    /// Opens a shipped example, or the user's copy of it when there is one.
    bool openExample(const QString &name, QString *error);
    /// Saves to path(); false with `error` when there is no path or it fails.
    bool save(QString *error);
    bool saveAs(const QString &path, QString *error);
    /// An edit: the new document, modified.
    void edit(dashboard::Document document);

    /// Recently opened files, newest first (at most 10; missing files dropped).
    QStringList recentFiles() const;
    void clearRecentFiles();

    /// Names of the shipped examples ("tfserving-demo", "vllm").
    static QStringList exampleNames();
    /// Where the user's copy of an example lives.
    static QString exampleOverridePath(const QString &name);
    /// The resource path of an example.
    static QString exampleResource(const QString &name);

Q_SIGNALS:
    void documentReplaced();      ///< another document (open, new)
    void documentEdited();        ///< the same document changed
    void modifiedChanged(bool modified);
    void pathChanged();
    void recentFilesChanged();

private:
    bool load(const QString &path, QString *error, dashboard::Document &out);
    void setModified(bool modified);
    void addRecent(const QString &path);

    dashboard::Document m_doc;
    QString m_path;
    QString m_example;
    bool m_modified = false;
};

} // namespace mw::view
