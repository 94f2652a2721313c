// gzip bodies: inflated, capped (gzip bombs), and corrupt streams refused.

#include "exposition/Gzip.h"

#include <QTest>

#include <zlib.h>

using namespace mw::expo;

namespace {

std::string gzipCompress(const std::string &in)
{
    z_stream zs{};
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, uLong(in.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    zs.avail_in = uInt(in.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

} // namespace

class TestGzip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        std::string payload;
        for (int i = 0; i < 20000; ++i)
            payload += "metric_" + std::to_string(i % 97) + "{a=\"" + std::to_string(i) + "\"} " + std::to_string(i) + "\n";
        const std::string gz = gzipCompress(payload);
        QVERIFY(looksGzipped(gz));
        QVERIFY(!looksGzipped(payload));
        std::string out, error;
        QVERIFY2(gunzip(gz, 64 << 20, out, error), error.c_str());
        QCOMPARE(out, payload);
    }
    void bombIsRefused()
    {
        const std::string zeros(50 << 20, '0'); // 50 MiB of zeros compresses to ~50 KiB
        const std::string gz = gzipCompress(zeros);
        QVERIFY(gz.size() < 200 * 1024);
        std::string out, error;
        QVERIFY(!gunzip(gz, 1 << 20, out, error));
        QVERIFY2(error.find("more than 1048576 bytes") != std::string::npos, error.c_str());
        QVERIFY(out.empty());
    }
    void exactLimitIsAccepted()
    {
        const std::string data(4096, 'x');
        std::string out, error;
        QVERIFY(gunzip(gzipCompress(data), 4096, out, error));
        QCOMPARE(out.size(), size_t(4096));
        QVERIFY(!gunzip(gzipCompress(data), 4095, out, error));
    }
    void truncatedIsRefused()
    {
        std::string gz = gzipCompress(std::string(100000, 'y') + "tail");
        gz.resize(gz.size() / 2);
        std::string out, error;
        QVERIFY(!gunzip(gz, 1 << 20, out, error));
        QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
    }
    void corruptIsRefused()
    {
        std::string gz = gzipCompress("hello world hello world");
        gz[12] = char(gz[12] ^ 0x55);
        gz[13] = char(gz[13] ^ 0x55);
        std::string out, error;
        QVERIFY(!gunzip(gz, 1 << 20, out, error));
        QVERIFY(!error.empty());
        QVERIFY(!gunzip("not gzip at all", 1 << 20, out, error));
    }
};

QTEST_GUILESS_MAIN(TestGzip)
#include "tst_gzip.moc"
