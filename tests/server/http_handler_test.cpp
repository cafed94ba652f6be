// handle_request and its building blocks, without sockets.
#include <sstream>
#include <string>
#include <tuple>

#include <boost/beast/http/write.hpp>
#include <catch2/catch.hpp>

#include "handler_test_support.hpp"
#include "http_handler.hpp"
#include "session.hpp"
#include "temp_site.hpp"

namespace {

using namespace news_widget::http_server;
using news_widget::http_server::testing::article_not_found;
using news_widget::http_server::testing::fixture_article_id;
using news_widget::http_server::testing::header;
using news_widget::http_server::testing::make_request;
using news_widget::http_server::testing::sentinel_text;
using news_widget::http_server::testing::site_directories;
using news_widget::http_server::testing::temp_site;

response get(const temp_site& site, const std::string& target) {
  return handle_request(site_directories(site), make_request(http::verb::get, target));
}

}  // namespace

TEST_CASE("A static file is served with its bytes, content type and cache policy", "[server]") {
  temp_site site;
  const auto [target, content_type, cache_control,
              body] = GENERATE_REF(table<std::string, std::string, std::string, std::string>({
      {"/", "text/html; charset=utf-8", "no-cache", site.index_html},
      {"/index.html", "text/html; charset=utf-8", "no-cache", site.index_html},
      {"/index.html?v=3&x=../secret", "text/html; charset=utf-8", "no-cache", site.index_html},
      {"/app.js", "text/javascript; charset=utf-8", "public, max-age=3600", site.app_js},
      {"/%61pp.js", "text/javascript; charset=utf-8", "public, max-age=3600", site.app_js},
      {"//app.js", "text/javascript; charset=utf-8", "public, max-age=3600", site.app_js},
      {"/inside-link.js", "text/javascript; charset=utf-8", "public, max-age=3600", site.app_js},
      {"/widget.wasm", "application/wasm", "public, max-age=3600", site.widget_wasm},
      {"/sub", "text/html; charset=utf-8", "no-cache", site.sub_index_html},
      {"/sub/", "text/html; charset=utf-8", "no-cache", site.sub_index_html},
  }));
  CAPTURE(target);
  const response res = get(site, target);
  CHECK(res.result() == http::status::ok);
  CHECK(header(res, http::field::content_type) == content_type);
  CHECK(header(res, http::field::cache_control) == cache_control);
  CHECK(res.body() == body);
  CHECK(header(res, http::field::content_length) == std::to_string(body.size()));
  CHECK(header(res, http::field::etag).rfind("W/\"", 0) == 0);
  CHECK(header(res, http::field::last_modified).size() == 29);  // "Sun, 06 Nov 1994 08:49:37 GMT"
}

TEST_CASE("Every response carries the server, nosniff and CORS headers", "[server]") {
  temp_site site;
  const auto [method, target] = GENERATE(table<http::verb, std::string>({
      {http::verb::get, "/"},
      {http::verb::get, "/missing.txt"},
      {http::verb::get, "/../secret"},
      {http::verb::get, "/api/articles/north-korea-10000-soldiers"},
      {http::verb::get, "/api/articles/nope"},
      {http::verb::get, "/healthz"},
      {http::verb::head, "/app.js"},
      {http::verb::options, "/app.js"},
      {http::verb::post, "/"},
  }));
  CAPTURE(method, target);
  const response res = handle_request(site_directories(site), make_request(method, target));
  CHECK(header(res, http::field::server) == "news-widget-server");
  CHECK(res["X-Content-Type-Options"] == "nosniff");
  CHECK(header(res, http::field::access_control_allow_origin) == "*");
}

TEST_CASE("HEAD answers with the headers GET would send and no body", "[server]") {
  temp_site site;
  const std::string target =
      GENERATE("/widget.wasm", "/", "/api/articles/north-korea-10000-soldiers", "/missing.txt",
               "/api/articles/nope", "/healthz");
  CAPTURE(target);
  const response got = get(site, target);
  const response head =
      handle_request(site_directories(site), make_request(http::verb::head, target));
  CHECK(head.result() == got.result());
  CHECK(head.body().empty());
  CHECK(header(head, http::field::content_length) == std::to_string(got.body().size()));
  CHECK(header(head, http::field::content_type) == header(got, http::field::content_type));
  CHECK(header(head, http::field::etag) == header(got, http::field::etag));
}

