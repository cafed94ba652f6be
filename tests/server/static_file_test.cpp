// Static files: precompressed siblings, conditional requests, ranges, cache
// policy by name and the CORS allow-list; handler tests without sockets.
#include <fcntl.h>
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "handler_test_support.hpp"
#include "http_handler.hpp"
#include "temp_site.hpp"

namespace {

namespace fs = std::filesystem;
using namespace news_widget::http_server;
using news_widget::http_server::testing::fixture_article_id;
using news_widget::http_server::testing::header;
using news_widget::http_server::testing::make_request;
using news_widget::http_server::testing::sentinel_text;
using news_widget::http_server::testing::site_config;
using news_widget::http_server::testing::temp_site;
using news_widget::http_server::testing::write_bytes;

const std::string br_bytes = "BR:compressed-app.js";
const std::string gz_bytes = "GZ:compressed-app.js";

// 2023-11-14T22:13:20Z: a fixed modification time for date comparisons.
constexpr std::time_t fixed_mtime = 1700000000;

void set_mtime(const fs::path& path, std::time_t t) {
  const struct timespec times[2] = {{t, 0}, {t, 0}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

std::string date(std::time_t t) {
  return format_http_date(std::chrono::system_clock::from_time_t(t));
}

// app.js with .br and .gz siblings, all with consistent times.
void add_siblings(const temp_site& site) {
  write_bytes(site.root / "app.js.br", br_bytes);
  write_bytes(site.root / "app.js.gz", gz_bytes);
  set_mtime(site.root / "app.js", fixed_mtime);
  set_mtime(site.root / "app.js.br", fixed_mtime + 1);
  set_mtime(site.root / "app.js.gz", fixed_mtime + 1);
}

response get_with(const temp_site& site, const std::string& target, http::field field,
                  const std::string& value, http::verb method = http::verb::get) {
  request req = make_request(method, target);
  if (!value.empty()) req.set(field, value);
  return handle_request(site_config(site), req);
}

}  // namespace

TEST_CASE("A precompressed sibling is served when Accept-Encoding allows it, br first",
          "[server][encoding]") {
  temp_site site;
  add_siblings(site);
  const auto [accept_encoding, encoding] = GENERATE(table<std::string, std::string>({
      {"", ""},
      {"identity", ""},
      {"deflate", ""},
      {"gzip", "gzip"},
      {"x-gzip", "gzip"},
      {"br", "br"},
      {"BR", "br"},
      {"gzip, deflate, br", "br"},
      {"gzip, deflate, br, zstd", "br"},
      {"br;q=0, gzip", "gzip"},
      {"br;q=0.5, gzip;q=0.8", "gzip"},
      {"br;q=0.8, gzip;q=0.8", "br"},
      {"br ; q=0.9 , gzip;q=0.1", "br"},
      {"*", "br"},
      {"*;q=0", ""},
      {"*, br;q=0", "gzip"},
      {"gzip;q=0, br;q=0", ""},
      {"gzip;q=0.000, br;q=0.0", ""},
      {"br;q=1.5, gzip", "gzip"},  // a malformed q-value is a refusal
      {"br;q=abc", ""},
      {"br;q=0.001", "br"},
      {"br;q=0.5, gzip;q=0.5", "br"},
      {"br;q=0.5, identity", ""},  // identity listed with a higher q
      {"br;q=0.5, identity;q=0.1", "br"},
      {"*;q=0.5, br;q=0.3", "gzip"},  // gzip (by *) ties identity (by *): the smaller wins
      {"identity;q=0, gzip;q=0.2", "gzip"},
  }));
  CAPTURE(accept_encoding);
  for (const http::verb method : {http::verb::get, http::verb::head}) {
    const response res =
        get_with(site, "/app.js", http::field::accept_encoding, accept_encoding, method);
    REQUIRE(res.result() == http::status::ok);
    CHECK(header(res, http::field::content_encoding) == encoding);
    CHECK(header(res, http::field::content_type) == "text/javascript; charset=utf-8");
    CHECK(header(res, http::field::vary) == "Accept-Encoding");
    const std::string& body = encoding == "br"     ? br_bytes
                              : encoding == "gzip" ? gz_bytes
                                                   : site.app_js;
    CHECK(header(res, http::field::content_length) == std::to_string(body.size()));
    if (method == http::verb::get) CHECK(res.body() == body);
  }
}

TEST_CASE("Each encoding of a file has its own ETag, and 304s name the encoding",
          "[server][encoding]") {
  temp_site site;
  add_siblings(site);
  std::set<std::string> etags;
  for (const std::string accept : {"", "gzip", "br"}) {
    const response res = get_with(site, "/app.js", http::field::accept_encoding, accept);
    const std::string etag = header(res, http::field::etag);
    etags.insert(etag);

    request req = make_request(http::verb::get, "/app.js");
    if (!accept.empty()) req.set(http::field::accept_encoding, accept);
    req.set(http::field::if_none_match, etag);
    const response again = handle_request(site_config(site), req);
    CHECK(again.result() == http::status::not_modified);
    CHECK(header(again, http::field::content_encoding) ==
          header(res, http::field::content_encoding));
    CHECK(header(again, http::field::vary) == "Accept-Encoding");
  }
  CHECK(etags.size() == 3);
  // A cached br copy is not current for a client that takes gzip only.
  request req = make_request(http::verb::get, "/app.js");
  req.set(http::field::accept_encoding, "gzip");
  req.set(http::field::if_none_match,
          header(get_with(site, "/app.js", http::field::accept_encoding, "br"), http::field::etag));
  CHECK(handle_request(site_config(site), req).result() == http::status::ok);
}

TEST_CASE("A stale, escaping or non-regular sibling is never served", "[server][encoding]") {
  temp_site site;
  SECTION("older than the file") {
    write_bytes(site.root / "app.js.br", br_bytes);
    set_mtime(site.root / "app.js.br", fixed_mtime);
    set_mtime(site.root / "app.js", fixed_mtime + 10);
  }
  SECTION("a symlink out of the root") {
    fs::create_symlink(site.base / "secret", site.root / "app.js.br");
  }
  SECTION("a directory") {
    fs::create_directory(site.root / "app.js.br");
  }
  const response res = get_with(site, "/app.js", http::field::accept_encoding, "br");
  CHECK(res.result() == http::status::ok);
  CHECK(header(res, http::field::content_encoding).empty());
  CHECK(res.body() == site.app_js);
  CHECK(res.body().find(sentinel_text) == std::string::npos);
}

TEST_CASE("A sibling with the file's time cut to whole seconds is fresh (brotli copies it so)",
          "[server][encoding]") {
  temp_site site;
  write_bytes(site.root / "app.js.br", br_bytes);
  const struct timespec file_time[2] = {{fixed_mtime, 500000000}, {fixed_mtime, 500000000}};
  REQUIRE(::utimensat(AT_FDCWD, (site.root / "app.js").c_str(), file_time, 0) == 0);
  set_mtime(site.root / "app.js.br", fixed_mtime);
  const response res = get_with(site, "/app.js", http::field::accept_encoding, "br");
  CHECK(header(res, http::field::content_encoding) == "br");
  CHECK(res.body() == br_bytes);
}

TEST_CASE("Vary: Accept-Encoding is sent for compressible types and files with siblings",
          "[server][encoding]") {
  temp_site site;
  write_bytes(site.root / "logo.png", "PNG");
  write_bytes(site.root / "photo.png", "PNG");
  write_bytes(site.root / "photo.png.gz", "GZ");
  const auto [target, vary] = GENERATE(table<std::string, std::string>({
      {"/app.js", "Accept-Encoding"},
      {"/", "Accept-Encoding"},
      {"/widget.wasm", "Accept-Encoding"},
      {"/api/articles/north-korea-10000-soldiers", "Accept-Encoding"},
      {"/photo.png", "Accept-Encoding"},
      {"/logo.png", ""},
      {"/missing.js", ""},
  }));
  CAPTURE(target);
  CHECK(header(get_with(site, target, http::field::accept_encoding, "br"), http::field::vary) ==
        vary);
}

TEST_CASE("If-Modified-Since gives 304 unless the file is newer, and only without If-None-Match",
          "[server][conditional]") {
  temp_site site;
  set_mtime(site.root / "app.js", fixed_mtime);
  const auto [if_modified_since, status] = GENERATE(table<std::string, http::status>({
      {date(fixed_mtime), http::status::not_modified},
      {date(fixed_mtime + 3600), http::status::not_modified},
      {"Tuesday, 14-Nov-23 22:13:20 GMT", http::status::not_modified},  // RFC 850
      {"Tue Nov 14 22:13:20 2023", http::status::not_modified},         // asctime
      {date(fixed_mtime - 1), http::status::ok},
      {"Tue Nov 14 22:13:19 2023", http::status::ok},
      {"garbage", http::status::ok},
      {"Tue, 14 Nov 2023 22:13:20 UTC", http::status::ok},
      {"Tue, 31 Feb 2023 22:13:20 GMT", http::status::ok},
  }));
  CAPTURE(if_modified_since);
  const response res = get_with(site, "/app.js", http::field::if_modified_since, if_modified_since);
  CHECK(res.result() == status);
  CHECK(header(res, http::field::last_modified) == "Tue, 14 Nov 2023 22:13:20 GMT");
  CHECK(res.body().empty() == (status == http::status::not_modified));

  // With If-None-Match, If-Modified-Since is not looked at (RFC 9110 section 13.1.3).
  request req = make_request(http::verb::get, "/app.js");
  req.set(http::field::if_modified_since, if_modified_since);
  req.set(http::field::if_none_match, "\"other\"");
  CHECK(handle_request(site_config(site), req).result() == http::status::ok);
}

TEST_CASE("A single byte range is answered 206, an unsatisfiable one 416, others in full",
          "[server][range]") {
  temp_site site;
  const std::string& js = site.app_js;  // 26 bytes
  REQUIRE(js.size() == 26);
  const auto [range, status, content_range,
              body] = GENERATE_REF(table<std::string, http::status, std::string, std::string>({
      {"bytes=0-5", http::status::partial_content, "bytes 0-5/26", js.substr(0, 6)},
      {"bytes=7-", http::status::partial_content, "bytes 7-25/26", js.substr(7)},
      {"bytes=-3", http::status::partial_content, "bytes 23-25/26", js.substr(23)},
      {"bytes=25-25", http::status::partial_content, "bytes 25-25/26", js.substr(25)},
      {"bytes=0-1000", http::status::partial_content, "bytes 0-25/26", js},
      {"bytes=-1000", http::status::partial_content, "bytes 0-25/26", js},
      {"BYTES=1-1", http::status::partial_content, "bytes 1-1/26", js.substr(1, 1)},
      {"bytes=26-", http::status::range_not_satisfiable, "bytes */26", "Range Not Satisfiable\n"},
      {"bytes=100-200", http::status::range_not_satisfiable, "bytes */26",
       "Range Not Satisfiable\n"},
      {"bytes=-0", http::status::range_not_satisfiable, "bytes */26", "Range Not Satisfiable\n"},
      {"bytes=99999999999999999999999-", http::status::range_not_satisfiable, "bytes */26",
       "Range Not Satisfiable\n"},
      {"bytes=0-1,3-4", http::status::ok, "", js},
      {"bytes=5-2", http::status::ok, "", js},
      {"bytes=abc", http::status::ok, "", js},
      {"bytes=", http::status::ok, "", js},
      {"bytes=-", http::status::ok, "", js},
      {"bytes=1-2-3", http::status::ok, "", js},
      {"bytes=+1-2", http::status::ok, "", js},
      {"bytes 0-1", http::status::ok, "", js},
      {"items=0-1", http::status::ok, "", js},
  }));
  CAPTURE(range);
  for (const http::verb method : {http::verb::get, http::verb::head}) {
    const response res = get_with(site, "/app.js", http::field::range, range, method);
    CHECK(res.result() == status);
    CHECK(header(res, http::field::content_range) == content_range);
    CHECK(header(res, http::field::accept_ranges) == "bytes");
    CHECK(header(res, http::field::content_length) == std::to_string(body.size()));
    if (method == http::verb::get) CHECK(res.body() == body);
  }
}

TEST_CASE("Ranges apply to the article JSON, the chosen encoding, and not to an empty file",
          "[server][range]") {
  temp_site site;
  const response article =
      get_with(site, "/api/articles/" + fixture_article_id, http::field::range, "bytes=0-0");
  CHECK(article.result() == http::status::partial_content);
  CHECK(article.body() == "{");

  add_siblings(site);
  request req = make_request(http::verb::get, "/app.js");
  req.set(http::field::accept_encoding, "br");
  req.set(http::field::range, "bytes=0-2");
  const response br = handle_request(site_config(site), req);
  CHECK(br.result() == http::status::partial_content);
  CHECK(br.body() == "BR:");
  CHECK(header(br, http::field::content_encoding) == "br");
  CHECK(header(br, http::field::content_range) == "bytes 0-2/" + std::to_string(br_bytes.size()));

  write_bytes(site.root / "empty.txt", "");
  const response empty = get_with(site, "/empty.txt", http::field::range, "bytes=0-");
  CHECK(empty.result() == http::status::range_not_satisfiable);
  CHECK(header(empty, http::field::content_range) == "bytes */0");
}

TEST_CASE("If-Range lets the range through only for the current date, and never for a weak tag",
          "[server][range]") {
  temp_site site;
  set_mtime(site.root / "app.js", fixed_mtime);
  const std::string etag =
      header(get_with(site, "/app.js", http::field::range, ""), http::field::etag);
  const auto [if_range, status] = GENERATE_REF(table<std::string, http::status>({
      {"", http::status::partial_content},
      {date(fixed_mtime), http::status::partial_content},
      {date(fixed_mtime + 1), http::status::ok},
      {etag, http::status::ok},  // weak: If-Range needs a strong match
      {etag.substr(2), http::status::ok},
      {"garbage", http::status::ok},
  }));
  CAPTURE(if_range);
  request req = make_request(http::verb::get, "/app.js");
  req.set(http::field::range, "bytes=0-5");
  if (!if_range.empty()) req.set(http::field::if_range, if_range);
  CHECK(handle_request(site_config(site), req).result() == status);
}

TEST_CASE("If-None-Match wins over Range", "[server][range]") {
  temp_site site;
  const std::string etag =
      header(get_with(site, "/app.js", http::field::range, ""), http::field::etag);
  request req = make_request(http::verb::get, "/app.js");
  req.set(http::field::range, "bytes=0-5");
  req.set(http::field::if_none_match, etag);
  CHECK(handle_request(site_config(site), req).result() == http::status::not_modified);
}

TEST_CASE(
    "Cache-Control: hashed names are immutable, the loader five minutes, html and json "
    "revalidated, others an hour",
    "[server][cache]") {
  temp_site site;
  for (const std::string name : {"news-widget.3fa9c2d1.js", "page.0123abcd.html",
                                 "data.DEADBEEF01.json", "news-widget.3fa9c2d.js", "3fa9c2d1.js",
                                 "news-widget.3fa9c2dg.css", "plain.css", "news-widget.js"}) {
    write_bytes(site.root / name, "x");
  }
  fs::create_symlink("news-widget.3fa9c2d1.js", site.root / "latest.js");
  const auto [target, cache_control] = GENERATE(table<std::string, std::string>({
      {"/news-widget.3fa9c2d1.js", "public, max-age=31536000, immutable"},
      {"/page.0123abcd.html", "public, max-age=31536000, immutable"},
      {"/data.DEADBEEF01.json", "public, max-age=31536000, immutable"},
      {"/news-widget.3fa9c2d.js", "public, max-age=3600"},    // 7 hex digits
      {"/3fa9c2d1.js", "public, max-age=3600"},               // the whole name, not a hash part
      {"/news-widget.3fa9c2dg.css", "public, max-age=3600"},  // not hex
      {"/plain.css", "public, max-age=3600"},
      {"/latest.js", "public, max-age=3600"},  // the URL's name is not versioned
      {"/", "no-cache"},
      {"/index.html", "no-cache"},
      {"/news-widget.js", "public, max-age=300, stale-while-revalidate=86400"},
      {"/api/articles/north-korea-10000-soldiers",
       "public, max-age=0, s-maxage=60, stale-while-revalidate=600"},
  }));
  CAPTURE(target);
  const response res = get_with(site, target, http::field::accept_encoding, "");
  CHECK(res.result() == http::status::ok);
  CHECK(header(res, http::field::cache_control) == cache_control);
}

TEST_CASE("has_content_hash looks for 8+ hex digits between the name and the extension",
          "[server][cache]") {
  const auto [name, hashed] = GENERATE(table<std::string, bool>({
      {"news-widget.3fa9c2d1.js", true},
      {"a.0123456789abcdef.wasm", true},
      {"app.3fa9c2d1.js.map", true},
      {"a.ABCDEF12.css", true},
      {"a.3fa9c2d.js", false},
      {"3fa9c2d1.js", false},
      {"a.js.3fa9c2d1", false},
      {"a.3fa9c2d1", false},
      {"a.3fa9c2dz.js", false},
      {"a..js", false},
      {"", false},
  }));
  CAPTURE(name);
  CHECK(has_content_hash(name) == hashed);
}

TEST_CASE("With a CORS allow-list only a listed Origin is granted, with Vary: Origin",
          "[server][cors]") {
  temp_site site;
  server_config config = site_config(site);
  config.cors_origins = {"https://partner.example", "http://127.0.0.1:8000"};
  const auto [method, target, origin, granted, vary] =
      GENERATE(table<http::verb, std::string, std::string, bool, std::string>({
          {http::verb::get, "/api/articles/north-korea-10000-soldiers", "https://partner.example",
           true, "Accept-Encoding, Origin"},
          {http::verb::get, "/app.js", "http://127.0.0.1:8000", true, "Accept-Encoding, Origin"},
          {http::verb::get, "/app.js", "https://evil.example", false, "Accept-Encoding, Origin"},
          {http::verb::get, "/app.js", "https://partner.example.evil", false,
           "Accept-Encoding, Origin"},
          {http::verb::get, "/app.js", "null", false, "Accept-Encoding, Origin"},
          {http::verb::get, "/app.js", "", false, "Accept-Encoding, Origin"},
          {http::verb::get, "/healthz", "https://partner.example", true, "Origin"},
          {http::verb::get, "/missing", "https://partner.example", true, "Origin"},
          {http::verb::options, "/app.js", "https://partner.example", true, "Origin"},
          {http::verb::options, "/app.js", "https://evil.example", false, "Origin"},
      }));
  CAPTURE(method, target, origin);
  request req = make_request(method, target);
  if (!origin.empty()) req.set(http::field::origin, origin);
  const response res = handle_request(config, req);
  CHECK(header(res, http::field::access_control_allow_origin) == (granted ? origin : ""));
  CHECK(header(res, http::field::vary) == vary);
}

TEST_CASE("Without an allow-list, or with *, every Origin gets * and no Vary: Origin",
          "[server][cors]") {
  temp_site site;
  server_config config = site_config(site);
  config.cors_origins = GENERATE(std::vector<std::string>{},
                                 std::vector<std::string>{"https://partner.example", "*"});
  request req = make_request(http::verb::get, "/healthz");
  req.set(http::field::origin, "https://anyone.example");
  const response res = handle_request(config, req);
  CHECK(header(res, http::field::access_control_allow_origin) == "*");
  CHECK(header(res, http::field::vary).empty());
}

TEST_CASE("error_response grants no origin when there is an allow-list", "[server][cors]") {
  server_config config;
  config.cors_origins = {"https://partner.example"};
  const response res = error_response(config, http::status::bad_request, 11, false);
  CHECK(header(res, http::field::access_control_allow_origin).empty());
  CHECK(header(res, http::field::vary) == "Origin");
}

TEST_CASE("normalize_origin accepts http(s) origins and writes them as browsers send them",
          "[server][cors]") {
  using origin = std::optional<std::string>;
  const auto [in, out] = GENERATE(table<std::string, origin>({
      {"http://127.0.0.1:8080", origin("http://127.0.0.1:8080")},
      {"http://127.0.0.1:8080/", origin("http://127.0.0.1:8080")},
      {"HTTPS://Widgets.Example.COM", origin("https://widgets.example.com")},
      {"https://widgets.example.com:443/", origin("https://widgets.example.com")},
      {"http://widgets.example.com:80", origin("http://widgets.example.com")},
      {"http://widgets.example.com:443", origin("http://widgets.example.com:443")},
      {"http://x:08080", origin("http://x:8080")},
      {"http://[::1]:8080", origin("http://[::1]:8080")},
      {"http://[::1]", origin("http://[::1]")},
      {"ftp://x", std::nullopt},
      {"http://", std::nullopt},
      {"http:///", std::nullopt},
      {"http://x/path", std::nullopt},
      {"http://x//", std::nullopt},
      {"http://x?q", std::nullopt},
      {"http://x#f", std::nullopt},
      {"http://user@x", std::nullopt},
      {"http://x:", std::nullopt},
      {"http://x:0", std::nullopt},
      {"http://x:65536", std::nullopt},
      {"http://x:123456", std::nullopt},
      {"http://x:80a", std::nullopt},
      {"http://[zz]", std::nullopt},
      {"http://[::1", std::nullopt},
      {"http://[::1]x", std::nullopt},
      {"http://a b", std::nullopt},
      {"http://a\"b", std::nullopt},
      {"//x", std::nullopt},
      {"x", std::nullopt},
      {"", std::nullopt},
  }));
  CAPTURE(in);
  CHECK(normalize_origin(in) == out);
}

TEST_CASE("coding_quality reads q-values, * and x-gzip", "[server][encoding]") {
  const auto [accept_encoding, coding, quality] = GENERATE(table<std::string, std::string, double>({
      {"", "br", 0.0},
      {"", "identity", 1.0},
      {"br", "br", 1.0},
      {"br;q=0.5", "br", 0.5},
      {"br;Q=0.25", "br", 0.25},
      {"br; q=1.000", "br", 1.0},
      {"br;q=1.001", "br", 0.0},
      {"br;q=0.1234", "br", 0.0},
      {"br;q=", "br", 0.0},
      {"gzip, br;q=0", "br", 0.0},
      {"*;q=0.3", "br", 0.3},
      {"*;q=0.3, br", "br", 1.0},
      {"*;q=0", "identity", 0.0},
      {"x-gzip;q=0.7", "gzip", 0.7},
      {"gzip", "x-gzip", 0.0},
      {",,br,,", "br", 1.0},
      {"brotli", "br", 0.0},
  }));
  CAPTURE(accept_encoding, coding);
  CHECK(coding_quality(accept_encoding, coding) == Approx(quality));
}

TEST_CASE("parse_range reads one range against the size", "[server][range]") {
  using k = range_request;
  const auto [range, size, kind, first, last] =
      GENERATE(table<std::string, std::uint64_t, k::kind_type, std::uint64_t, std::uint64_t>({
          {"bytes=0-0", 10, k::satisfiable, 0, 0},
          {"bytes=0-", 10, k::satisfiable, 0, 9},
          {"bytes=9-", 10, k::satisfiable, 9, 9},
          {"bytes=10-", 10, k::unsatisfiable, 0, 0},
          {"bytes=-10", 10, k::satisfiable, 0, 9},
          {"bytes=-11", 10, k::satisfiable, 0, 9},
          {"bytes=-1", 10, k::satisfiable, 9, 9},
          {"bytes=-0", 10, k::unsatisfiable, 0, 0},
          {"bytes=-5", 0, k::unsatisfiable, 0, 0},
          {"bytes=0-", 0, k::unsatisfiable, 0, 0},
          {"bytes=3-18446744073709551615", 10, k::satisfiable, 3, 9},
          {"bytes=3-99999999999999999999999", 10, k::satisfiable, 3, 9},
          {" bytes=1-2 ", 10, k::satisfiable, 1, 2},
          {"bytes=1-2,", 10, k::none, 0, 0},
          {"bytes=1 -2", 10, k::none, 0, 0},
          {"bytes=2-1", 10, k::none, 0, 0},
          {"bytes=-", 10, k::none, 0, 0},
          {"bytes=x-1", 10, k::none, 0, 0},
          {"bits=1-2", 10, k::none, 0, 0},
          {"", 10, k::none, 0, 0},
      }));
  CAPTURE(range, size);
  const range_request r = parse_range(range, size);
  CHECK(r.kind == kind);
  if (kind == k::satisfiable) {
    CHECK(r.first == first);
    CHECK(r.last == last);
  }
}

TEST_CASE("parse_http_date reads the three HTTP date formats and nothing else", "[server]") {
  using t = std::optional<std::time_t>;
  const auto [text, time] = GENERATE(table<std::string, t>({
      {"Sun, 06 Nov 1994 08:49:37 GMT", t(784111777)},
      {"Sunday, 06-Nov-94 08:49:37 GMT", t(784111777)},
      {"Sun Nov  6 08:49:37 1994", t(784111777)},
      {"Thu, 01 Jan 1970 00:00:00 GMT", t(0)},
      {"Tue, 29 Feb 2028 12:00:00 GMT", t(1835438400)},
      {"Sun, 06 Nov 1994 08:49:37 GMT ", std::nullopt},
      {"Sun, 6 Nov 1994 08:49:37 GMT", std::nullopt},
      {"Sun, 06 nov 1994 08:49:37 GMT", std::nullopt},
      {"Sun, 06 Nov 1994 24:00:00 GMT", std::nullopt},
      {"Sun, 31 Nov 1994 08:49:37 GMT", std::nullopt},
      {"Sun, 06 Nov 1969 08:49:37 GMT", std::nullopt},
      {"Sun Nov 6 08:49:37 1994", std::nullopt},
      {"1994-11-06T08:49:37Z", std::nullopt},
      {"", std::nullopt},
  }));
  CAPTURE(text);
  CHECK(parse_http_date(text) == time);
}

TEST_CASE("form_decode and percent_encode round-trip query values", "[server]") {
  CHECK(form_decode("a+b%20c%2Bd") == "a b c+d");
  CHECK(form_decode("100%") == "100%");
  CHECK(form_decode("%zz%4") == "%zz%4");
  CHECK(percent_encode("https://x.example/a b?c=d&e") ==
        "https%3A%2F%2Fx.example%2Fa%20b%3Fc%3Dd%26e");
  CHECK(percent_encode("az-AZ_09.~") == "az-AZ_09.~");
  const std::string any = "\x01\xff/\"<>'%+ \xC3\xA5";
  CHECK(form_decode(percent_encode(any)) == any);
}

TEST_CASE("find_stylesheet_path names the newest content-hashed stylesheet, else the stable one",
          "[server][cache]") {
  temp_site site;
  const fs::path widget = site.root / "widget";
  fs::create_directories(widget);
  CHECK(find_stylesheet_path(site.root) == "/widget/news-widget.css");
  write_bytes(widget / "news-widget.css", "a");
  write_bytes(widget / "news-widget.0123abcd.css.br", "b");  // not a stylesheet's name
  write_bytes(widget / "other.0123abcd.css", "c");
  write_bytes(widget / "news-widget.0123abcg.css", "d");  // not hex
  CHECK(find_stylesheet_path(site.root) == "/widget/news-widget.css");
  write_bytes(widget / "news-widget.0123abcd01.css", "e");
  fs::last_write_time(widget / "news-widget.0123abcd01.css",
                      fs::file_time_type::clock::now() - std::chrono::hours(2));
  CHECK(find_stylesheet_path(site.root) == "/widget/news-widget.0123abcd01.css");
  write_bytes(widget / "news-widget.fedcba9876.css", "f");
  CHECK(find_stylesheet_path(site.root) == "/widget/news-widget.fedcba9876.css");
}
