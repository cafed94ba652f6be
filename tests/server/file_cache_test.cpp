// The file cache behind handle_request: answers from memory for at most the
// revalidation interval, then looks on disk again (edits, deletions, symlinks
// re-pointed out of the root); the same responses as without it; its limits;
// many threads at once. Handler tests without sockets, with a manual clock.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "file_cache.hpp"
#include "handler_test_support.hpp"
#include "http_handler.hpp"
#include "session.hpp"
#include "temp_site.hpp"

namespace {

namespace fs = std::filesystem;
using namespace news_widget::http_server;
using news_widget::http_server::testing::fixture_article_id;
using news_widget::http_server::testing::header;
using news_widget::http_server::testing::make_request;
using news_widget::http_server::testing::read_bytes;
using news_widget::http_server::testing::sentinel_text;
using news_widget::http_server::testing::site_config;
using news_widget::http_server::testing::temp_site;
using news_widget::http_server::testing::write_bytes;
using namespace std::chrono_literals;

// A steady clock the test moves by hand.
struct manual_clock {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
  file_cache::clock_type function() {
    return [this] { return now; };
  }
};

// A cache on `clock` with the default limits but for `revalidate_after`.
file_cache_limits limits_revalidating_after(std::chrono::milliseconds revalidate_after) {
  file_cache_limits limits;
  limits.revalidate_after = revalidate_after;
  return limits;
}

response get(const temp_site& site, file_cache* cache, const std::string& target,
             http::verb method = http::verb::get) {
  return handle_request(site_config(site), make_request(method, target), cache);
}

// Replaces `path` as a deploy does: a new file renamed over the old one.
void replace_file(const fs::path& path, const std::string& bytes) {
  const fs::path temp = path.string() + ".tmp";
  write_bytes(temp, bytes);
  fs::rename(temp, path);
}

}  // namespace

TEST_CASE("A cached file is answered from memory until the interval is over, then re-read",
          "[server][cache]") {
  temp_site site;
  manual_clock clock;
  file_cache cache(limits_revalidating_after(1000ms), clock.function());

  const response first = get(site, &cache, "/app.js");
  CHECK(first.body() == site.app_js);
  CHECK(cache.entries() == 1);
  CHECK(cache.content_bytes() == site.app_js.size());

  const std::string edited = "export const answer = 43; // edited\n";
  replace_file(site.root / "app.js", edited);
  clock.now += 999ms;
  CHECK(get(site, &cache, "/app.js").body() == site.app_js);  // within the interval

  clock.now += 1ms;
  const response fresh = get(site, &cache, "/app.js");
  CHECK(fresh.body() == edited);
  CHECK(header(fresh, http::field::etag) != header(first, http::field::etag));
  CHECK(header(fresh, http::field::content_length) == std::to_string(edited.size()));
  CHECK(cache.content_bytes() == edited.size());

  // An edit in place (same inode) is found as well.
  write_bytes(site.root / "app.js", "x");
  clock.now += 1s;
  CHECK(get(site, &cache, "/app.js").body() == "x");
}

TEST_CASE("With a revalidation interval of 0 every request sees the file as it is on disk",
          "[server][cache]") {
  temp_site site;
  manual_clock clock;
  file_cache cache(limits_revalidating_after(0ms), clock.function());
  CHECK(get(site, &cache, "/app.js").body() == site.app_js);
  for (const std::string version : {"one", "two, longer", "3"}) {
    write_bytes(site.root / "app.js", version);
    CHECK(get(site, &cache, "/app.js").body() == version);
  }
}

TEST_CASE("A cached file deleted on disk is a 404 once the interval is over, and forgotten",
          "[server][cache]") {
  temp_site site;
  manual_clock clock;
  file_cache cache(limits_revalidating_after(1000ms), clock.function());
  REQUIRE(get(site, &cache, "/app.js").result() == http::status::ok);
  REQUIRE(get(site, &cache, "/sub/").result() == http::status::ok);
  REQUIRE(cache.entries() == 2);

  fs::remove(site.root / "app.js");
  fs::remove_all(site.root / "sub");
  clock.now += 1s;
  CHECK(get(site, &cache, "/app.js").result() == http::status::not_found);
  CHECK(get(site, &cache, "/sub/").result() == http::status::not_found);
  CHECK(cache.entries() == 0);
  CHECK(cache.content_bytes() == 0);
}

