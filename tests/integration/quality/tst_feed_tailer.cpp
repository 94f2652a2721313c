// The feed file tailer (src/sources/feeds/FeedTailer.h) and its line buffer,
// driven by direct poll() calls on real files in a temporary directory:
// appends, partial lines, rotation, truncation, bounded reads, CSV headers.

#include "feeds/FeedLineBuffer.h"
#include "feeds/FeedTailer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using mw::feeds::FeedLineBuffer;
using mw::feeds::FeedTailer;
using mw::feeds::FeedTailOptions;
using mw::feeds::TailPoll;
using mw::quality::FeedBatch;
using mw::quality::FeedFormat;

namespace {

void write(const QString &path, const QByteArray &bytes, bool append = true)
{
    QFile f(path);
    QVERIFY(f.open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray jsonLine(int i, const char *predicted = "1")
{
    return QByteArray(R"({"id":"r)") + QByteArray::number(i) + R"(","time":)" + QByteArray::number(1700000000 + i)
        + R"(,"score":0.75,"predicted":")" + predicted + "\"}\n";
}

std::vector<std::string> ids(const FeedBatch &b)
{
    std::vector<std::string> out;
    for (const auto &r : b.records)
        out.push_back(r.id);
    return out;
}

} // namespace

class TestFeedTailer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void lineBufferKeepsPartialLine();
    void lineBufferCsvHeaderAcrossPieces();
    void lineBufferSkipsOverlongLine();
    void appendsAreReadOnce();
    void partialLineWaitsForNewline();
    void rotationDrainsOldFileThenReadsNew();
    void truncationRestartsFromZero();
    void readIsBoundedPerPoll();
    void missingFileIsReportedThenFollowed();
    void fromEndSkipsExistingLines();
    void runningTailerFollowsAppends();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("feed.jsonl")); }
    FeedTailOptions options() const
    {
        FeedTailOptions o;
        o.path = path();
        return o;
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFeedTailer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestFeedTailer::lineBufferKeepsPartialLine()
{
    FeedLineBuffer buffer;
    const QByteArray line = jsonLine(1);
    FeedBatch b = buffer.append(std::string_view(line.constData(), 10));
    QVERIFY(b.records.empty());
    QCOMPARE(buffer.pendingBytes(), std::size_t(10));
    b = buffer.append(std::string_view(line.constData() + 10, std::size_t(line.size() - 10)));
    QCOMPARE(ids(b), std::vector<std::string>{"r1"});
    QCOMPARE(buffer.pendingBytes(), std::size_t(0));
    QCOMPARE(buffer.lines(), 1u);
    // A last line without its newline is complete only when the stream ends.
    const QByteArray tail = jsonLine(2).chopped(1);
    QVERIFY(buffer.append(std::string_view(tail.constData(), std::size_t(tail.size()))).records.empty());
    b = buffer.finish();
    QCOMPARE(ids(b), std::vector<std::string>{"r2"});
    QCOMPARE(b.records[0].line, 2u);
}

void TestFeedTailer::lineBufferCsvHeaderAcrossPieces()
{
    FeedLineBuffer buffer;
    FeedBatch b = buffer.append("\xEF\xBB\xBFid,time,score,predicted,actual\r\nc1,1700000000,0.2,0,\r\nc2,17000");
    QCOMPARE(b.format, FeedFormat::Csv);
    QCOMPARE(ids(b), std::vector<std::string>{"c1"});
    QCOMPARE(buffer.csvHeader(), std::string("id,time,score,predicted,actual"));
    b = buffer.append("00001,0.9,1,\nc3,1700000002,,,1\n");
    QVERIFY2(b.errors.empty(), b.errors.empty() ? "" : b.errors[0].toString().c_str());
    QCOMPARE(ids(b), (std::vector<std::string>{"c2", "c3"}));
    QCOMPARE(b.records[0].line, 3u);
    QCOMPARE(b.records[1].actual, std::string("1"));
    QCOMPARE(b.records[0].score, 0.9);
}

void TestFeedTailer::lineBufferSkipsOverlongLine()
{
    mw::quality::FeedOptions o;
    o.maxLineBytes = 64;
    FeedLineBuffer buffer(FeedFormat::JsonLines, o);
    const std::string longPiece(100, 'x');
    QVERIFY(buffer.append(longPiece).records.empty());
    QCOMPARE(buffer.pendingBytes(), std::size_t(0)); // never kept
    const QByteArray next = "yyyy\n" + jsonLine(7);
    const FeedBatch b = buffer.append(std::string_view(next.constData(), std::size_t(next.size())));
    QCOMPARE(b.rejectedLines, std::size_t(1));
    QCOMPARE(b.errors.size(), std::size_t(1));
    QCOMPARE(b.errors[0].line, 1u);
    QCOMPARE(ids(b), std::vector<std::string>{"r7"});
    QCOMPARE(b.records[0].line, 2u);
}

void TestFeedTailer::appendsAreReadOnce()
{
    write(path(), jsonLine(1) + jsonLine(2));
    FeedTailer tailer(options());
    QSignalSpy spy(&tailer, &FeedTailer::batchReady);
    TailPoll r = tailer.poll();
    QVERIFY(r.error.isEmpty());
    QCOMPARE(ids(r.batch), (std::vector<std::string>{"r1", "r2"}));
    QCOMPARE(spy.count(), 1);
    r = tailer.poll();
    QVERIFY(r.batch.records.empty());
    QCOMPARE(r.bytesRead, qint64(0));
    QCOMPARE(spy.count(), 1); // nothing new: no signal
    write(path(), jsonLine(3));
    r = tailer.poll();
    QCOMPARE(ids(r.batch), std::vector<std::string>{"r3"});
    QCOMPARE(r.batch.records[0].line, 3u);
    QCOMPARE(tailer.offset(), qint64(QFileInfo(path()).size()));
}

void TestFeedTailer::partialLineWaitsForNewline()
{
    const QByteArray line = jsonLine(1);
    write(path(), line.left(20));
    FeedTailer tailer(options());
    QVERIFY(tailer.poll().batch.records.empty());
    write(path(), line.mid(20, 10));
    QVERIFY(tailer.poll().batch.records.empty());
    write(path(), line.mid(30) + jsonLine(2).left(5));
    const TailPoll r = tailer.poll();
    QCOMPARE(ids(r.batch), std::vector<std::string>{"r1"});
    QVERIFY(r.batch.errors.empty());
}

void TestFeedTailer::rotationDrainsOldFileThenReadsNew()
{
    write(path(), jsonLine(1));
    FeedTailer tailer(options());
    QSignalSpy rotated(&tailer, &FeedTailer::rotated);
    QCOMPARE(ids(tailer.poll().batch), std::vector<std::string>{"r1"});
    // The writer appends a last (unfinished) line, then the file is rotated.
    write(path(), jsonLine(2) + jsonLine(3).chopped(1));
    const QString old = m_dir->filePath(QStringLiteral("feed.jsonl.1"));
    QVERIFY(QFile::rename(path(), old));
    // Renamed but no new file yet: the old one is still read.
    TailPoll r = tailer.poll();
    QCOMPARE(ids(r.batch), std::vector<std::string>{"r2"});
    QVERIFY(!r.rotated);
    write(path(), jsonLine(10) + jsonLine(11));
    r = tailer.poll();
    QVERIFY(r.rotated);
    QCOMPARE(rotated.count(), 1);
    QCOMPARE(ids(r.batch), (std::vector<std::string>{"r3", "r10", "r11"}));
    QCOMPARE(r.batch.records[1].line, 1u); // the new file's own line numbers
    QCOMPARE(tailer.stats().rotations, uint64_t(1));
    write(path(), jsonLine(12));
    QCOMPARE(ids(tailer.poll().batch), std::vector<std::string>{"r12"});
}

void TestFeedTailer::truncationRestartsFromZero()
{
    write(path(), jsonLine(1) + jsonLine(2) + jsonLine(3));
    FeedTailer tailer(options());
    QSignalSpy truncated(&tailer, &FeedTailer::truncated);
    QCOMPARE(tailer.poll().batch.records.size(), std::size_t(3));
    write(path(), jsonLine(20), false); // copytruncate: same file, shorter
    const TailPoll r = tailer.poll();
    QVERIFY(r.truncated);
    QVERIFY(!r.rotated);
    QCOMPARE(truncated.count(), 1);
    QCOMPARE(ids(r.batch), std::vector<std::string>{"r20"});
    QCOMPARE(r.batch.records[0].line, 1u);
    QCOMPARE(tailer.stats().truncations, uint64_t(1));
}

void TestFeedTailer::readIsBoundedPerPoll()
{
    QByteArray all;
    for (int i = 0; i < 50; ++i)
        all += jsonLine(i);
    write(path(), all);
    FeedTailOptions o = options();
    o.maxReadBytes = 700;
    FeedTailer tailer(o);
    std::size_t records = 0;
    int polls = 0;
    for (TailPoll r = tailer.poll();; r = tailer.poll()) {
        QVERIFY(r.bytesRead <= 700);
        records += r.batch.records.size();
        ++polls;
        if (!r.more)
            break;
        QVERIFY(polls < 100);
    }
    QCOMPARE(records, std::size_t(50));
    QVERIFY(polls >= int(all.size() / 700));
}

void TestFeedTailer::missingFileIsReportedThenFollowed()
{
    FeedTailer tailer(options());
    QSignalSpy errors(&tailer, &FeedTailer::readError);
    TailPoll r = tailer.poll();
    QVERIFY(!r.error.isEmpty());
    QVERIFY2(r.error.contains(QStringLiteral("cannot open")), qPrintable(r.error));
    QCOMPARE(errors.count(), 1);
    write(path(), jsonLine(1));
    r = tailer.poll();
    QVERIFY(r.error.isEmpty());
    QCOMPARE(ids(r.batch), std::vector<std::string>{"r1"});
}

void TestFeedTailer::fromEndSkipsExistingLines()
{
    write(path(), jsonLine(1) + jsonLine(2));
    FeedTailOptions o = options();
    o.fromEnd = true;
    FeedTailer tailer(o);
    QVERIFY(tailer.poll().batch.records.empty());
    write(path(), jsonLine(3));
    QCOMPARE(ids(tailer.poll().batch), std::vector<std::string>{"r3"});
}

void TestFeedTailer::runningTailerFollowsAppends()
{
    write(path(), jsonLine(1));
    FeedTailOptions o = options();
    o.pollInterval = std::chrono::milliseconds(50);
    FeedTailer tailer(o);
    QSignalSpy spy(&tailer, &FeedTailer::batchReady);
    tailer.start();
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
    write(path(), jsonLine(2));
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 5000);
    QCOMPARE(ids(spy.at(1).at(0).value<FeedBatch>()), std::vector<std::string>{"r2"});
    tailer.stop();
    QVERIFY(!tailer.isRunning());
}

QTEST_GUILESS_MAIN(TestFeedTailer)
#include "tst_feed_tailer.moc"
