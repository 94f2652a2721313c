#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mw::expo {

/// True when `data` starts with the gzip magic bytes.
bool looksGzipped(std::string_view data);

/// Inflates a gzip (or zlib) stream into `out`, refusing to produce more than
/// `maxOutput` bytes (gzip bombs). On failure returns false and sets `error`
/// to a sentence a user can act on.
bool gunzip(std::string_view compressed, std::size_t maxOutput, std::string &out, std::string &error);

} // namespace mw::expo
