// The server's request handler: one request in, one response out. No sockets,
// no clocks: the only I/O is finding and reading the requested file (or
// asking a file_cache for it), so it is unit-tested without a network
// (tests/server/http_handler_test.cpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server_config.hpp"

namespace news_widget::http_server {

namespace http = boost::beast::http;

class file_cache;  // file_cache.hpp

using request = http::request<http::string_body>;
// Every response, files included, carries its body as a string: the served
// files are small (a page, the widget script, its wasm, article JSON).
using response = http::response<http::string_body>;

// The server's version, the CMake project version (e.g. "1.0.0").
std::string_view server_version();

// Answers `req` from `config`'s directories. Never throws on bad input, never
// echoes the request target in a body. Routes:
//   GET/HEAD /healthz             -> 200 "ok <version>"
//   GET/HEAD /api/articles/<id>   -> data/<id>.json, or a JSON 404
//   GET/HEAD /render/<id>?width=N&locale=&layout=&max-related=&heading-level=&theme=
//            &show=&item=&format=html|shadow-root
//                                 -> the core's card for data/<id>.json as text/html; 400
//                                    (bad width or format), JSON 404, or 422 with diagnostics
//   GET/HEAD /oembed?url=U&maxwidth=&maxheight=&format=json
//                                 -> oEmbed 1.0 "rich" JSON for the article U names; 400
//                                    (no url, bad numbers), 404 (unknown url), 501 (format)
//   GET/HEAD anything else        -> a static file under root, or 404
//   OPTIONS                       -> 204 CORS preflight
//   other methods                 -> 405 with Allow
// Files (static and /api/articles) honour Accept-Encoding (a fresh .br/.gz
// sibling), If-None-Match, If-Modified-Since, Range and If-Range.
// CORS: Access-Control-Allow-Origin "*", or with config.cors_origins the
// request's Origin when listed (none otherwise), with Vary: Origin.
// Sets keep-alive from the request and a Content-Length (HEAD: the GET one, no body).
// `cache`: where files (static, /api/articles, the feeds /render reads) are
// found, so that they may be up to its revalidation interval old; nullptr =
// looked up and read on disk for every request.
response handle_request(const server_config& config, const request& req,
                        file_cache* cache = nullptr);

// A complete error response with a short fixed text body (400, 404, 413,
// 431, 500, 503, ...), for the session's parse errors as well as the handler.
// No request to take an Origin from: with an allow-list, no CORS grant.
response error_response(const server_config& config, http::status status, unsigned version,
                        bool keep_alive);

// `res`'s status line and fields as HTTP/1.x sends them, up to and
// including the empty line, into `out` (replacing what it held, keeping its
// capacity): byte for byte what Beast's serializer writes before the body of
// a message that is not chunked, for the server to send with the body as a
// second buffer.
void serialize_header(const response& res, std::string& out);

// The Content-Type for a file name, by its extension (case-insensitive);
// text types carry "; charset=utf-8"; unknown -> "application/octet-stream".
std::string_view mime_type(std::string_view file_name);

// Decodes %XX escapes in a URL path ('+' stays '+'). nullopt when an escape
// is malformed ("%", "%2", "%zz") or decodes to NUL.
std::optional<std::string> percent_decode_path(std::string_view path);

// True when `id` matches ^[a-z0-9-]{1,100}$, the article ids the API accepts.
bool is_valid_article_id(std::string_view id);

// IMF-fixdate (RFC 9110 section 5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT",
// for the Date and Last-Modified headers.
std::string format_http_date(std::chrono::system_clock::time_point time);

// Parses an HTTP date in any of the three formats RFC 9110 section 5.6.7
// requires recipients to accept (IMF-fixdate, RFC 850, asctime); nullopt when
// it is none of them or names an impossible time.
std::optional<std::time_t> parse_http_date(std::string_view text);

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

// True when a dot-separated segment of `file_name` other than the first and
// the last (the extension) is 8 or more hex digits, e.g. "news-widget.3fa9c2d1.js":
// the name changes with the content, so the file may be cached for good.
bool has_content_hash(std::string_view file_name);

// Decodes an application/x-www-form-urlencoded value: %XX escapes and '+'
// as space. Malformed escapes are kept as they are.
std::string form_decode(std::string_view text);

// Escapes everything but RFC 3986's unreserved characters as %XX, for a
// value inside a query string.
std::string percent_encode(std::string_view text);

// True when an If-None-Match header value (a list of entity tags or "*")
// matches `etag` under the weak comparison (W/ prefixes ignored).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace news_widget::http_server
