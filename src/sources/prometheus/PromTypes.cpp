#include "PromTypes.h"

namespace mw {

const char *promErrorKindName(PromErrorKind kind)
{
    switch (kind) {
    case PromErrorKind::None: return "none";
    case PromErrorKind::InvalidRequest: return "invalid-request";
    case PromErrorKind::Configuration: return "configuration";
    case PromErrorKind::HostNotFound: return "host-not-found";
    case PromErrorKind::ConnectionRefused: return "connection-refused";
    case PromErrorKind::Tls: return "tls";
    case PromErrorKind::Authentication: return "authentication";
    case PromErrorKind::NotFound: return "not-found";
    case PromErrorKind::HttpStatus: return "http-status";
    case PromErrorKind::ServerError: return "server-error";
    case PromErrorKind::Timeout: return "timeout";
    case PromErrorKind::TruncatedBody: return "truncated-body";
    case PromErrorKind::NotJson: return "not-json";
    case PromErrorKind::ContentType: return "content-type";
    case PromErrorKind::BodyTooLarge: return "body-too-large";
    case PromErrorKind::BadResponse: return "bad-response";
    case PromErrorKind::Api: return "api";
    case PromErrorKind::Canceled: return "canceled";
    case PromErrorKind::Network: return "network";
    }
    return "unknown";
}

} // namespace mw
