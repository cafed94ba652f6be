// The server's request handler: one request in, one response out. No sockets,
// no clocks: the only I/O is reading the requested file, so it is unit-tested
// without a network (tests/server/http_handler_test.cpp).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server_config.hpp"

namespace news_widget::http_server {

namespace http = boost::beast::http;

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
//   GET/HEAD anything else        -> a static file under root, or 404
//   OPTIONS                       -> 204 CORS preflight
//   other methods                 -> 405 with Allow
// Sets keep-alive from the request and a Content-Length (HEAD: the GET one, no body).
response handle_request(const server_config& config, const request& req);

// A complete error response with a short fixed text body (400, 404, 413,
// 431, 500, ...), for the session's parse errors as well as the handler.
response error_response(http::status status, unsigned version, bool keep_alive);

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

// True when an If-None-Match header value (a list of entity tags or "*")
// matches `etag` under the weak comparison (W/ prefixes ignored).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace news_widget::http_server
