// /render/<id> and /oembed: the core's output served by the handler, without sockets.
#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "article_index.hpp"
#include "handler_test_support.hpp"
#include "http_handler.hpp"
#include "news_widget/diagnostic.hpp"
#include "news_widget/render.hpp"
#include "temp_site.hpp"

namespace {

using namespace news_widget::http_server;
namespace fs = std::filesystem;
using news_widget::http_server::testing::article_not_found;
using news_widget::http_server::testing::fixture_article_id;
using news_widget::http_server::testing::header;
using news_widget::http_server::testing::make_request;
using news_widget::http_server::testing::sentinel_text;
using news_widget::http_server::testing::site_config;
using news_widget::http_server::testing::temp_site;
using news_widget::http_server::testing::test_public_url;
using news_widget::http_server::testing::write_bytes;

const std::string no_article_for_url =
    R"({"error":"not_found","message":"no article for that url"})";
// The base the handler gives the core for the fixture, percent-encoded.
const std::string fixture_base =
    "base=https%3A%2F%2Fwidgets.example%2Fapi%2Farticles%2Fnorth-korea-10000-soldiers";
const std::string fixture_title = "USA: North Korea has sent 10,000 soldiers";

response get(const server_config& config, const std::string& target) {
  return handle_request(config, make_request(http::verb::get, target));
}

// The pre-rendered embed /oembed hands out: the script, and the element with
// the card for `width_px` as declarative shadow DOM. `origin`: the public
// URL ("" for none); `feed`: the article's feed, whose id is `id`.
std::string expected_embed_html(const std::string& feed, const std::string& origin,
                                const std::string& id, int width_px) {
  const std::string api_url = origin + "/api/articles/" + id;
  const news_widget::render_result card =
      news_widget::render(feed, width_px, "base=" + percent_encode(api_url));
  return "<script async src=\"" + origin + "/widget/news-widget.js\"></script><news-widget src=\"" +
         api_url + "\">" +
         news_widget::declarative_shadow_root(card, origin + "/widget/news-widget.css") +
         "</news-widget>";
}

// The oEmbed answer for the fixture, exactly.
std::string expected_oembed(const temp_site& site, int width_px, int height_px = -1) {
  if (height_px < 0) {
    height_px = news_widget::render(site.fixture_article(), width_px, "").estimated_height_px;
  }
  nlohmann::ordered_json out;
  out["version"] = "1.0";
  out["type"] = "rich";
  out["provider_name"] = "news-widget";
  out["provider_url"] = "https://widgets.example";
  out["title"] = "USA: North Korea has sent 10,000 soldiers";
  out["html"] = expected_embed_html(site.fixture_article(), "https://widgets.example",
                                    fixture_article_id, width_px);
  out["width"] = width_px;
  out["height"] = height_px;
  out["cache_age"] = 300;
  return out.dump();
}

// The folder's time set to `seconds` after the epoch: well in the past, so
// the index takes no read of it as racy, and each value is a distinct change.
void set_folder_time(const fs::path& dir, long seconds) {
  const struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
  REQUIRE(::utimensat(AT_FDCWD, dir.c_str(), times, 0) == 0);
}

}  // namespace

TEST_CASE("/render answers the core's card for the width and the whitelisted options",
          "[server][render]") {
  temp_site site;
  const server_config config = site_config(site);
  const std::string path = "/render/" + fixture_article_id;
  const auto [query, width_px, options] = GENERATE_REF(table<std::string, int, std::string>({
      {"", 600, fixture_base},
      {"?width=300", 300, fixture_base},
      {"?width=0", 0, fixture_base},
      {"?width=10000", 10000, fixture_base},
      {"?width=900&width=1000", 1000, fixture_base},
      {"?theme=dark&locale=sv-SE", 600, "theme=dark&locale=sv-SE&" + fixture_base},
      {"?layout=wide&max-related=3&heading-level=3", 600,
       "layout=wide&max-related=3&heading-level=3&" + fixture_base},
      // Values pass through as given; the core reports the bad ones as warnings.
      {"?theme=purple&locale=sv%2DSE", 600, "theme=purple&locale=sv%2DSE&" + fixture_base},
      // Anything else, a base of the client's included, never reaches the core.
      {"?base=https%3A%2F%2Fevil.example%2F&foo=bar&theme=dark&format=html", 600,
       "theme=dark&" + fixture_base},
  }));
  CAPTURE(query);
  const response res = get(config, path + query);
  REQUIRE(res.result() == http::status::ok);
  CHECK(header(res, http::field::content_type) == "text/html; charset=utf-8");
  CHECK(header(res, http::field::cache_control) ==
        "public, max-age=0, s-maxage=60, stale-while-revalidate=600");
  CHECK(header(res, http::field::etag).rfind("W/\"", 0) == 0);
  const news_widget::render_result expected =
      news_widget::render(site.fixture_article(), width_px, options);
  REQUIRE(expected.ok);
  CHECK(res.body() == expected.html);
  CHECK(header(res, http::field::content_length) == std::to_string(expected.html.size()));
}

