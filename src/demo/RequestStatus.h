#pragma once

#include <cstdint>
#include <string_view>

namespace mw::demo {

/// The canonical status codes the demo server reports in
/// `:tensorflow:serving:request_count{status}` (TF Serving prints the
/// absl/tensorflow canonical code name).
enum class RequestStatus : uint8_t {
    Ok,
    InvalidArgument,
    NotFound,
    Internal,
};

constexpr std::string_view statusName(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Ok: return "OK";
    case RequestStatus::InvalidArgument: return "INVALID_ARGUMENT";
    case RequestStatus::NotFound: return "NOT_FOUND";
    case RequestStatus::Internal: return "INTERNAL";
    }
    return "UNKNOWN";
}

/// The HTTP status TF Serving's REST layer maps a canonical code to.
constexpr int httpStatusFor(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Ok: return 200;
    case RequestStatus::InvalidArgument: return 400;
    case RequestStatus::NotFound: return 404;
    case RequestStatus::Internal: return 500;
    }
    return 500;
}

} // namespace mw::demo