TEST_CASE("Methods other than GET, HEAD and OPTIONS are answered 405 with Allow", "[server]") {
  temp_site site;
  const http::verb method = GENERATE(http::verb::post, http::verb::put, http::verb::delete_,
                                     http::verb::patch, http::verb::trace, http::verb::connect);
  CAPTURE(method);
  const response res = handle_request(site_directories(site), make_request(method, "/index.html"));
  CHECK(res.result() == http::status::method_not_allowed);
  CHECK(header(res, http::field::allow) == "GET, HEAD, OPTIONS");
  CHECK(res.body() == "Method Not Allowed\n");
}

TEST_CASE("A method Beast does not know is answered 405 too", "[server]") {
  temp_site site;
  request req = make_request(http::verb::get, "/");
  req.method_string("BREW");
  const response res = handle_request(site_directories(site), req);
  CHECK(res.result() == http::status::method_not_allowed);
  CHECK(header(res, http::field::allow) == "GET, HEAD, OPTIONS");
}

TEST_CASE("OPTIONS answers a CORS preflight with 204 and a fixed header list", "[server]") {
  temp_site site;
  request req = make_request(http::verb::options, "/api/articles/north-korea-10000-soldiers");
  req.set(http::field::origin, "https://partner.example");
  req.set(http::field::access_control_request_method, "GET");
  req.set(http::field::access_control_request_headers, "x-evil-header");
  const response res = handle_request(site_directories(site), req);
  CHECK(res.result() == http::status::no_content);
  CHECK(res.body().empty());
  CHECK(header(res, http::field::access_control_allow_origin) == "*");
  CHECK(header(res, http::field::access_control_allow_methods) == "GET, HEAD, OPTIONS");
  CHECK(header(res, http::field::access_control_allow_headers) ==
        "If-None-Match, If-Modified-Since, If-Range, Range, Cache-Control");
  CHECK(header(res, http::field::content_length).empty());
}

TEST_CASE("A request with a body is refused with 413 and the connection not kept", "[server]") {
  temp_site site;
  request req = make_request(http::verb::get, "/index.html");
  req.body() = "unexpected";
  req.prepare_payload();
  const response res = handle_request(site_directories(site), req);
  CHECK(res.result() == http::status::payload_too_large);
  CHECK_FALSE(res.keep_alive());
  CHECK(res.body() == "Payload Too Large\n");
}

TEST_CASE("If-None-Match with the current ETag is answered 304 without a body", "[server]") {
  temp_site site;
  const std::string target =
      GENERATE("/app.js", "/index.html", "/api/articles/north-korea-10000-soldiers");
  CAPTURE(target);
  const std::string etag = header(get(site, target), http::field::etag);
  REQUIRE(!etag.empty());
  const std::string opaque = etag.substr(2);  // without "W/"

  // "{etag}" stands for the current ETag: the site, and with it the file
  // times, is made afresh for every generated case.
  const auto [pattern, status] = GENERATE(table<std::string, http::status>({
      {"{etag}", http::status::not_modified},
      {"{opaque}", http::status::not_modified},
      {"\"other\", {etag}", http::status::not_modified},
      {"*", http::status::not_modified},
      {"\"other\"", http::status::ok},
      {"W/\"0-0\"", http::status::ok},
      {"garbage", http::status::ok},
  }));
  std::string if_none_match = pattern;
  if (const auto at = if_none_match.find("{etag}"); at != std::string::npos) {
    if_none_match.replace(at, 6, etag);
  }
  if (const auto at = if_none_match.find("{opaque}"); at != std::string::npos) {
    if_none_match.replace(at, 8, opaque);
  }
  CAPTURE(if_none_match);
  request req = make_request(http::verb::get, target);
  req.set(http::field::if_none_match, if_none_match);
  const response res = handle_request(site_directories(site), req);
  CHECK(res.result() == status);
  if (status == http::status::not_modified) {
    CHECK(res.body().empty());
    CHECK(header(res, http::field::etag) == etag);
    CHECK(header(res, http::field::content_length).empty());
  } else {
    CHECK(!res.body().empty());
  }
}

