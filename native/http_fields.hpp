// Reading and writing HTTP header fields (RFC 9110): dates, Accept-Encoding,
// Range, If-Range and entity tags. Pure functions, no I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "http_message.hpp"

namespace news_widget::http_server {

// IMF-fixdate (RFC 9110 section 5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT",
// for the Date and Last-Modified headers.
std::string format_http_date(std::chrono::system_clock::time_point time);

// Parses an HTTP date in any of the three formats RFC 9110 section 5.6.7
// requires recipients to accept (IMF-fixdate, RFC 850, asctime); nullopt when
// it is none of them or names an impossible time.
std::optional<std::time_t> parse_http_date(std::string_view text);

// The quality an Accept-Encoding value gives `coding`: its own q, else that
// of "*"; nullopt when neither is listed.
std::optional<double> listed_quality(std::string_view accept_encoding, std::string_view coding);

// The quality (0..1) an Accept-Encoding value gives `coding` ("br", "gzip"):
// its own q (default 1), else that of "*", else 0. "x-gzip" counts as "gzip".
// An empty value accepts nothing but identity: 0.
double coding_quality(std::string_view accept_encoding, std::string_view coding);

// A Range header read against a representation of `size` bytes.
struct range_request {
  enum kind_type {
    none,           // no range, or one to ignore (malformed, multi-range, other unit): send all
    satisfiable,    // send bytes first..last (inclusive) with 206
    unsatisfiable,  // answer 416 with "Content-Range: bytes */size"
  };
  kind_type kind = none;
  std::uint64_t first = 0;  // first byte to send
  std::uint64_t last = 0;   // last byte to send, < size
};

// Reads a single "bytes=a-b", "bytes=a-" or "bytes=-n" (RFC 9110 section 14.1.2).
range_request parse_range(std::string_view range, std::uint64_t size);

// True when an If-None-Match header value (a list of entity tags or "*")
// matches `etag` under the weak comparison (W/ prefixes ignored).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// If-None-Match, else If-Modified-Since (RFC 9110 section 13.2.2): true when
// the client's copy is current.
bool is_not_modified(const request& req, std::string_view etag, std::time_t mtime);

// If-Range (RFC 9110 section 13.1.5): the range applies only to the
// representation the client already has part of. An entity tag must match
// strongly, which our weak ones never do; a date must equal Last-Modified.
bool if_range_allows(const request& req, std::string_view etag, std::time_t mtime);

}  // namespace news_widget::http_server
