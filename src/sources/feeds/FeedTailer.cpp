#include "FeedTailer.h"

#include "FeedLogging.h"

#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

#include <algorithm>

namespace mw::feeds {

namespace {

constexpr std::chrono::milliseconds kMinInterval{10};

} // namespace

FeedTailer::FeedTailer(FeedTailOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_buffer(m_options.format, m_options.parse)
{
    if (m_options.maxReadBytes <= 0)
        m_options.maxReadBytes = 1;
    m_timer.setInterval(std::max(kMinInterval, m_options.pollInterval));
    connect(&m_timer, &QTimer::timeout, this, &FeedTailer::wake);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FeedTailer::wake);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FeedTailer::wake);
}

FeedTailer::~FeedTailer() = default;

void FeedTailer::start()
{
    m_running = true;
    const QString dir = QFileInfo(m_options.path).absolutePath();
    if (QFileInfo::exists(dir) && !m_watcher.directories().contains(dir))
        m_watcher.addPath(dir);
    watch();
    m_timer.start();
    wake();
}

void FeedTailer::stop()
{
    m_running = false;
    m_timer.stop();
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
}

void FeedTailer::watch()
{
    // A watched file that is renamed or removed stops being watched: add the
    // path again once it exists again.
    if (m_running && QFileInfo::exists(m_options.path) && !m_watcher.files().contains(m_options.path))
        m_watcher.addPath(m_options.path);
}

void FeedTailer::wake()
{
    if (!m_running || m_inPoll)
        return;
    const TailPoll r = poll();
    watch();
    if (r.more) // bounded read: the rest on the next turn of the event loop
        QTimer::singleShot(0, this, &FeedTailer::wake);
}

void FeedTailer::closeFile()
{
    m_file.close();
    m_offset = 0;
}

bool FeedTailer::openCurrent(TailPoll &r, bool atEnd)
{
    m_file.setFileName(m_options.path);
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        r.error = QStringLiteral("%1: cannot open: %2").arg(m_options.path, m_file.errorString());
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(m_file.handle(), &st) != 0) {
        r.error = QStringLiteral("%1: cannot stat the open file").arg(m_options.path);
        m_file.close();
        return false;
    }
    m_id = {static_cast<quint64>(st.st_dev), static_cast<quint64>(st.st_ino)};
    m_offset = atEnd ? static_cast<qint64>(st.st_size) : 0;
    m_buffer.reset();
    qCDebug(lcFeeds) << "following" << m_options.path << "from offset" << m_offset;
    return true;
}

qint64 FeedTailer::openSize() const
{
    struct stat st
    {
    };
    if (!m_file.isOpen() || ::fstat(m_file.handle(), &st) != 0)
        return -1;
    return static_cast<qint64>(st.st_size);
}

void FeedTailer::readAvailable(TailPoll &r, qint64 &budget)
{
    const qint64 size = openSize();
    if (size < 0 || size <= m_offset || budget <= 0)
        return;
    const qint64 want = std::min(size - m_offset, budget);
    if (!m_file.seek(m_offset)) {
        r.error = QStringLiteral("%1: cannot seek to %2").arg(m_options.path).arg(m_offset);
        return;
    }
    const QByteArray bytes = m_file.read(want);
    if (bytes.isEmpty())
        return;
    m_offset += bytes.size();
    budget -= bytes.size();
    r.bytesRead += bytes.size();
    appendBatch(r.batch, m_buffer.append(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()))));
}

TailPoll FeedTailer::poll()
{
    TailPoll r;
    m_inPoll = true;
    ++m_stats.polls;
    qint64 budget = m_options.maxReadBytes;
    bool ready = m_file.isOpen();
    if (!ready) {
        // fromEnd skips what a file held when the tailer started, not a file created later.
        ready = openCurrent(r, m_firstOpen && m_options.fromEnd);
        m_firstOpen = false;
    }
    if (ready) {
        struct stat st
        {
        };
        const bool pathExists = ::stat(QFile::encodeName(m_options.path).constData(), &st) == 0;
        const bool replaced = !pathExists
            || FileId{static_cast<quint64>(st.st_dev), static_cast<quint64>(st.st_ino)} != m_id;
        if (!replaced && openSize() >= 0 && openSize() < m_offset) {
            qCInfo(lcFeeds) << m_options.path << "truncated: reading again from the start";
            m_offset = 0;
            m_buffer.reset();
            r.truncated = true;
            ++m_stats.truncations;
        }
        readAvailable(r, budget);
        if (replaced && pathExists && m_offset >= openSize()) {
            // The old file is drained: its unfinished last line is final.
            appendBatch(r.batch, m_buffer.finish());
            qCInfo(lcFeeds) << m_options.path << "rotated: following the new file";
            closeFile();
            r.rotated = true;
            ++m_stats.rotations;
            if (openCurrent(r, false))
                readAvailable(r, budget);
        }
        r.more = m_file.isOpen() && openSize() > m_offset;
    }
    m_stats.bytesRead += static_cast<uint64_t>(r.bytesRead);
    m_stats.records += r.batch.records.size();
    m_inPoll = false;
    if (!r.error.isEmpty() && r.error != m_lastError)
        qCWarning(lcFeeds).noquote() << r.error;
    m_lastError = r.error;
    if (r.truncated)
        Q_EMIT truncated();
    if (r.rotated)
        Q_EMIT rotated();
    if (!r.error.isEmpty())
        Q_EMIT readError(r.error);
    if (!r.batch.records.empty() || r.batch.errorCount() > 0)
        Q_EMIT batchReady(r.batch);
    return r;
}

} // namespace mw::feeds