TEST_CASE("/render resolves the feed's relative URLs against the public URL", "[server][render]") {
  temp_site site;
  const response res = get(site_config(site), "/render/" + fixture_article_id);
  REQUIRE(res.result() == http::status::ok);
  // The fixture's image is "/demo/images/north-korea-soldiers-1200.jpg", its
  // smallest rendition "/demo/images/north-korea-soldiers-480.jpg".
  CHECK(res.body().find(
            "src=\"https://widgets.example/demo/images/north-korea-soldiers-1200.jpg\"") !=
        std::string::npos);
  CHECK(res.body().find(
            "srcset=\"https://widgets.example/demo/images/north-korea-soldiers-480.jpg 480w") !=
        std::string::npos);
}

TEST_CASE("/render?format=shadow-root wraps the card as declarative shadow DOM",
          "[server][render]") {
  temp_site site;
  const response res =
      get(site_config(site), "/render/" + fixture_article_id + "?format=shadow-root&width=320");
  REQUIRE(res.result() == http::status::ok);
  CHECK(header(res, http::field::content_type) == "text/html; charset=utf-8");
  const news_widget::render_result card =
      news_widget::render(site.fixture_article(), 320, fixture_base);
  CHECK(res.body() == news_widget::declarative_shadow_root(
                          card, "https://widgets.example/widget/news-widget.css"));
}

TEST_CASE("/render's ETag differs by query and by feed, and If-None-Match gives 304",
          "[server][render]") {
  temp_site site;
  const server_config config = site_config(site);
  const std::string path = "/render/" + fixture_article_id;
  std::set<std::string> etags;
  for (const std::string query :
       {"", "?width=300", "?width=301", "?format=shadow-root", "?theme=dark", "?layout=wide"}) {
    etags.insert(header(get(config, path + query), http::field::etag));
  }
  CHECK(etags.size() == 6);
  // The default width and the explicit one are the same render.
  CHECK(header(get(config, path), http::field::etag) ==
        header(get(config, path + "?width=600"), http::field::etag));

  const std::string etag = header(get(config, path + "?width=300"), http::field::etag);
  request req = make_request(http::verb::get, path + "?width=300");
  req.set(http::field::if_none_match, etag);
  const response not_modified = handle_request(config, req);
  CHECK(not_modified.result() == http::status::not_modified);
  CHECK(not_modified.body().empty());
  CHECK(header(not_modified, http::field::etag) == etag);

  req.target(path + "?width=301");
  CHECK(handle_request(config, req).result() == http::status::ok);

  // Another public URL renders other links: another validator.
  server_config elsewhere = config;
  elsewhere.public_url = "https://cdn.example";
  CHECK(header(get(elsewhere, path + "?width=300"), http::field::etag) != etag);

  // A new feed (another size) is another validator too.
  write_bytes(site.data / (fixture_article_id + ".json"), site.fixture_article() + "\n");
  CHECK(header(get(config, path + "?width=300"), http::field::etag) != etag);
}

TEST_CASE("/render refuses a bad width or format with a JSON 400", "[server][render]") {
  temp_site site;
  const auto [query, message] = GENERATE(table<std::string, std::string>({
      {"?width=-1", "width must be a whole number from 0 to 10000"},
      {"?width=10001", "width must be a whole number from 0 to 10000"},
      {"?width=", "width must be a whole number from 0 to 10000"},
      {"?width=abc", "width must be a whole number from 0 to 10000"},
      {"?width=600px", "width must be a whole number from 0 to 10000"},
      {"?width=1e3", "width must be a whole number from 0 to 10000"},
      {"?width=%20600", "width must be a whole number from 0 to 10000"},
      {"?width=99999999999999999999", "width must be a whole number from 0 to 10000"},
      {"?format=json", "format must be html or shadow-root"},
      {"?format=", "format must be html or shadow-root"},
  }));
  CAPTURE(query);
  const response res = get(site_config(site), "/render/" + fixture_article_id + query);
  CHECK(res.result() == http::status::bad_request);
  CHECK(header(res, http::field::content_type) == "application/json; charset=utf-8");
  CHECK(res.body() == R"({"error":"bad_request","message":")" + message + "\"}");
}

