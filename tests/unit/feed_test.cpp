#include <catch2/catch.hpp>

#include "news_widget/feed.hpp"
#include "test_support.hpp"

using namespace news_widget;
using news_widget::testing::summary;

namespace {

using parsed = news_widget::testing::parsed_feed;

parsed parse(const std::string& json, const std::string& base = "https://news.example/api/a") {
  feed_request request;
  request.base_url = base;
  return news_widget::testing::read_parsed(json, request);
}

// A minimal valid feed with `article_extra` spliced into the article object
// and `root_extra` into the root.
std::string feed_with(const std::string& article_extra, const std::string& root_extra = "") {
  return "{\"version\":1," + root_extra + "\"article\":{\"title\":\"T\"" +
         (article_extra.empty() ? "" : "," + article_extra) + "}}";
}

const std::string& unknown_format = news_widget::testing::unknown_format_error;

}  // namespace

TEST_CASE("a feed that cannot be shown is an error with an exact diagnostic", "[feed]") {
  auto [json, expected] = GENERATE(table<std::string, std::string>({
      {"", "error json.syntax not valid JSON: unexpected end of input at byte 0"},
      {"{\"version\":1,", "error json.syntax not valid JSON: unexpected end of input at byte 13"},
      {"[1,2", "error json.syntax not valid JSON: unexpected end of input at byte 4"},
      {"{\"a\":tru}", "error json.syntax not valid JSON: syntax error at byte 8"},
      {"{\"a\" 1}", "error json.syntax not valid JSON: syntax error at byte 5"},
      {std::string("123\0", 4),
       "error json.syntax not valid JSON: control character 0x00 at byte 3"},
      // Neither our format nor one of the publishers' formats read since format detection.
      {"\"just a string\"", unknown_format},
      {"[]", unknown_format},
      {"{\"version\":2,\"article\":{\"title\":\"T\"}}",
       "error feed.version /version: format version 2 is not supported (this widget reads version "
       "1)"},
      {"{\"version\":\"1\",\"article\":{\"title\":\"T\"}}",
       "warning field.type /version: expected a number, got a string\n"
       "error feed.version /version: expected the format version number 1"},
      {"{\"version\":1}", "error article.missing /article: the feed has no article"},
      {"{\"version\":1,\"article\":[]}",
       "error article.type /article: expected an object, got an array"},
      {"{\"version\":1,\"article\":{}}",
       "error article.title /article/title: the article has no title"},
      {"{\"version\":1,\"article\":{\"title\":\"  \"}}",
       "error article.title /article/title: the article's title is empty"},
      {"{\"version\":1,\"article\":{\"title\":42}}",
       "error article.title /article/title: expected a string, got a number"},
  }));
  const parsed p = parse(json);
  CHECK_FALSE(p.f);
  CHECK(p.diags == expected);
}

TEST_CASE("a wrong optional field is left out with a warning naming its path", "[feed]") {
  auto [article_extra, expected] = GENERATE(table<std::string, std::string>({
      {"\"lead\":7", "warning field.type /article/lead: expected a string, got a number"},
      {"\"body\":\"text\"", "warning field.type /article/body: expected an array, got a string"},
      {"\"body\":[\"a\",3,null]",
       "warning field.type /article/body/1: expected a string, got a number\n"
       "warning field.type /article/body/2: expected a string, got null"},
      {"\"tags\":{}", "warning field.type /article/tags: expected an array, got an object"},
      {"\"published\":\"yesterday\"",
       "warning time.format /article/published: expected an ISO 8601 date-time with an offset, "
       "like "
       "\"2024-10-28T16:40:00+01:00\""},
      {"\"url\":\"javascript:alert(1)\"",
       "warning url.refused /article/url: scheme \"javascript:\" is not allowed (only http: and "
       "https:)"},
      {"\"image\":{\"url\":\"data:image/png;base64,AAAA\"}",
       "warning url.refused /article/image/url: scheme \"data:\" is not allowed (only http: and "
       "https:)"},
      {"\"image\":{\"alt\":\"no url\"}",
       "warning field.missing /article/image/url: image without a url: left out"},
      {"\"image\":{\"url\":\"/p.jpg\",\"width\":800}",
       "warning image.size /article/image: width and height must be given together: size ignored"},
      {"\"image\":{\"url\":\"/p.jpg\",\"width\":-1,\"height\":5}",
       "warning field.range /article/image/width: expected a whole number from 1 to 100000\n"
       "warning image.size /article/image: width and height must be given together: size ignored"},
      {"\"word_count\":1.5",
       "warning field.range /article/word_count: expected a whole number from 0 to 10000000"},
      {"\"image\":true", "warning field.type /article/image: expected an object, got a boolean"},
  }));
  const parsed p = parse(feed_with(article_extra));
  REQUIRE(p.f);
  CHECK(p.f->story.title == "T");
  CHECK(p.diags == expected);
}