TEST_CASE("Traversal attempts never reach files outside the root", "[server]") {
  temp_site site;
  const auto [target, status] = GENERATE(table<std::string, http::status>({
      {"/../secret", http::status::bad_request},
      {"/%2e%2e/secret", http::status::bad_request},
      {"/%2E%2E/secret", http::status::bad_request},
      {"/a/%2E%2E/%2E%2E/secret", http::status::bad_request},
      {"/sub/../../secret", http::status::bad_request},
      {"/..", http::status::bad_request},
      {"/%00", http::status::bad_request},
      {"/index.html%00.js", http::status::bad_request},
      {"/%", http::status::bad_request},
      {"/%2", http::status::bad_request},
      {"/%zz", http::status::bad_request},
      {"/..%5csecret", http::status::bad_request},
      {"/..\\secret", http::status::bad_request},
      {"/%0d%0aX-Injected:%20yes", http::status::bad_request},
      {"secret", http::status::bad_request},
      {"../secret", http::status::bad_request},
      {"http://localhost/../secret", http::status::bad_request},
      {"//etc/passwd", http::status::not_found},
      {"/.hidden", http::status::not_found},
      {"/%2ehidden", http::status::not_found},
      {"/sub/.", http::status::not_found},
      {"/escape-file", http::status::not_found},
      {"/escape-dir/secret", http::status::not_found},
      {"/escape-dir/", http::status::not_found},
      {"/empty/", http::status::not_found},
      {"/missing.html", http::status::not_found},
      {"/index.html/", http::status::not_found},
      {"/api/articles/..%2fsecret", http::status::bad_request},
      {"/api/articles/%2e%2e%2fsecret", http::status::bad_request},
      {"/api/articles/secret", http::status::not_found},
  }));
  CAPTURE(target);
  for (const http::verb method : {http::verb::get, http::verb::head}) {
    const response res = handle_request(site_directories(site), make_request(method, target));
    CHECK(res.result() == status);
    CHECK(res.body().find(sentinel_text) == std::string::npos);
    CHECK(res.body().find("root:") == std::string::npos);  // /etc/passwd
    CHECK(res.body().find(site.hidden) == std::string::npos);
    CHECK(header(res, http::field::content_length) != std::to_string(sentinel_text.size()));
  }
}

TEST_CASE("Error bodies are fixed texts that never contain the request target", "[server]") {
  temp_site site;
  const auto [target, status, body] = GENERATE(table<std::string, http::status, std::string>({
      {"/missing-<script>.html", http::status::not_found, "Not Found\n"},
      {"/.hidden-<script>", http::status::not_found, "Not Found\n"},
      {"/../<script>", http::status::bad_request, "Bad Request\n"},
      {"<script>", http::status::bad_request, "Bad Request\n"},
  }));
  CAPTURE(target);
  const response res = get(site, target);
  CHECK(res.result() == status);
  CHECK(res.body() == body);
  CHECK(header(res, http::field::content_type) == "text/plain; charset=utf-8");
}

TEST_CASE("An article is served from the data directory as JSON that browsers revalidate",
          "[server]") {
  temp_site site;
  const response res = get(site, "/api/articles/" + fixture_article_id + "?lang=en");
  CHECK(res.result() == http::status::ok);
  CHECK(header(res, http::field::content_type) == "application/json; charset=utf-8");
  // Shared caches (a CDN, nginx) may keep it a minute.
  CHECK(header(res, http::field::cache_control) ==
        "public, max-age=0, s-maxage=60, stale-while-revalidate=600");
  CHECK(!header(res, http::field::etag).empty());
  CHECK(res.body() == site.fixture_article());
}