TEST_CASE("/render of an unknown or invalid id is the API's JSON 404", "[server][render]") {
  temp_site site;
  const std::string target = GENERATE(
      "/render/nope", "/render/", "/render", "/render/North", "/render/a.b", "/render/secret",
      "/render/north-korea-10000-soldiers/", "/render/north-korea-10000-soldiers/x");
  CAPTURE(target);
  for (const http::verb method : {http::verb::get, http::verb::head}) {
    const response res = handle_request(site_config(site), make_request(method, target));
    CHECK(res.result() == http::status::not_found);
    CHECK(header(res, http::field::content_type) == "application/json; charset=utf-8");
    if (method == http::verb::get) CHECK(res.body() == article_not_found);
    CHECK(res.body().find(sentinel_text) == std::string::npos);
  }
}

TEST_CASE("/render of a feed the core refuses is a 422 with the core's diagnostics",
          "[server][render]") {
  temp_site site;
  const std::string feed =
      GENERATE(std::string(R"({"version":1,"article":{"lead":"no title"}})"),
               std::string("not json"), std::string(R"({"version":2})"), std::string("[]"));
  CAPTURE(feed);
  write_bytes(site.data / "broken.json", feed);
  const response res = get(site_config(site), "/render/broken?width=300");
  CHECK(res.result() == http::status::unprocessable_entity);
  CHECK(header(res, http::field::content_type) == "application/json; charset=utf-8");
  const news_widget::render_result expected = news_widget::render(
      feed, 300, "base=https%3A%2F%2Fwidgets.example%2Fapi%2Farticles%2Fbroken");
  REQUIRE_FALSE(expected.ok);
  REQUIRE_FALSE(expected.diagnostics.empty());
  CHECK(res.body() == R"({"error":"unrenderable","diagnostics":)" +
                          news_widget::to_json(expected.diagnostics) + "}");
  CHECK_FALSE(nlohmann::json::parse(res.body(), nullptr, false).is_discarded());
}

TEST_CASE("HEAD /render answers GET's headers without a body", "[server][render]") {
  temp_site site;
  const std::string target = "/render/" + fixture_article_id + "?width=480&format=shadow-root";
  const response got = get(site_config(site), target);
  const response head = handle_request(site_config(site), make_request(http::verb::head, target));
  CHECK(head.result() == http::status::ok);
  CHECK(head.body().empty());
  CHECK(header(head, http::field::content_length) == std::to_string(got.body().size()));
  CHECK(header(head, http::field::etag) == header(got, http::field::etag));
  CHECK(header(head, http::field::content_type) == "text/html; charset=utf-8");
}

TEST_CASE("/oembed finds the article by its API, render or page URL", "[server][oembed]") {
  temp_site site;
  const std::string url =
      GENERATE("https://widgets.example/api/articles/north-korea-10000-soldiers",
               "https://widgets.example/render/north-korea-10000-soldiers?width=300",
               "HTTPS://widgets.example/api/articles/north-korea-10000-soldiers",
               "http://other.example/news/north-korea-10000-soldiers/",
               "https://swedenherald.com/article/usa-north-korea-has-sent-10000-soldiers",
               "https://swedenherald.com/article/usa-north-korea-has-sent-10000-soldiers#comments");
  CAPTURE(url);
  const response res = get(site_config(site), "/oembed?url=" + percent_encode(url));
  REQUIRE(res.result() == http::status::ok);
  CHECK(header(res, http::field::content_type) == "application/json; charset=utf-8");
  CHECK(header(res, http::field::cache_control) == "public, max-age=300");
  CHECK(res.body() == expected_oembed(site, 600));
}

TEST_CASE("/oembed names a publisher's format in the embed code", "[server][oembed]") {
  temp_site site;
  const std::string feed =
      R"({"version":"https://jsonfeed.org/version/1.1","title":"Gazette","items":[)"
      R"({"id":"1","url":"https://gazette.example/a","title":"Ferry returns","content_text":"Text."}]})";
  write_bytes(site.data / "ferry.json", feed);
  const response res = get(
      site_config(site), "/oembed?url=" + percent_encode(test_public_url + "/api/articles/ferry"));
  REQUIRE(res.result() == http::status::ok);
  const nlohmann::json body = nlohmann::json::parse(res.body());
  const std::string html = body["html"];
  // The loader then fetches the core that reads JSON Feed at once.
  CHECK(html.find("<news-widget src=\"https://widgets.example/api/articles/ferry\" "
                  "format=\"json-feed\">") != std::string::npos);
  // Our own format needs no attribute.
  const response own =
      get(site_config(site),
          "/oembed?url=" + percent_encode(test_public_url + "/api/articles/" + fixture_article_id));
  CHECK(own.body().find("format=") == std::string::npos);
}