TEST_CASE("A symlink escape is refused before and after caching", "[server][cache][traversal]") {
  temp_site site;
  manual_clock clock;
  file_cache cache(limits_revalidating_after(1000ms), clock.function());

  SECTION("links out of the root are never cached") {
    for (int i = 0; i < 2; ++i) {
      for (const std::string target : {"/escape-file", "/escape-dir/secret", "/escape-dir/"}) {
        CAPTURE(target);
        const response res = get(site, &cache, target);
        CHECK(res.result() == http::status::not_found);
        CHECK(res.body().find(sentinel_text) == std::string::npos);
      }
      clock.now += 1s;
    }
    CHECK(cache.entries() == 0);
  }
  SECTION("a cached link re-pointed out of the root") {
    REQUIRE(get(site, &cache, "/inside-link.js").body() == site.app_js);
    fs::remove(site.root / "inside-link.js");
    fs::create_symlink(site.base / "secret", site.root / "inside-link.js");
    clock.now += 1s;
    const response res = get(site, &cache, "/inside-link.js");
    CHECK(res.result() == http::status::not_found);
    CHECK(res.body().find(sentinel_text) == std::string::npos);
  }
  SECTION("a cached directory replaced by a link out of the root") {
    REQUIRE(get(site, &cache, "/sub/index.html").body() == site.sub_index_html);
    fs::remove_all(site.root / "sub");
    fs::create_directory_symlink(site.base, site.root / "sub");
    write_bytes(site.base / "index.html", sentinel_text);
    clock.now += 1s;
    for (const std::string target : {"/sub/index.html", "/sub/", "/sub/secret"}) {
      CAPTURE(target);
      const response res = get(site, &cache, target);
      CHECK(res.result() == http::status::not_found);
      CHECK(res.body().find(sentinel_text) == std::string::npos);
    }
  }
  SECTION("a cached file's sibling re-pointed out of the root") {
    write_bytes(site.root / "app.js.br", "BR");
    request req = make_request(http::verb::get, "/app.js");
    req.set(http::field::accept_encoding, "br");
    REQUIRE(handle_request(site_config(site), req, &cache).body() == "BR");
    fs::remove(site.root / "app.js.br");
    fs::create_symlink(site.base / "secret", site.root / "app.js.br");
    clock.now += 1s;
    const response res = handle_request(site_config(site), req, &cache);
    CHECK(res.body() == site.app_js);
    CHECK(header(res, http::field::content_encoding).empty());
  }
}

TEST_CASE("A precompressed sibling added or removed is noticed after the interval",
          "[server][cache][encoding]") {
  temp_site site;
  manual_clock clock;
  file_cache cache(limits_revalidating_after(1000ms), clock.function());
  request req = make_request(http::verb::get, "/app.js");
  req.set(http::field::accept_encoding, "gzip");
  CHECK(handle_request(site_config(site), req, &cache).body() == site.app_js);

  write_bytes(site.root / "app.js.gz", "GZ");
  clock.now += 1s;
  const response gz = handle_request(site_config(site), req, &cache);
  CHECK(gz.body() == "GZ");
  CHECK(header(gz, http::field::content_encoding) == "gzip");

  fs::remove(site.root / "app.js.gz");
  clock.now += 1s;
  const response plain = handle_request(site_config(site), req, &cache);
  CHECK(plain.body() == site.app_js);
  CHECK(header(plain, http::field::content_encoding).empty());
}

TEST_CASE("With a cache every response is the one the handler gives without it",
          "[server][cache]") {
  temp_site site;
  write_bytes(site.root / "app.js.br", "BR:app");
  write_bytes(site.root / "app.js.gz", "GZ:app");
  write_bytes(site.root / "empty.txt", "");
  manual_clock clock;
  file_cache cache(limits_revalidating_after(1000ms), clock.function());
  const std::string etag = header(get(site, nullptr, "/app.js"), http::field::etag);
  const std::string last_modified =
      header(get(site, nullptr, "/app.js"), http::field::last_modified);

  const auto [method, target, field,
              value] = GENERATE_REF(table<http::verb, std::string, http::field, std::string>({
      {http::verb::get, "/", http::field::unknown, ""},
      {http::verb::get, "/sub", http::field::unknown, ""},
      {http::verb::get, "/sub/", http::field::unknown, ""},
      {http::verb::head, "/app.js", http::field::unknown, ""},
      {http::verb::get, "/app.js", http::field::accept_encoding, "br"},
      {http::verb::get, "/app.js", http::field::accept_encoding, "gzip"},
      {http::verb::get, "/app.js", http::field::accept_encoding, "br;q=0, identity"},
      {http::verb::get, "/app.js", http::field::if_none_match, etag},
      {http::verb::get, "/app.js", http::field::if_modified_since, last_modified},
      {http::verb::get, "/app.js", http::field::range, "bytes=3-9"},
      {http::verb::get, "/app.js", http::field::range, "bytes=-4"},
      {http::verb::get, "/app.js", http::field::range, "bytes=900-"},
      {http::verb::get, "/empty.txt", http::field::range, "bytes=0-"},
      {http::verb::get, "/widget.wasm", http::field::unknown, ""},
      {http::verb::get, "/missing.js", http::field::unknown, ""},
      {http::verb::get, "/app.js/", http::field::unknown, ""},
      {http::verb::get, "/escape-file", http::field::unknown, ""},
      {http::verb::get, "/api/articles/" + fixture_article_id, http::field::unknown, ""},
      {http::verb::get, "/api/articles/" + fixture_article_id, http::field::range, "bytes=0-0"},
      {http::verb::get, "/api/articles/nope", http::field::unknown, ""},
      {http::verb::get, "/render/" + fixture_article_id + "?width=600", http::field::unknown, ""},
      {http::verb::get, "/oembed?url=https%3A%2F%2Fx.example%2F" + fixture_article_id,
       http::field::unknown, ""},
  }));
  CAPTURE(target, value);
  request req = make_request(method, target);
  if (field != http::field::unknown) req.set(field, value);
  const response expected = handle_request(site_config(site), req);
  for (int pass = 0; pass < 2; ++pass) {  // the first fills the cache, the second reads it
    CAPTURE(pass);
    const response actual = handle_request(site_config(site), req, &cache);
    CHECK(actual.result() == expected.result());
    CHECK(actual.body() == expected.body());
    std::string actual_header;
    std::string expected_header;
    serialize_header(actual, actual_header);
    serialize_header(expected, expected_header);
    CHECK(actual_header == expected_header);
  }
}