TEST_CASE("Unknown or invalid article ids are a JSON 404 that does not echo the id", "[server]") {
  temp_site site;
  const std::string id =
      GENERATE(as<std::string>{}, "no-such-article", "North-Korea-10000-Soldiers",
               "north-korea-10000-soldiers.json", "north_korea", "a%2Fb", "",
               "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%2e", std::string(101, 'a'),
               "north-korea-10000-soldiers/", "north-korea-10000-soldiers/x");
  CAPTURE(id);
  const response res = get(site, "/api/articles/" + id);
  CHECK(res.result() == http::status::not_found);
  CHECK(header(res, http::field::content_type) == "application/json; charset=utf-8");
  CHECK(res.body() == article_not_found);
}

TEST_CASE("An article id of 100 characters is looked up and one of 101 is refused", "[server]") {
  temp_site site;
  const std::string id100(100, 'a');
  news_widget::http_server::testing::write_bytes(site.data / (id100 + ".json"), "{}");
  CHECK(get(site, "/api/articles/" + id100).body() == "{}");
  CHECK(get(site, "/api/articles/" + id100 + "a").body() == article_not_found);
}

TEST_CASE("Other API paths are a JSON 404", "[server]") {
  temp_site site;
  const std::string target = GENERATE("/api", "/api/", "/api/articles", "/api/feeds/x");
  CAPTURE(target);
  const response res = get(site, target);
  CHECK(res.result() == http::status::not_found);
  CHECK(res.body() == R"({"error":"not_found","message":"no such endpoint"})");
}

TEST_CASE("/healthz answers ok and the server version", "[server]") {
  temp_site site;
  const response res = get(site, "/healthz");
  CHECK(res.result() == http::status::ok);
  CHECK(header(res, http::field::content_type) == "text/plain; charset=utf-8");
  CHECK(res.body() == "ok " + std::string(server_version()) + "\n");
  CHECK(server_version() == NEWS_WIDGET_TEST_PROJECT_VERSION);
}

TEST_CASE("The response keeps the connection alive as the request asks", "[server]") {
  temp_site site;
  const auto [version, connection, keep_alive] = GENERATE(table<unsigned, std::string, bool>({
      {11, "", true},
      {11, "close", false},
      {10, "", false},
      {10, "keep-alive", true},
  }));
  CAPTURE(version, connection);
  request req = make_request(http::verb::get, "/app.js", version);
  if (!connection.empty()) req.set(http::field::connection, connection);
  const response res = handle_request(site_directories(site), req);
  CHECK(res.version() == version);
  CHECK(res.keep_alive() == keep_alive);
}

TEST_CASE("A missing root or data directory makes every lookup a 404", "[server]") {
  temp_site site;
  server_config config;
  config.root = site.base / "no-such-root";
  config.data = site.base / "no-such-data";
  CHECK(handle_request(config, make_request(http::verb::get, "/")).result() ==
        http::status::not_found);
  CHECK(handle_request(config, make_request(http::verb::get, "/api/articles/x")).body() ==
        article_not_found);
}

TEST_CASE("mime_type maps file extensions case-insensitively", "[server]") {
  const auto [name, type] = GENERATE(table<std::string, std::string>({
      {"index.html", "text/html; charset=utf-8"},
      {"INDEX.HTM", "text/html; charset=utf-8"},
      {"widget.js", "text/javascript; charset=utf-8"},
      {"widget.mjs", "text/javascript; charset=utf-8"},
      {"widget.css", "text/css; charset=utf-8"},
      {"news-widget.wasm", "application/wasm"},
      {"News-Widget.WASM", "application/wasm"},
      {"feed.json", "application/json; charset=utf-8"},
      {"logo.svg", "image/svg+xml"},
      {"a.png", "image/png"},
      {"a.jpg", "image/jpeg"},
      {"a.jpeg", "image/jpeg"},
      {"a.webp", "image/webp"},
      {"font.woff2", "font/woff2"},
      {"robots.txt", "text/plain; charset=utf-8"},
      {"favicon.ico", "image/x-icon"},
      {"archive.tar.gz", "application/octet-stream"},
      {"README", "application/octet-stream"},
      {"dir.html/file", "application/octet-stream"},
      {"trailing.", "application/octet-stream"},
  }));
  CAPTURE(name);
  CHECK(mime_type(name) == type);
}

