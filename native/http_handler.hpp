// The server's request handler: one request in, one response out. No sockets,
// no clocks: the only I/O is finding and reading the requested file (or
// asking a file_cache for it) and reading the data folder for /oembed, so it
// is unit-tested without a network (tests/server/http_handler_test.cpp).
// This header is the handler's whole interface; its parts live in
// router.cpp, the endpoints (*_endpoint.cpp), static_files, http_fields,
// query and responses.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "endpoints.hpp"
#include "http_fields.hpp"
#include "http_message.hpp"
#include "query.hpp"
#include "responses.hpp"
#include "server_config.hpp"
#include "static_files.hpp"

namespace news_widget::http_server {

class article_index;  // article_index.hpp
class file_cache;     // file_cache.hpp

// Answers `req` from `config`'s directories. Never throws on bad input, never
// echoes the request target in a body. Routes:
//   GET/HEAD /healthz             -> 200 "ok <version>"
//   GET/HEAD /api/articles/<id>   -> data/<id>.json, or a JSON 404
//   GET/HEAD /render/<id>?width=N&format=html|shadow-root&<the core's options>
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
// `articles`: the index /oembed finds article URLs in, kept between
// requests; nullptr = the data folder is read for this request alone.
response handle_request(const server_config& config, const request& req,
                        file_cache* cache = nullptr, article_index* articles = nullptr);

// Decodes %XX escapes in a URL path ('+' stays '+'). nullopt when an escape
// is malformed ("%", "%2", "%zz") or decodes to NUL.
std::optional<std::string> percent_decode_path(std::string_view path);

}  // namespace news_widget::http_server