TEST_CASE("related stories are validated one by one", "[feed]") {
  const parsed p = parse(feed_with("", R"("related":[
      {"title":"Kept","url":"/a","minutes":3},
      {"title":5},
      {"url":"/no-title"},
      "not an object",
      {"title":"Words","word_count":401},
      {"title":"Bad link","url":"vbscript:x","minutes":0}
    ],)"));
  REQUIRE(p.f);
  REQUIRE(p.f->related.size() == 3);
  CHECK(p.f->related[0].title == "Kept");
  CHECK(p.f->related[0].url == "https://news.example/a");
  CHECK(p.f->related[0].reading_minutes == 3);
  CHECK(p.f->related[1].title == "Words");
  CHECK(p.f->related[1].reading_minutes == 3);
  CHECK(p.f->related[2].url.empty());
  CHECK(p.f->related[2].reading_minutes == 0);
  CHECK(p.diags ==
        "warning field.type /related/1/title: expected a string, got a number\n"
        "warning related.title /related/2/title: related story without a title: left out\n"
        "warning field.type /related/3: expected an object, got a string\n"
        "warning url.refused /related/5/url: scheme \"vbscript:\" is not allowed (only http: and "
        "https:)\n"
        "warning field.range /related/5/minutes: expected a whole number from 1 to 1000");
}

TEST_CASE("reading time is words / 200 rounded up, at least 1; given minutes win", "[feed]") {
  auto [words, minutes] =
      GENERATE(table<int, int>({{0, 1}, {1, 1}, {200, 1}, {201, 2}, {400, 2}, {401, 3}}));
  CHECK(reading_minutes_for(words) == minutes);
  std::string body;
  for (int i = 0; i < words; ++i) body += i ? " w" : "w";
  const parsed p = parse(feed_with("\"body\":[\"" + body + "\"]"));
  REQUIRE(p.f);
  CHECK(p.f->story.word_count == words);
  CHECK(p.f->story.reading_minutes == minutes);
  const parsed given = parse(feed_with("\"body\":[\"" + body + "\"],\"word_count\":1000"));
  REQUIRE(given.f);
  CHECK(given.f->story.reading_minutes == 5);
}

TEST_CASE("unknown fields are ignored and a missing version reads as 1", "[feed]") {
  const parsed p = parse(R"({"article":{"title":"T","future_field":{"x":[1,2]}},"extra":true})");
  REQUIRE(p.f);
  CHECK(p.diags == "warning field.missing /version: no format version given: read as version 1");
}