TEST_CASE("/oembed sizes the embed from maxwidth and maxheight", "[server][oembed]") {
  temp_site site;
  const std::string url = "/oembed?format=json&url=" +
                          percent_encode(test_public_url + "/api/articles/" + fixture_article_id);
  const auto [query, width_px] = GENERATE(table<std::string, int>({
      {"", 600},
      {"&maxwidth=500", 500},
      {"&maxwidth=280", 280},
      {"&maxwidth=100", 280},
      {"&maxwidth=1200", 1200},
      {"&maxwidth=5000", 1200},
  }));
  CAPTURE(query);
  const response res = get(site_config(site), url + query);
  REQUIRE(res.result() == http::status::ok);
  CHECK(res.body() == expected_oembed(site, width_px));

  const int height_px =
      news_widget::render(site.fixture_article(), width_px, "").estimated_height_px;
  REQUIRE(height_px > 100);
  CHECK(get(site_config(site), url + query + "&maxheight=100").body() ==
        expected_oembed(site, width_px, 100));
  CHECK(get(site_config(site), url + query + "&maxheight=100000").body() ==
        expected_oembed(site, width_px, height_px));
}

TEST_CASE("/oembed answers 400, 404 and 501 as oEmbed asks", "[server][oembed]") {
  temp_site site;
  const std::string known = percent_encode(test_public_url + "/api/articles/" + fixture_article_id);
  const auto [query, status, body] = GENERATE_REF(table<std::string, http::status, std::string>({
      {"", http::status::bad_request, R"({"error":"bad_request","message":"url is required"})"},
      {"?url=", http::status::bad_request,
       R"({"error":"bad_request","message":"url is required"})"},
      {"?maxwidth=300", http::status::bad_request,
       R"({"error":"bad_request","message":"url is required"})"},
      {"?url=" + known + "&maxwidth=abc", http::status::bad_request,
       R"({"error":"bad_request","message":"maxwidth must be a positive whole number"})"},
      {"?url=" + known + "&maxwidth=0", http::status::bad_request,
       R"({"error":"bad_request","message":"maxwidth must be a positive whole number"})"},
      {"?url=" + known + "&maxheight=-5", http::status::bad_request,
       R"({"error":"bad_request","message":"maxheight must be a positive whole number"})"},
      {"?url=" + known + "&format=xml", http::status::not_implemented,
       R"({"error":"not_implemented","message":"only format=json is supported"})"},
      {"?url=https%3A%2F%2Fwidgets.example%2Fapi%2Farticles%2Fnope", http::status::not_found,
       no_article_for_url},
      {"?url=ftp%3A%2F%2Fwidgets.example%2Fnorth-korea-10000-soldiers", http::status::not_found,
       no_article_for_url},
      {"?url=north-korea-10000-soldiers", http::status::not_found, no_article_for_url},
      {"?url=https%3A%2F%2Fx.example%2F..%2F..%2Fsecret", http::status::not_found,
       no_article_for_url},
      {"?url=https%3A%2F%2Fx.example%2Fsecret", http::status::not_found, no_article_for_url},
      {"?url=https%3A%2F%2Fswedenherald.com%2Farticle%2F", http::status::not_found,
       no_article_for_url},
      {"?url=https%3A%2F%2Fwidgets.example", http::status::not_found, no_article_for_url},
  }));
  CAPTURE(query);
  const response res = get(site_config(site), "/oembed" + query);
  CHECK(res.result() == status);
  CHECK(header(res, http::field::content_type) == "application/json; charset=utf-8");
  CHECK(res.body() == body);
}

