#include "Gzip.h"

#include <zlib.h>

#include <algorithm>

namespace mw::expo {

bool looksGzipped(std::string_view data)
{
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f
        && static_cast<unsigned char>(data[1]) == 0x8b;
}

bool gunzip(std::string_view compressed, std::size_t maxOutput, std::string &out, std::string &error)
{
    out.clear();
    z_stream zs{};
    // 15 window bits + 32: detect gzip or zlib headers automatically.
    if (inflateInit2(&zs, 15 + 32) != Z_OK) {
        error = "cannot initialise zlib";
        return false;
    }
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    zs.avail_in = static_cast<uInt>(std::min<std::size_t>(compressed.size(), UINT32_MAX));
    std::size_t inputLeft = compressed.size() - zs.avail_in;
    out.resize(std::min<std::size_t>(std::max<std::size_t>(compressed.size() * 4, 4096), maxOutput + 1));
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (zs.total_out >= out.size()) {
            if (out.size() > maxOutput)
                break;
            out.resize(std::min<std::size_t>(out.size() * 2, maxOutput + 1));
        }
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + zs.total_out);
        zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - zs.total_out, UINT32_MAX));
        if (zs.avail_in == 0 && inputLeft > 0) {
            const std::size_t consumed = compressed.size() - inputLeft;
            zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data() + consumed));
            zs.avail_in = static_cast<uInt>(std::min<std::size_t>(inputLeft, UINT32_MAX));
            inputLeft -= zs.avail_in;
        }
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END)
            break;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && inputLeft == 0) {
            inflateEnd(&zs);
            out.clear();
            error = "gzip body is truncated (the compressed stream ends early)";
            return false;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            std::string msg = zs.msg ? zs.msg : "unknown error";
            inflateEnd(&zs);
            out.clear();
            error = "gzip body is corrupt (" + msg + ")";
            return false;
        }
    }
    const std::size_t produced = zs.total_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || produced > maxOutput) {
        out.clear();
        error = "gzip body inflates to more than " + std::to_string(maxOutput) + " bytes (the size limit)";
        return false;
    }
    out.resize(produced);
    return true;
}

} // namespace mw::expo
