// The pieces every answer is made of: fixed-text error responses, the
// headers each response carries (Server, nosniff, CORS), the preflight.
#pragma once

#include <string_view>

#include "http_message.hpp"
#include "server_config.hpp"

namespace news_widget::http_server {

inline constexpr std::string_view allowed_methods = "GET, HEAD, OPTIONS";
inline constexpr std::string_view text_plain = "text/plain; charset=utf-8";
inline constexpr std::string_view text_html = "text/html; charset=utf-8";
inline constexpr std::string_view application_json = "application/json; charset=utf-8";

// Cache-Control values.
inline constexpr std::string_view cache_revalidate = "no-cache";
inline constexpr std::string_view cache_hour = "public, max-age=3600";
inline constexpr std::string_view cache_immutable = "public, max-age=31536000, immutable";
// /api and /render: a shared cache (a CDN, nginx) keeps a copy fresh for a
// minute; after that, and in a browser at once, a copy is stale but may be
// used for ten minutes more while it is revalidated (ETag, 304) in the
// background. So a reader who comes back within ten minutes sees the card at
// once, from the copy, and the next load shows any change.
inline constexpr std::string_view cache_shared =
    "public, max-age=0, s-maxage=60, stale-while-revalidate=600";
// The loader's stable name (widget/news-widget.js), which partners' pages
// name forever: a short life, refreshed in the background after it.
inline constexpr std::string_view cache_loader =
    "public, max-age=300, stale-while-revalidate=86400";
inline constexpr std::string_view loader_file_name = "news-widget.js";

// The server's version, the CMake project version (e.g. "1.0.0").
std::string_view server_version();

// A response with the status's fixed text, e.g. "Not Found\n"; never anything
// taken from the request.
response plain_response(http::status status);

// {"error":ERROR,"message":MESSAGE}: both fixed texts of ours, never request data.
response json_error(http::status status, std::string_view error, std::string_view message);
response json_not_found(std::string_view message);
response json_bad_request(std::string_view message);

// Adds `token` to the Vary header, keeping what is there.
void add_vary(response& res, std::string_view token);

// Server, X-Content-Type-Options and the CORS grant. `origin`: the request's
// Origin header ("" when there is none or no request).
void add_common_headers(response& res, const server_config& config, std::string_view origin);

// 204 for a CORS preflight (OPTIONS).
response preflight_response();

// A complete error response with a short fixed text body (400, 404, 413,
// 431, 500, 503, ...), for the session's parse errors as well as the handler.
// No request to take an Origin from: with an allow-list, no CORS grant.
response error_response(const server_config& config, http::status status, unsigned version,
                        bool keep_alive);

}  // namespace news_widget::http_server