TEST_CASE("limits are checked before anything recursive", "[feed][limits]") {
  SECTION("nesting deeper than 32 levels") {
    const std::string deep = std::string(500000, '[') + std::string(500000, ']');
    const parsed p = parse(deep);
    CHECK_FALSE(p.f);
    CHECK(p.diags == "error limit.depth nested deeper than 32 levels (at byte 32)");
  }
  SECTION("a million unclosed brackets") {
    const parsed p = parse(std::string(1000000, '['));
    CHECK_FALSE(p.f);
    CHECK(p.diags == "error limit.depth nested deeper than 32 levels (at byte 32)");
  }
  SECTION("32 levels are fine") {
    std::string nested = "{\"version\":1,\"article\":{\"title\":\"T\",\"x\":";
    nested += std::string(30, '[') + std::string(30, ']') + "}}";
    CHECK(parse(nested).f);
  }
  SECTION("input over 1 MiB") {
    const std::string big = feed_with("\"lead\":\"" + std::string(1 << 20, 'x') + "\"");
    const parsed p = parse(big);
    CHECK_FALSE(p.f);
    CHECK(p.diags == "error limit.size feed of " + std::to_string(big.size()) +
                         " bytes is over the limit of 1048576");
  }
  SECTION("a string over the limit is shortened on a character boundary") {
    std::string long_lead = "x";
    while (long_lead.size() < 20000) long_lead += "\xC3\xA5";
    const parsed p = parse(feed_with("\"lead\":\"" + long_lead + "\""));
    REQUIRE(p.f);
    CHECK(p.f->story.lead.size() == 16383);
    CHECK(p.diags ==
          "warning limit.string /article/lead: string of 20001 bytes shortened to the limit of "
          "16384");
  }
  SECTION("more paragraphs, tags or renditions than the limits") {
    auto [member, count, kept, diag] = GENERATE(table<std::string, int, std::size_t, std::string>({
        {"body", 250, 200,
         "warning limit.items /article/body: 250 items; only the first 200 are used"},
        {"tags", 60, 50, "warning limit.items /article/tags: 60 items; only the first 50 are used"},
    }));
    std::string items;
    for (int i = 0; i < count; ++i) items += std::string(i ? "," : "") + "\"x\"";
    const parsed p = parse(feed_with("\"" + member + "\":[" + items + "]"));
    REQUIRE(p.f);
    CHECK((member == "body" ? p.f->story.body.size() : p.f->story.tags.size()) == kept);
    CHECK(p.diags == diag);
  }
  SECTION("more related stories than the limit") {
    std::string items;
    for (int i = 0; i < 60; ++i) items += std::string(i ? "," : "") + "{\"title\":\"s\"}";
    const parsed p = parse(feed_with("", "\"related\":[" + items + "],"));
    REQUIRE(p.f);
    CHECK(p.f->related.size() == 50);
    CHECK(p.diags == "warning limit.items /related: 60 items; only the first 50 are used");
  }
}

TEST_CASE("relative URLs resolve against the feed's location, else the article's", "[feed][url]") {
  const std::string json = feed_with(
      R"("url":"https://publisher.example/world/story","image":{"url":"../media/p.jpg"})");
  const parsed from_feed = parse(json, "https://api.example/v1/articles/story");
  REQUIRE(from_feed.f);
  REQUIRE(from_feed.f->story.photo);
  CHECK(from_feed.f->story.photo->url == "https://api.example/v1/media/p.jpg");
  const parsed from_article = parse(json, "");
  REQUIRE(from_article.f);
  REQUIRE(from_article.f->story.photo);
  CHECK(from_article.f->story.photo->url == "https://publisher.example/media/p.jpg");
}

TEST_CASE("image renditions are kept sorted by width", "[feed]") {
  const parsed p =
      parse(feed_with(R"("image":{"url":"/l.jpg","width":1600,"height":900,"renditions":[
      {"url":"/l.jpg","width":1600},{"url":"/s.jpg","width":400},{"url":"/m.jpg"},{"url":"/m.jpg","width":800}]})"));
  REQUIRE(p.f);
  REQUIRE(p.f->story.photo);
  const auto& r = p.f->story.photo->renditions;
  REQUIRE(r.size() == 3);
  CHECK(r[0].width_px == 400);
  CHECK(r[1].width_px == 800);
  CHECK(r[2].width_px == 1600);
  CHECK(p.diags ==
        "warning field.missing /article/image/renditions/2: rendition needs a url and a width: "
        "left out");
}

TEST_CASE("lone surrogate escapes become U+FFFD; valid pairs are kept", "[feed][text]") {
  const std::string fffd = "\xEF\xBF\xBD";
  auto [escaped, expected] = GENERATE_COPY(table<std::string, std::string>({
      {"a\\ud800b", "a" + fffd + "b"},
      {"a\\udc00b", "a" + fffd + "b"},
      {"\\ud800", fffd},
      {"\\ud800\\ud800", fffd + fffd},
      {"\\ud83d\\udcf0", "\xF0\x9F\x93\xB0"},
      {"\\udcf0\\ud83d\\udcf0", fffd + "\xF0\x9F\x93\xB0"},
      {"\\ud800\\n", fffd},
      {"\\\\ud800", "\\ud800"},
  }));
  const parsed p = parse("{\"version\":1,\"article\":{\"title\":\"" + escaped + "\"}}");
  REQUIRE(p.f);
  CHECK(p.f->story.title == expected);
}