TEST_CASE("/oembed escapes the title as JSON", "[server][oembed]") {
  temp_site site;
  const std::string title = "He said \"no\" \\ <b>&amp;</b> \xC3\xA5 \t tab";
  nlohmann::json feed = nlohmann::json::parse(site.fixture_article());
  feed["article"]["title"] = title;
  feed["article"]["url"] = "https://swedenherald.com/article/quoted";
  write_bytes(site.data / "quoted.json", feed.dump());
  const response res = get(site_config(site),
                           "/oembed?url=https%3A%2F%2Fswedenherald.com%2F"
                           "article%2Fquoted&maxwidth=400");
  REQUIRE(res.result() == http::status::ok);
  nlohmann::json answer = nlohmann::json::parse(res.body(), nullptr, false);
  REQUIRE(answer.is_object());
  // The title as the core reads it (and the card shows it): the tab is a space.
  CHECK(answer["title"] == "He said \"no\" \\ <b>&amp;</b> \xC3\xA5   tab");
  CHECK(answer["width"] == 400);
  CHECK(answer["html"] ==
        expected_embed_html(feed.dump(), "https://widgets.example", "quoted", 400));
  CHECK(res.body().find("\"He said \\\"no\\\" \\\\ <b>") != std::string::npos);
}

TEST_CASE("/oembed of a feed the core refuses is a 422 with its diagnostics", "[server][oembed]") {
  temp_site site;
  write_bytes(site.data / "untitled.json", R"({"version":1,"article":{"lead":"x"}})");
  const response res = get(site_config(site), "/oembed?url=https%3A%2F%2Fx.example%2Funtitled");
  CHECK(res.result() == http::status::unprocessable_entity);
  CHECK(res.body().rfind(R"({"error":"unrenderable","diagnostics":[)", 0) == 0);
}

TEST_CASE("/oembed ignores feeds that are not objects when it looks for an article's URL",
          "[server][oembed]") {
  temp_site site;
  write_bytes(site.data / "array.json", "[1,2,3]");
  write_bytes(site.data / "bad.json", "{\"article\":");
  write_bytes(site.data / "url-number.json", R"({"article":{"url":5}})");
  write_bytes(site.data / "article-string.json", R"({"article":"https://swedenherald.com/x"})");
  CHECK(get(site_config(site), "/oembed?url=https%3A%2F%2Fswedenherald.com%2Fx").body() ==
        no_article_for_url);
  CHECK(get(site_config(site),
            "/oembed?url=https%3A%2F%2Fswedenherald.com%2Farticle%2F"
            "usa-north-korea-has-sent-10000-soldiers")
            .result() == http::status::ok);
}

TEST_CASE("Without a public URL, /render and /oembed write path-absolute URLs",
          "[server][render][oembed]") {
  temp_site site;
  const server_config config = news_widget::http_server::testing::site_directories(site);
  const response card = get(config, "/render/" + fixture_article_id);
  CHECK(card.body() == news_widget::render(site.fixture_article(), 600,
                                           "base=%2Fapi%2Farticles%2Fnorth-korea-10000-soldiers")
                           .html);
  nlohmann::json answer = nlohmann::json::parse(
      get(config, "/oembed?url=http%3A%2F%2Fx%2F" + fixture_article_id).body(), nullptr, false);
  REQUIRE(answer.is_object());
  CHECK(answer["html"] == expected_embed_html(site.fixture_article(), "", fixture_article_id, 600));
}

TEST_CASE("/oembed finds an article URL in an index read once, and again when the folder changes",
          "[server][oembed]") {
  temp_site site;
  const server_config config = site_config(site);
  article_index articles(config.data);
  const auto oembed = [&](const std::string& url) {
    return handle_request(config,
                          make_request(http::verb::get, "/oembed?url=" + percent_encode(url)),
                          nullptr, &articles);
  };
  const std::string known =
      "https://swedenherald.com/article/usa-north-korea-has-sent-10000-soldiers";
  const std::string added = "https://swedenherald.com/article/added-later";
  set_folder_time(site.data, 1000000000);
  for (int i = 0; i < 5; ++i) {
    CHECK(oembed(known).result() == http::status::ok);
    CHECK(oembed(added).body() == no_article_for_url);
  }
  CHECK(articles.scans() == 1);

  nlohmann::json feed = nlohmann::json::parse(site.fixture_article());
  feed["article"]["url"] = added;
  write_bytes(site.data / "added-later-id.json", feed.dump());
  set_folder_time(site.data, 1000000100);
  const response res = oembed(added);
  REQUIRE(res.result() == http::status::ok);
  CHECK(res.body().find("/api/articles/added-later-id\\\"") != std::string::npos);
  CHECK(oembed(known).result() == http::status::ok);
  CHECK(articles.scans() == 2);

  fs::remove(site.data / "added-later-id.json");
  set_folder_time(site.data, 1000000200);
  CHECK(oembed(added).body() == no_article_for_url);
  CHECK(articles.scans() == 3);
}