TEST_CASE("percent_decode_path decodes escapes and refuses bad ones and NUL", "[server]") {
  using decoded = std::optional<std::string>;
  const auto [in, out] = GENERATE(table<std::string, decoded>({
      {"/plain/path", decoded("/plain/path")},
      {"/a%20b", decoded("/a b")},
      {"/%2e%2E", decoded("/..")},
      {"/%5c", decoded("/\\")},
      {"/a+b", decoded("/a+b")},
      {"/%C3%A5", decoded("/\xC3\xA5")},
      {"", decoded("")},
      {"/%00", std::nullopt},
      {"/%", std::nullopt},
      {"/%4", std::nullopt},
      {"/%g0", std::nullopt},
      {"/%0g", std::nullopt},
  }));
  CAPTURE(in);
  CHECK(percent_decode_path(in) == out);
}

TEST_CASE("is_valid_article_id accepts only lowercase letters, digits and hyphens", "[server]") {
  const auto [id, valid] = GENERATE(table<std::string, bool>({
      {"north-korea-10000-soldiers", true},
      {"a", true},
      {"-", true},
      {std::string(100, 'z'), true},
      {std::string(101, 'z'), false},
      {"", false},
      {"North", false},
      {"a_b", false},
      {"a.b", false},
      {"a/b", false},
      {"a b", false},
      {"\xC3\xA5", false},
  }));
  CAPTURE(id);
  CHECK(is_valid_article_id(id) == valid);
}

TEST_CASE("error_response has a fixed body and the common headers", "[server]") {
  const auto [status, body] = GENERATE(table<http::status, std::string>({
      {http::status::bad_request, "Bad Request\n"},
      {http::status::payload_too_large, "Payload Too Large\n"},
      {http::status::request_header_fields_too_large, "Request Header Fields Too Large\n"},
  }));
  const response res = error_response(server_config{}, status, 11, false);
  CHECK(res.result() == status);
  CHECK(res.body() == body);
  CHECK_FALSE(res.keep_alive());
  CHECK(header(res, http::field::content_length) == std::to_string(body.size()));
  CHECK(header(res, http::field::server) == "news-widget-server");
  CHECK(header(res, http::field::access_control_allow_origin) == "*");
}

TEST_CASE("format_http_date writes an IMF-fixdate", "[server]") {
  // 784111777 is RFC 9110's example, Sun, 06 Nov 1994 08:49:37 GMT.
  const auto time = std::chrono::system_clock::from_time_t(784111777);
  CHECK(format_http_date(time) == "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST_CASE("serialize_header writes what Beast's serializer writes before the body", "[server]") {
  temp_site site;
  const auto [method, target, version] = GENERATE(table<http::verb, std::string, unsigned>({
      {http::verb::get, "/app.js", 11},
      {http::verb::head, "/app.js", 11},
      {http::verb::get, "/", 10},
      {http::verb::get, "/missing", 11},
      {http::verb::options, "/", 11},
      {http::verb::post, "/", 11},
      {http::verb::get, "/api/articles/" + fixture_article_id, 11},
  }));
  CAPTURE(target, version);
  request req = make_request(method, target, version);
  response res = handle_request(site_directories(site), req);
  res.set(http::field::date, "Sun, 06 Nov 1994 08:49:37 GMT");  // as the session adds it
  std::ostringstream beast_bytes;
  beast_bytes << res;  // Beast's serializer, header and body
  std::string head = "stale bytes to be replaced";
  serialize_header(res, head);
  CHECK(head + res.body() == beast_bytes.str());

  // A status without a reason phrase of its own, and a reason set by hand.
  response custom{static_cast<http::status>(299), 11};
  custom.set(http::field::server, "x");
  std::ostringstream custom_bytes;
  custom_bytes << custom;
  serialize_header(custom, head);
  CHECK(head == custom_bytes.str());
  custom.reason("Fine");
  std::ostringstream reason_bytes;
  reason_bytes << custom;
  serialize_header(custom, head);
  CHECK(head == reason_bytes.str());
}
