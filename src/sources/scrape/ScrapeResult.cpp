#include "ScrapeResult.h"

namespace mw {

const char *scrapeErrorName(ScrapeError error)
{
    switch (error) {
    case ScrapeError::None: return "none";
    case ScrapeError::InvalidUrl: return "invalid-url";
    case ScrapeError::HostNotFound: return "host-not-found";
    case ScrapeError::ConnectionRefused: return "connection-refused";
    case ScrapeError::Tls: return "tls";
    case ScrapeError::Timeout: return "timeout";
    case ScrapeError::TooManyRedirects: return "too-many-redirects";
    case ScrapeError::HttpStatus: return "http-status";
    case ScrapeError::Authentication: return "authentication";
    case ScrapeError::Credentials: return "credentials";
    case ScrapeError::UnsupportedContentType: return "unsupported-content-type";
    case ScrapeError::BodyTooLarge: return "body-too-large";
    case ScrapeError::TruncatedBody: return "truncated-body";
    case ScrapeError::BadGzip: return "bad-gzip";
    case ScrapeError::Network: return "network";
    }
    return "unknown";
}

} // namespace mw