TEST_CASE("The cache keeps to its limits, least recently used out first", "[server][cache]") {
  temp_site site;
  manual_clock clock;
  file_cache_limits limits;
  limits.max_content_bytes = 100;
  limits.max_total_bytes = 250;
  limits.max_entries = 3;
  file_cache cache(limits, clock.function());
  for (const char* name : {"a.txt", "b.txt", "c.txt"})
    write_bytes(site.root / name, std::string(100, name[0]));
  write_bytes(site.root / "big.txt", std::string(101, 'B'));

  CHECK(get(site, &cache, "/a.txt").body() == std::string(100, 'a'));
  CHECK(get(site, &cache, "/b.txt").body() == std::string(100, 'b'));
  CHECK(cache.content_bytes() == 200);
  CHECK(get(site, &cache, "/a.txt").body() == std::string(100, 'a'));  // a is now the most recent
  CHECK(get(site, &cache, "/c.txt").body() == std::string(100, 'c'));  // over 250 bytes: b goes
  CHECK(cache.entries() == 2);
  CHECK(cache.content_bytes() == 200);

  // Larger than max_content_bytes: remembered without content, read per request.
  CHECK(get(site, &cache, "/big.txt").body() == std::string(101, 'B'));
  CHECK(cache.entries() == 3);
  CHECK(cache.content_bytes() == 200);
  write_bytes(site.root / "big.txt", std::string(101, 'b'));  // same size, within the interval
  CHECK(get(site, &cache, "/big.txt").body() == std::string(101, 'b'));
  const response range = [&] {
    request req = make_request(http::verb::get, "/big.txt");
    req.set(http::field::range, "bytes=100-");
    return handle_request(site_config(site), req, &cache);
  }();
  CHECK(range.result() == http::status::partial_content);
  CHECK(range.body() == "b");

  // A fourth entry pushes out the least recently used one (a).
  CHECK(get(site, &cache, "/sub/").body() == site.sub_index_html);
  CHECK(cache.entries() == 3);
  CHECK(cache.content_bytes() == 100 + site.sub_index_html.size());
}

TEST_CASE("Many threads share one cache while a file is replaced under them",
          "[server][cache][threads]") {
  temp_site site;
  const std::string version_a = "export const version = 'a';\n";
  const std::string version_b = "export const version = 'bb';\n";  // another size: another ETag
  write_bytes(site.root / "app.js", version_a);
  // A real clock and a short interval: the threads revalidate concurrently.
  file_cache cache(limits_revalidating_after(1ms));
  const server_config config = site_config(site);

  std::atomic<bool> writing{true};
  std::thread writer([&] {
    for (int i = 0; writing; ++i) {
      replace_file(site.root / "app.js", i % 2 == 0 ? version_b : version_a);
      std::this_thread::sleep_for(2ms);
    }
  });

  constexpr int thread_count = 4;
  constexpr int requests_per_thread = 20000;
  std::atomic<int> ok{0};
  std::atomic<int> wrong{0};
  std::atomic<int> served_b{0};  // responses with version_b: the replacement was seen
  std::vector<std::thread> readers;
  for (int t = 0; t < thread_count; ++t) {
    readers.emplace_back([&, t] {
      for (int i = 0; i < requests_per_thread; ++i) {
        const std::string target =
            (i + t) % 3 == 0 ? "/app.js" : ((i + t) % 3 == 1 ? "/sub/" : "/widget.wasm");
        const response res = handle_request(config, make_request(http::verb::get, target), &cache);
        bool good = res.result() == http::status::ok;
        if (target == "/app.js") {
          // Content and validator come from one version of the file.
          const std::string& body = res.body();
          char size_hex[32];
          std::snprintf(size_hex, sizeof size_hex, "W/\"%zx-", body.size());
          good = good && (body == version_a || body == version_b) &&
                 header(res, http::field::etag).rfind(size_hex, 0) == 0;
          if (body == version_b) ++served_b;
        } else {
          good = good && res.body() == (target == "/sub/" ? site.sub_index_html : site.widget_wasm);
        }
        ++(good ? ok : wrong);
      }
    });
  }
  for (std::thread& t : readers) t.join();
  writing = false;
  writer.join();
  CHECK(wrong == 0);
  CHECK(ok == thread_count * requests_per_thread);
  CHECK(served_b > 0);
  CHECK(cache.entries() <= 3);
}
