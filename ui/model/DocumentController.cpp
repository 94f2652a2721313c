#include "DocumentController.h"

#include "dashboard/DashboardFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace mw::view {
namespace {

const QString kRecentKey = QStringLiteral("recentFiles");
constexpr int kMaxRecent = 10;

} // namespace

DocumentController::DocumentController(QObject *parent) : QObject(parent) {}

QString DocumentController::displayName() const
{
    QString name;
    if (!m_example.isEmpty() && m_path.isEmpty())
        name = tr("%1 (example)").arg(QString::fromStdString(m_doc.title));
    else if (!m_path.isEmpty())
        name = QFileInfo(m_path).fileName();
    else
        name = m_doc.title.empty() ? tr("Untitled") : QString::fromStdString(m_doc.title);
    return name + QStringLiteral("[*]");
}

void DocumentController::newDocument(dashboard::Document document)
{
    m_doc = std::move(document);
    m_path.clear();
    m_example.clear();
    setModified(false);
    Q_EMIT pathChanged();
    Q_EMIT documentReplaced();
}

bool DocumentController::load(const QString &path, QString *error, dashboard::Document &out)
{
    const dashboard::DashboardFile::LoadResult r = dashboard::DashboardFile::load(path);
    if (!r.ok()) {
        if (error) {
            const dashboard::Issue issue = r.read.error.value_or(dashboard::Issue{"", "unreadable", 0, 0});
            *error = QString::fromStdString(r.ioError ? issue.toString()
                                                      : dashboard::locatedIn(QFileInfo(path).fileName().toStdString(), issue));
        }
        return false;
    }
    out = *r.read.document;
    return true;
}

bool DocumentController::open(const QString &path, QString *error)
{
    dashboard::Document doc;
    if (!load(path, error, doc))
        return false;
    m_doc = std::move(doc);
    m_path = QFileInfo(path).absoluteFilePath();
    m_example.clear();
    setModified(false);
    addRecent(m_path);
    Q_EMIT pathChanged();
    Q_EMIT documentReplaced();
    return true;
}

bool DocumentController::openExample(const QString &name, QString *error)
{
    if (!exampleNames().contains(name)) {
        if (error)
            *error = tr("There is no example dashboard named '%1'.").arg(name);
        return false;
    }
    const QString override = exampleOverridePath(name);
    const bool own = QFileInfo::exists(override);
    dashboard::Document doc;
    if (!load(own ? override : exampleResource(name), error, doc))
        return false;
    m_doc = std::move(doc);
    m_path = own ? override : QString();
    m_example = name;
    setModified(false);
    Q_EMIT pathChanged();
    Q_EMIT documentReplaced();
    return true;
}

bool DocumentController::save(QString *error)
{
    QString target = m_path;
    if (target.isEmpty() && !m_example.isEmpty()) {
        target = exampleOverridePath(m_example);
        QDir().mkpath(QFileInfo(target).absolutePath());
    }
    if (target.isEmpty()) {
        if (error)
            *error = tr("This dashboard has no file yet: use Save As.");
        return false;
    }
    if (const std::optional<std::string> e = dashboard::DashboardFile::save(target, m_doc)) {
        if (error)
            *error = QString::fromStdString(*e);
        return false;
    }
    const bool pathChange = target != m_path;
    m_path = target;
    setModified(false);
    if (pathChange)
        Q_EMIT pathChanged();
    return true;
}

bool DocumentController::saveAs(const QString &path, QString *error)
{
    if (const std::optional<std::string> e = dashboard::DashboardFile::save(path, m_doc)) {
        if (error)
            *error = QString::fromStdString(*e);
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    m_example.clear();
    setModified(false);
    addRecent(m_path);
    Q_EMIT pathChanged();
    return true;
}

void DocumentController::edit(dashboard::Document document)
{
    if (document == m_doc)
        return;
    m_doc = std::move(document);
    setModified(true);
    Q_EMIT documentEdited();
}

void DocumentController::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

QStringList DocumentController::recentFiles() const
{
    QStringList out;
    for (const QString &p : QSettings().value(kRecentKey).toStringList()) {
        if (QFileInfo::exists(p))
            out << p;
    }
    return out;
}

void DocumentController::clearRecentFiles()
{
    QSettings().remove(kRecentKey);
    Q_EMIT recentFilesChanged();
}

void DocumentController::addRecent(const QString &path)
{
    QSettings settings;
    QStringList list = settings.value(kRecentKey).toStringList();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    settings.setValue(kRecentKey, list);
    Q_EMIT recentFilesChanged();
}

QStringList DocumentController::exampleNames()
{
    return QDir(QStringLiteral(":/dashboards")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name).replaceInStrings(QStringLiteral(".json"), QString());
}

QString DocumentController::exampleOverridePath(const QString &name)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/dashboards/") + name +
           QStringLiteral(".json");
}

QString DocumentController::exampleResource(const QString &name)
{
    return QStringLiteral(":/dashboards/") + name + QStringLiteral(".json");
}

} // namespace mw::view
