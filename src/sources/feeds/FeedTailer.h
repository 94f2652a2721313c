#pragma once

// Follows a labeled-prediction feed file (JSON lines or CSV) as a logging
// sidecar writes it, like `tail -F`:
//  - appends are read from the last offset, at most maxReadBytes per poll
//    (a poll that stops at the bound says so in `more` and the running tailer
//    polls again at once);
//  - a partial last line waits in the line buffer until its newline arrives;
//  - ROTATION (the path now names another file: device or inode changed, or
//    the path is gone) first drains the old file, whose unfinished last line
//    is then complete, and then reads the new file from its start;
//  - TRUNCATION (same file, size below the offset) restarts at 0 with a new
//    stream (header, line numbers).
// Wakes on QFileSystemWatcher notifications and on a poll timer (watchers
// miss changes on network file systems and after a rename). poll() is public
// and synchronous, so tests drive every case without waiting.
// Parsed batches are values, emitted on the owning thread.

#include "FeedLineBuffer.h"

#include "quality/FeedRecord.h"

#include <QFile>
#include <QFileSystemWatcher>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <cstdint>

namespace mw::feeds {

struct FeedTailOptions
{
    QString path;
    quality::FeedFormat format = quality::FeedFormat::Auto;
    quality::FeedOptions parse;
    qint64 maxReadBytes = qint64{1} << 20;     ///< per poll
    std::chrono::milliseconds pollInterval{1000};
    /// Start at the end of a file that already exists (only new lines count).
    bool fromEnd = false;
};

/// What one poll did.
struct TailPoll
{
    quality::FeedBatch batch;
    qint64 bytesRead = 0;
    bool rotated = false;
    bool truncated = false;
    bool more = false;  ///< the read bound stopped this poll: bytes remain
    QString error;      ///< the file is missing or unreadable (the next poll tries again)
};

struct TailStats
{
    uint64_t polls = 0;
    uint64_t rotations = 0;
    uint64_t truncations = 0;
    uint64_t bytesRead = 0;
    uint64_t records = 0;
};

class FeedTailer : public QObject
{
    Q_OBJECT

public:
    explicit FeedTailer(FeedTailOptions options, QObject *parent = nullptr);
    ~FeedTailer() override;

    /// Watches the file and its directory, starts the timer and polls once.
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    /// Reads what is new now; emits batchReady() when it parsed anything.
    TailPoll poll();

    const TailStats &stats() const { return m_stats; }
    qint64 offset() const { return m_offset; }
    const FeedTailOptions &options() const { return m_options; }

Q_SIGNALS:
    void batchReady(const mw::quality::FeedBatch &batch);
    void rotated();
    void truncated();
    void readError(const QString &message);

private:
    struct FileId
    {
        quint64 device = 0;
        quint64 inode = 0;
        friend bool operator==(const FileId &, const FileId &) = default;
    };

    bool openCurrent(TailPoll &r, bool atEnd);
    void closeFile();
    qint64 openSize() const;
    void readAvailable(TailPoll &r, qint64 &budget);
    void watch();
    void wake();

    FeedTailOptions m_options;
    FeedLineBuffer m_buffer;
    QFile m_file;
    FileId m_id;
    qint64 m_offset = 0;
    bool m_firstOpen = true;
    bool m_running = false;
    bool m_inPoll = false;
    QString m_lastError;
    QFileSystemWatcher m_watcher;
    QTimer m_timer;
    TailStats m_stats;
};

} // namespace mw::feeds
