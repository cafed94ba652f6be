#include "responses.hpp"

#include <algorithm>
#include <string>

#include <boost/beast/http/field.hpp>

#ifndef NEWS_WIDGET_VERSION
#error \
    "NEWS_WIDGET_VERSION must be defined (native/CMakeLists.txt sets it from the project version)"
#endif

namespace news_widget::http_server {
namespace {

constexpr std::string_view server_name = "news-widget-server";
// The request headers a partner page's fetch() may send us, besides the
// CORS-safelisted ones. A fixed list: we never echo what the client asks for.
constexpr std::string_view allowed_request_headers =
    "If-None-Match, If-Modified-Since, If-Range, Range, Cache-Control";

}  // namespace

std::string_view server_version() {
  return NEWS_WIDGET_VERSION;
}

response plain_response(http::status status) {
  response res{status, 11};
  res.set(http::field::content_type, text_plain);
  res.body() = std::string(http::obsolete_reason(status)) + "\n";
  return res;
}

// {"error":ERROR,"message":MESSAGE}: both fixed texts of ours, never request data.
response json_error(http::status status, std::string_view error, std::string_view message) {
  response res{status, 11};
  res.set(http::field::content_type, application_json);
  res.set(http::field::cache_control, cache_revalidate);
  res.body() = std::string(R"({"error":")") + std::string(error) + R"(","message":")" +
               std::string(message) + "\"}";
  return res;
}

response json_not_found(std::string_view message) {
  return json_error(http::status::not_found, "not_found", message);
}

response json_bad_request(std::string_view message) {
  return json_error(http::status::bad_request, "bad_request", message);
}

void add_vary(response& res, std::string_view token) {
  const std::string_view current = res[http::field::vary];
  if (current.empty()) {
    res.set(http::field::vary, token);
  } else if (current.find(token) == std::string_view::npos) {
    res.set(http::field::vary, std::string(current) + ", " + std::string(token));
  }
}

void add_common_headers(response& res, const server_config& config, std::string_view origin) {
  res.set(http::field::server, server_name);
  res.set("X-Content-Type-Options", "nosniff");
  const auto& allowed = config.cors_origins;
  // The widget script, its wasm and the article JSON are fetched by partner
  // pages on other origins; nothing here depends on cookies, so "*" is safe
  // unless the operator has chosen to list the partners.
  if (allowed.empty() || std::find(allowed.begin(), allowed.end(), "*") != allowed.end()) {
    res.set(http::field::access_control_allow_origin, "*");
    return;
  }
  // The grant depends on the Origin, so caches must key on it, granted or not.
  add_vary(res, "Origin");
  if (!origin.empty() && std::find(allowed.begin(), allowed.end(), origin) != allowed.end()) {
    res.set(http::field::access_control_allow_origin, origin);
  }
}

response preflight_response() {
  response res{http::status::no_content, 11};
  res.set(http::field::allow, allowed_methods);
  res.set(http::field::access_control_allow_methods, allowed_methods);
  res.set(http::field::access_control_allow_headers, allowed_request_headers);
  res.set(http::field::access_control_max_age, "600");
  return res;
}

response error_response(const server_config& config, http::status status, unsigned version,
                        bool keep_alive) {
  response res = plain_response(status);
  add_common_headers(res, config, {});
  res.version(version);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace news_widget::http_server
