// JSON Feed, schema.org JSON-LD and WordPress REST API documents: detection
// and the mapping rules, one table per rule, each with its exact diagnostics.
#include <catch2/catch.hpp>

#include <fstream>

#include "news_widget/feed.hpp"
#include "news_widget/render.hpp"
#include "test_support.hpp"

using namespace news_widget;
using news_widget::testing::summary;

namespace {

using parsed = testing::parsed_feed;

parsed read(const std::string& json, const std::string& item = "", bool list_only = false,
            const std::string& base = "") {
  feed_request request;
  request.base_url = base;
  request.item = item;
  request.list_only = list_only;
  return testing::read_parsed(json, request);
}

// A JSON Feed with `item` (an object's members) as its only item and `top` in the feed.
std::string json_feed(const std::string& item, const std::string& top = "") {
  return "{\"version\":\"https://jsonfeed.org/version/1.1\"," + top + "\"items\":[{" + item + "}]}";
}

// A JSON-LD NewsArticle with `members`, alone or (with `graph`) first in an @graph.
std::string json_ld(const std::string& members, const std::string& graph = "") {
  const std::string article = "{\"@type\":\"NewsArticle\",\"headline\":\"H\"" +
                              (members.empty() ? "" : "," + members) + "}";
  if (graph.empty()) return article;
  return "{\"@context\":\"https://schema.org\",\"@graph\":[" + article + "," + graph + "]}";
}

// A WordPress post with `members`.
std::string wp_post(const std::string& members) {
  return "{\"id\":5,\"title\":{\"rendered\":\"W\"}" + (members.empty() ? "" : "," + members) + "}";
}

std::string rfc3339(const std::optional<instant>& t) {
  return t ? format_rfc3339(civil_from_utc(t->utc_s, t->offset_min)) : "none";
}

const std::string& unknown_format = testing::unknown_format_error;

}  // namespace

TEST_CASE("the format is detected from the document's shape", "[formats]") {
  auto [json, format] = GENERATE(table<std::string, std::string>({
      {"{\"version\":1,\"article\":{\"title\":\"T\"}}", "news-widget"},
      {json_feed("\"title\":\"T\""), "json-feed"},
      {"{\"version\":\"http://jsonfeed.org/version/1\",\"items\":[{\"title\":\"T\"}]}",
       "json-feed"},
      {json_ld(""), "json-ld"},
      {"{\"@type\":[\"NewsArticle\",\"ReportageNewsArticle\"],\"headline\":\"H\"}", "json-ld"},
      {"{\"@type\":\"BlogPosting\",\"headline\":\"H\"}", "json-ld"},
      {"{\"@type\":\"Article\",\"headline\":\"H\"}", "json-ld"},
      {"{\"@type\":\"schema:LiveBlogPosting\",\"headline\":\"H\"}", "json-ld"},
      {"[{\"@type\":\"BreadcrumbList\"}," + json_ld("") + "]", "json-ld"},
      {json_ld("", "{\"@type\":\"WebPage\"}"), "json-ld"},
      {wp_post(""), "wordpress"},
      {"[" + wp_post("") + "," + wp_post("") + "]", "wordpress"},
  }));
  const parsed p = read(json);
  REQUIRE(p.f);
  CHECK(format_name(p.f->format) == format);
}

TEST_CASE("a document of no accepted format is an error naming the formats", "[formats]") {
  auto json = GENERATE(as<std::string>{},
                       // oEmbed: a version string that is not JSON Feed's
                       "{\"version\":\"1.0\",\"type\":\"rich\",\"title\":\"T\",\"html\":\"<b>\"}",
                       "{}", "[]", "[1,2]", "\"text\"", "42",
                       "{\"@context\":\"https://schema.org\",\"@type\":\"Person\",\"name\":\"x\"}",
                       "{\"@graph\":[{\"@type\":\"WebPage\"}]}", "{\"title\":\"not rendered\"}");
  const parsed p = read(json);
  CHECK_FALSE(p.f);
  CHECK(p.diags == unknown_format);
}

TEST_CASE("dates in every form feeds use", "[formats][dates]") {
  auto [date, expected, diags] = GENERATE(table<std::string, std::string, std::string>({
      {"2025-03-14T06:30:00+01:00", "2025-03-14T06:30:00+01:00", ""},
      {"2025-03-14 06:30:00+01:00", "2025-03-14T06:30:00+01:00", ""},
      {"2025-03-14T06:30:00.250-05:00", "2025-03-14T06:30:00-05:00", ""},
      {"2025-03-14T06:30:00+0100", "2025-03-14T06:30:00+01:00", ""},
      {"2018-01-06T08:00", "2018-01-06T08:00:00+00:00",
       "warning time.offset /items/0/date_published: no UTC offset: read as UTC"},
      {"2022-07-26 13:01:01", "2022-07-26T13:01:01+00:00",
       "warning time.offset /items/0/date_published: no UTC offset: read as UTC"},
      {"2025-06-30", "2025-06-30T00:00:00+00:00", ""},
      {"Fri, 31 May 2019 12:17:58 -0700", "2019-05-31T12:17:58-07:00", ""},
      {"31 May 2019 12:17 GMT", "2019-05-31T12:17:00+00:00", ""},
      {"Mon, 1 Dec 2025 09:00:00 +0000", "2025-12-01T09:00:00+00:00", ""},
      {"30086-30-09T811:3030:00+08:00", "none",
       "warning time.format /items/0/date_published: not a date: expected RFC 3339, ISO 8601 or "
       "RFC 2822, like \"2024-10-28T16:40:00+01:00\"; left out"},
      {"2025-02-30T10:00:00+00:00", "none",
       "warning time.format /items/0/date_published: not a date: expected RFC 3339, ISO 8601 or "
       "RFC 2822, like \"2024-10-28T16:40:00+01:00\"; left out"},
      {"Fri, 31 Foo 2019 12:17:58 -0700", "none",
       "warning time.format /items/0/date_published: not a date: expected RFC 3339, ISO 8601 or "
       "RFC 2822, like \"2024-10-28T16:40:00+01:00\"; left out"},
      {"", "none", "warning time.format /items/0/date_published: an empty date: left out"},
  }));
  const parsed p = read(json_feed("\"title\":\"T\",\"date_published\":\"" + date + "\""));
  REQUIRE(p.f);
  CAPTURE(date);
  CHECK(rfc3339(p.f->story.published) == expected);
  CHECK(p.diags == diags);
}

TEST_CASE("a date-only date shows no time of day", "[formats][dates]") {
  const parsed p = read(json_ld("\"datePublished\":\"2025-06-30\""));
  REQUIRE(p.f);
  CHECK(p.f->story.published_date_only);
  const render_result r = render(json_ld("\"datePublished\":\"2025-06-30\""), 600, "");
  CHECK(r.html.find("<time datetime=\"2025-06-30T00:00:00+00:00\">30 June 2025</time>") !=
        std::string::npos);
}

TEST_CASE("WordPress *_gmt dates are UTC; the others have no offset", "[formats][dates]") {
  const parsed gmt =
      read(wp_post("\"date\":\"2025-06-02T09:30:00\",\"date_gmt\":\"2025-06-02T07:30:00\","
                   "\"modified_gmt\":\"2025-06-02T09:00:00\""));
  REQUIRE(gmt.f);
  CHECK(rfc3339(gmt.f->story.published) == "2025-06-02T07:30:00+00:00");
  CHECK(rfc3339(gmt.f->story.updated) == "2025-06-02T09:00:00+00:00");
  CHECK(gmt.diags == "");
  const parsed local = read(wp_post("\"date\":\"2025-06-02T09:30:00\""));
  REQUIRE(local.f);
  CHECK(rfc3339(local.f->story.published) == "2025-06-02T09:30:00+00:00");
  CHECK(local.diags == "warning time.offset /date: no UTC offset: read as UTC");
}

TEST_CASE("images in every shape; the largest wins, icons are no photo", "[formats][images]") {
  auto [image, graph, expected, diags] =
      GENERATE(table<std::string, std::string, std::string, std::string>({
          {"\"https://x.example/a.jpg\"", "", "https://x.example/a.jpg 0x0", ""},
          {"{\"@type\":\"ImageObject\",\"url\":\"https://x.example/a.jpg\",\"width\":1200,"
           "\"height\":800}",
           "", "https://x.example/a.jpg 1200x800", ""},
          {"{\"contentUrl\":\"https://x.example/c.jpg\"}", "", "https://x.example/c.jpg 0x0", ""},
          {"[\"https://x.example/a.jpg\",{\"url\":\"https://x.example/b.jpg\",\"width\":\"1600\","
           "\"height\":\"900\"},{\"url\":\"https://x.example/s.jpg\",\"width\":800,\"height\":"
           "450}]",
           "", "https://x.example/b.jpg 1600x900", ""},
          {"{\"@id\":\"#img\"}",
           "{\"@type\":\"ImageObject\",\"@id\":\"#img\",\"url\":\"https://x.example/g.jpg\","
           "\"width\":720,\"height\":388}",
           "https://x.example/g.jpg 720x388", ""},
          {"\"/media/rel.jpg\"", "", "https://site.example/media/rel.jpg 0x0", ""},
          {"{\"url\":\"https://x.example/icon.png\",\"width\":192,\"height\":192}", "", "none",
           "warning image.icon /image: an icon-sized image: not shown as a photo"},
          {"{\"url\":\"javascript:alert(1)\"}", "", "none",
           "warning url.refused /image/url: scheme \"javascript:\" is not allowed (only http: and "
           "https:)"},
          {"42", "", "none", "warning field.type /image: expected a string, got a number"},
      }));
  const std::string members = "\"url\":\"https://site.example/a\",\"image\":" + image;
  const parsed p = read(graph.empty() ? json_ld(members) : json_ld(members, graph));
  REQUIRE(p.f);
  const auto& photo = p.f->story.photo;
  CAPTURE(image);
  CHECK((photo ? photo->url + " " + std::to_string(photo->width_px) + "x" +
                     std::to_string(photo->height_px)
               : "none") == expected);
  CHECK(p.diags == diags);
}

TEST_CASE("a JSON Feed item whose image is the site's icon has no photo", "[formats][images]") {
  const parsed p = read(json_feed("\"title\":\"T\",\"image\":\"https://x.example/favicon-192.png\"",
                                  "\"icon\":\"https://x.example/favicon-192.png\","));
  REQUIRE(p.f);
  CHECK_FALSE(p.f->story.photo);
  CHECK(p.diags == "warning image.icon /items/0/image: an icon-sized image: not shown as a photo");
}

TEST_CASE("WordPress featured media sizes become renditions", "[formats][images]") {
  const parsed p = read(testing::fixture("library-reopens-wordpress.json"));
  REQUIRE(p.f);
  REQUIRE(p.f->story.photo);
  const image& img = *p.f->story.photo;
  CHECK(img.url == "https://valley-news.example/wp-content/uploads/2025/06/garden.jpg");
  CHECK(img.width_px == 2000);
  CHECK(img.height_px == 1333);
  CHECK(img.alt == "The library's new roof garden");
  CHECK(img.caption == "The roof garden, with benches from the old reading room.");
  std::string widths;
  for (const image_rendition& r : img.renditions) widths += std::to_string(r.width_px) + " ";
  // Not the 150 x 150 "thumbnail": a square crop is another picture than
  // the 2000 x 1333 photo, not a smaller copy of it.
  CHECK(widths == "300 1024 2000 ");
}

TEST_CASE("bylines from every shape of author", "[formats][byline]") {
  auto [author, graph, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"\"Ana Lind\"", "", "Ana Lind"},
      {"{\"@type\":\"Person\",\"name\":\"Ana Lind\"}", "", "Ana Lind"},
      {"[{\"name\":\"Ana\"},{\"name\":\"Piet\"},\"Ana\"]", "", "Ana, Piet"},
      {"{\"@type\":\"Person\",\"name\":[\"Ana\",\"Lind\"]}", "", "Ana"},
      {"{\"@type\":\"Organization\",\"name\":\"Courier &amp; Co \"}", "", "Courier & Co"},
      {"[{\"@id\":\"#p\"}]", "{\"@type\":\"Person\",\"@id\":\"#p\",\"name\":\"Graph Person\"}",
       "Graph Person"},
      {"{\"@id\":\"#missing\"}", "", ""},
      {"{\"name\":\"\"}", "", ""},
  }));
  const std::string members = "\"author\":" + author;
  const parsed p = read(graph.empty() ? json_ld(members) : json_ld(members, graph));
  REQUIRE(p.f);
  CHECK(p.f->story.byline == expected);
}

TEST_CASE("JSON Feed bylines: authors over author, the item's over the feed's",
          "[formats][byline]") {
  auto [item, top, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"\"author\":{\"name\":\"One\"},\"authors\":[{\"name\":\"Two\"},{\"name\":\"Three\"}]", "",
       "Two, Three"},
      {"\"author\":{\"name\":\"One\"}", "\"authors\":[{\"name\":\"Feed\"}],", "One"},
      {"", "\"author\":{\"name\":\"Feed\",\"url\":null}", "Feed"},
  }));
  const parsed p = read(json_feed("\"title\":\"T\"" + (item.empty() ? "" : "," + item),
                                  top.empty() ? "" : top + (top.back() == ',' ? "" : ",")));
  REQUIRE(p.f);
  CHECK(p.f->story.byline == expected);
}

TEST_CASE("WordPress bylines, section and tags come from _embedded", "[formats][byline]") {
  const parsed p = read(testing::fixture("library-reopens-wordpress.json"));
  REQUIRE(p.f);
  CHECK(p.f->story.byline == "Lena Brook");
  CHECK(p.f->story.section == "Culture & Leisure");
  CHECK(p.f->story.tags == std::vector<std::string>{"Libraries", "Mill Street"});
  CHECK(p.f->site.name == "valley-news.example");
  CHECK(p.f->site.url == "https://valley-news.example/");
  CHECK(p.diags == "");
}

TEST_CASE("a missing title is made from the summary or the text", "[formats][title]") {
  auto [item, expected] = GENERATE(table<std::string, std::string>({
      {"\"summary\":\"<p>Short &amp; sweet</p>\"", "Short & sweet"},
      {"\"content_text\":\"Seals spotted on the north breakwater this morning, three of them, "
       "sunning themselves on the warm stones\"",
       "Seals spotted on the north breakwater this morning, three of them, sunning\u2026"},
      {"\"content_html\":\"<p>First paragraph.</p><p>Second.</p>\"", "First paragraph."},
  }));
  const parsed p = read(json_feed(item));
  REQUIRE(p.f);
  CHECK(p.f->story.title == expected);
}

TEST_CASE("a lead that is the start of the text is left out: the text has it", "[formats][lead]") {
  // The document, then the lead the card keeps and the warning.
  auto [json, lead, diags] = GENERATE(table<std::string, std::string, std::string>({
      // A JSON Feed summary that is the first two paragraphs.
      {json_feed("\"title\":\"T\",\"summary\":\"One, two.\",\"content_html\":"
                 "\"<p>One,</p><p>two.</p><p>Three.</p>\""),
       "",
       "warning article.repeated /items/0/summary: the lead is the start of the text: left out"},
      // A JSON-LD description cut short at a word's end.
      {json_ld("\"description\":\"Seals were seen\",\"articleBody\":\"Seals were seen on "
               "the breakwater.\""),
       "", "warning article.repeated /description: the lead is the start of the text: left out"},
      // A WordPress excerpt with its "[&hellip;]", cut inside a word.
      {wp_post("\"excerpt\":{\"rendered\":\"<p>Seals were se [&hellip;]</p>\"},"
               "\"content\":{\"rendered\":\"<p>Seals were seen.</p>\"}"),
       "",
       "warning article.repeated /excerpt/rendered: the lead is the start of the text: left out"},
      // A WordPress excerpt closed by its theme's "Continue reading" link: the
      // link is no part of it.
      {wp_post("\"excerpt\":{\"rendered\":\"<p>Seals were seen&hellip; <a class=\\\"more-link\\\" "
               "href=\\\"/p\\\">Continue reading</a></p>\"},\"content\":{\"rendered\":\"<p>Seals "
               "were seen on the breakwater.</p>\"}"),
       "",
       "warning article.repeated /excerpt/rendered: the lead is the start of the text: left out"},
      {wp_post("\"excerpt\":{\"rendered\":\"<p>Three seals. <a class=\\\"more-link\\\" "
               "href=\\\"/p\\\">Continue reading</a></p>\"},\"content\":{\"rendered\":\"<p>Seals "
               "were seen.</p>\"}"),
       "Three seals.", ""},
      // Leads that are not the text's start stay.
      {json_feed("\"title\":\"T\",\"summary\":\"Seals were se\",\"content_text\":"
                 "\"Seals were seen.\""),
       "Seals were se", ""},
      {json_feed("\"title\":\"T\",\"summary\":\"Seals, again.\",\"content_text\":"
                 "\"Seals were seen.\""),
       "Seals, again.", ""},
      {json_feed("\"title\":\"T\",\"summary\":\"One. Two. Three.\",\"content_html\":"
                 "\"<p>One.</p><p>Two.</p>\""),
       "One. Two. Three.", ""},
  }));
  CAPTURE(json);
  const parsed p = read(json);
  REQUIRE(p.f);
  CHECK(p.f->story.lead == lead);
  CHECK_FALSE(p.f->story.body.empty());  // the text stays whole
  CHECK(p.diags == diags);
}

TEST_CASE("an item with no title and no text is an error", "[formats][title]") {
  const parsed p = read(json_feed("\"id\":\"1\""));
  CHECK_FALSE(p.f);
  CHECK(p.diags ==
        "error article.title /items/0/title: the article has no title and no text to make one "
        "from");
}

TEST_CASE("entities in plain-text titles are decoded; tags in them stay text", "[formats][title]") {
  auto [title, expected] = GENERATE(table<std::string, std::string>({
      {"Workflow: Add Task &amp; Sub Tasks", "Workflow: Add Task & Sub Tasks"},
      {"&#8216;Jokes&#8217;", "\u2018Jokes\u2019"},
      {"Die R\u00fcckkehr von <i> und <b>", "Die R\u00fcckkehr von <i> und <b>"},
  }));
  const parsed p = read(json_feed("\"title\":\"" + title + "\""));
  REQUIRE(p.f);
  CHECK(p.f->story.title == expected);
  const render_result r = render(json_feed("\"title\":\"" + title + "\""), 600, "");
  CHECK(r.html.find("<i>") == std::string::npos);
}

TEST_CASE("section and tags", "[formats][tags]") {
  auto [json, section, tags] = GENERATE(table<std::string, std::string, std::string>({
      {json_ld("\"articleSection\":[\"City\",\"Politics\"],\"keywords\":\"a, b ,,c\""), "City",
       "a|b|c|"},
      {json_ld("\"articleSection\":\"Politics &amp; Government\",\"keywords\":[\"x\",\"y\"]"),
       "Politics & Government", "x|y|"},
      {json_feed("\"title\":\"T\",\"tags\":[\"Transport\",\"Harbour &amp; Coast\"]"), "",
       "Transport|Harbour & Coast|"},
      {json_feed("\"title\":\"T\",\"tags\":\"workflow,omnifocus\""), "", "workflow|omnifocus|"},
  }));
  const parsed p = read(json);
  REQUIRE(p.f);
  CHECK(p.f->story.section == section);
  std::string joined;
  for (const std::string& t : p.f->story.tags) joined += t + "|";
  CHECK(joined == tags);
}

TEST_CASE("site name, URL and language", "[formats][site]") {
  const parsed feed_site = read(json_feed(
      "\"title\":\"T\"",
      "\"title\":\"Blog &#8211; Site\",\"home_page_url\":\"https://s.example/\",\"language\":"
      "\"de-DE\","));
  REQUIRE(feed_site.f);
  CHECK(feed_site.f->site.name == "Blog \u2013 Site");
  CHECK(feed_site.f->site.url == "https://s.example/");
  CHECK(feed_site.f->site.locale == "de-DE");
  const parsed ld = read(json_ld("\"inLanguage\":\"ja\",\"publisher\":{\"@id\":\"#org\"}",
                                 "{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"Paper\","
                                 "\"url\":\"https://p.example/\"}"));
  REQUIRE(ld.f);
  CHECK(ld.f->site.name == "Paper");
  CHECK(ld.f->site.url == "https://p.example/");
  CHECK(ld.f->site.locale == "ja");
}

TEST_CASE("relative URLs resolve against the feed's URL; external_url is kept apart",
          "[formats][urls]") {
  const std::string feed =
      json_feed("\"title\":\"T\",\"url\":\"/2025/a\",\"external_url\":\"https://other.example/x\"",
                "\"feed_url\":\"https://blog.example/feed.json\",");
  const parsed own = read(feed);
  REQUIRE(own.f);
  CHECK(own.f->story.url == "https://blog.example/2025/a");
  CHECK(own.f->story.external_url == "https://other.example/x");
  const parsed fetched = read(feed, "", false, "https://mirror.example/feeds/f.json");
  REQUIRE(fetched.f);
  CHECK(fetched.f->story.url == "https://mirror.example/2025/a");
  const parsed wp = read(wp_post("\"link\":\"/2016/04/05/post/\""));
  REQUIRE(wp.f);
  CHECK(wp.f->story.url == "");
  CHECK(wp.diags == "warning url.refused /link: relative URL without an absolute http(s) base");
}

TEST_CASE("the item attribute picks the card by id or URL; the rest is More news",
          "[formats][item]") {
  const std::string feed = testing::fixture("harbour-ferry-jsonfeed.json");
  auto [item, title, related] = GENERATE(table<std::string, std::string, std::size_t>({
      {"", "Night ferry returns after \u2018a long, dry winter\u2019", 2},
      {"tide-warning", "Spring tide warning for the <i>lower</i> quay", 1},
      {"micro-1",
       "Seals spotted on the north breakwater this morning, three of them, sunning\u2026", 0},
      {"https://gazette.example/notes/1",
       "Seals spotted on the north breakwater this morning, three of them, sunning\u2026", 0},
  }));
  const parsed p = read(feed, item);
  REQUIRE(p.f);
  CHECK(p.f->story.title == title);
  CHECK(p.f->related.size() == related);
  const parsed missing = read(feed, "nope");
  CHECK_FALSE(missing.f);
  CHECK(missing.diags == "error feed.item ?item: no item has the id or URL \"nope\"");
}

TEST_CASE("list-only reading makes every item a related story", "[formats][item]") {
  const parsed p = read(testing::fixture("gazette-latest-wordpress.json"), "", true);
  REQUIRE(p.f);
  REQUIRE(p.f->related.size() == 3);
  CHECK(p.f->related[1].title == "Lighthouse open day: 112 steps & a view");
  CHECK(p.f->related[1].thumbnail->url == "https://gazette.example/media/lighthouse.jpg");
  CHECK(p.f->related[2].title == "Fish market moves to summer hours");
}

TEST_CASE("related micro-posts are titled from their summary or text", "[formats][title]") {
  const parsed p = read(
      "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"title\":\"Card\"},"
      "{\"summary\":\"<b>From</b> the summary\"},{\"content_html\":\"<p>From the "
      "HTML</p><p>x</p>\"},{\"content_text\":\"From the text\\nx\"},{\"id\":\"untitled\"}]}");
  REQUIRE(p.f);
  std::string titles;
  for (const related_story& s : p.f->related) titles += s.title + "|";
  CHECK(titles == "From the summary|From the HTML|From the text|");
}

TEST_CASE("only the items shown are read in full", "[formats][limits]") {
  // 100 items, each with a broken date: only the card's is read, so one warning.
  std::string items;
  for (int i = 0; i < 100; ++i) {
    items += std::string(i ? "," : "") + "{\"id\":\"" + std::to_string(i) +
             "\",\"title\":\"T\",\"date_published\":\"nonsense\",\"content_html\":\"<p>" +
             std::string(2000, 'x') + "</p>\"}";
  }
  const parsed p =
      read("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[" + items + "]}");
  REQUIRE(p.f);
  CHECK(p.f->related.size() == 50);
  CHECK(p.diags ==
        "warning time.format /items/0/date_published: not a date: expected RFC 3339, ISO 8601 or "
        "RFC 2822, like \"2024-10-28T16:40:00+01:00\"; left out");
}

TEST_CASE("reading time counts Japanese and Chinese by the character", "[formats][reading]") {
  std::string text;
  for (int i = 0; i < 1400; ++i) text += "\u8aad";  // 1,400 characters at 500 a minute
  const parsed p = read(json_ld("\"articleBody\":\"" + text + "\""));
  REQUIRE(p.f);
  CHECK(p.f->story.reading_minutes == 3);
}

TEST_CASE("the render result and show option", "[formats][render]") {
  const std::string feed = testing::fixture("harbour-ferry-jsonfeed.json");
  const render_result both = render(feed, 600, "");
  REQUIRE(both.ok);
  CHECK(std::string(both.format) == "json-feed");
  CHECK(both.html.find("nw-related") != std::string::npos);
  const render_result card = render(feed, 600, "show=card");
  CHECK(card.html.find("nw-related") == std::string::npos);
  CHECK(card.html.find("nw-title") != std::string::npos);
  const render_result list = render(feed, 600, "show=related");
  REQUIRE(list.ok);
  CHECK(list.html.find("nw-title") == std::string::npos);
  CHECK(testing::count_of(list.html, "nw-related-item") == 3);
  CHECK(list.html.find(">Harbour Gazette &amp; Tide Tables</h2>") != std::string::npos);
  // Nothing to list is the error state, never an empty card.
  const render_result none = render(feed, 600, "show=related&max-related=0");
  CHECK_FALSE(none.ok);
  CHECK(testing::summary(none.diagnostics).find("error feed.empty") != std::string::npos);
  CHECK(none.html.find("nw-error") != std::string::npos);
  const render_result bad = render(feed, 600, "show=sideways");
  CHECK(testing::summary(bad.diagnostics)
            .find("warning option.show ?show: expected card, related or both") == 0);
  const render_result unknown = render("{}", 600, "");
  CHECK(std::string(unknown.format) == "");
}

TEST_CASE("a related feed the host could not fetch leaves the card without More news",
          "[formats][render]") {
  const std::string feed = testing::fixture("harbour-ferry-jsonfeed.json");
  const render_result r = render(feed, 600, "related-error=HTTP%20404");
  REQUIRE(r.ok);
  CHECK(r.html.find("nw-related") == std::string::npos);
  CHECK(testing::summary(r.diagnostics) ==
        "warning related.unusable ?related-src: the related feed cannot be shown (HTTP 404): no "
        "\"More news\"");
  const render_result list = render(feed, 600, "show=related&related-error=HTTP%20404");
  CHECK_FALSE(list.ok);
  CHECK(testing::summary(list.diagnostics).find("error feed.empty") != std::string::npos);
}

TEST_CASE("the format option is checked against the feed's own format", "[formats][render]") {
  const std::string jsonfeed = testing::fixture("harbour-ferry-jsonfeed.json");
  auto [query, expected] = GENERATE(table<std::string, std::string>({
      {"format=json-feed", ""},
      {"", ""},
      {"format=", ""},
      {"format=wordpress", "warning option.format ?format: the feed is json-feed, not wordpress"},
      {"format=news-widget",
       "warning option.format ?format: the feed is json-feed, not news-widget"},
  }));
  CAPTURE(query);
  const render_result r = render(jsonfeed, 600, query);
  REQUIRE(r.ok);
  // The feed is read whatever the option says; only the warning differs.
  CHECK(std::string(r.format) == "json-feed");
  std::vector<diagnostic> about_format;
  for (const diagnostic& d : r.diagnostics) {
    if (d.id == "option.format") about_format.push_back(d);
  }
  CHECK(testing::summary(about_format) == expected);
}

TEST_CASE("a related feed fills More news, without the card's own article", "[formats][render]") {
  const std::string feed = testing::fixture("harbour-ferry-jsonfeed.json");
  const std::string related = testing::fixture("gazette-latest-wordpress.json");
  const render_result r = render(
      feed, 600, "related-base=https%3A%2F%2Fgazette.example%2Fwp-json%2Fwp%2Fv2%2Fposts", related);
  REQUIRE(r.ok);
  CHECK(testing::count_of(r.html, "nw-related-item") == 2);
  CHECK(r.html.find("Lighthouse open day: 112 steps &amp; a view") != std::string::npos);
  CHECK(r.html.find("href=\"https://gazette.example/2025/03/fish-market-hours\"") !=
        std::string::npos);
  CHECK(r.html.find("Spring tide") == std::string::npos);  // the first feed's own list is replaced
  const render_result broken = render(feed, 600, "", "{\"version\":\"1.0\"}");
  REQUIRE(broken.ok);
  CHECK(broken.html.find("nw-related") == std::string::npos);
  CHECK(testing::summary(broken.diagnostics) ==
        "warning related.unusable ?related-src: the related feed cannot be shown (not a feed this "
        "widget reads: expected news-widget JSON (version 1), a JSON Feed (1.0 or 1.1), a "
        "WordPress REST API post or list of posts, or schema.org Article JSON-LD (an object, an "
        "array or an @graph)): no \"More news\"");
}

TEST_CASE("one fixture per format renders as its reviewed golden copy", "[formats][golden]") {
  auto [name, options] = GENERATE(table<std::string, std::string>({
      {"harbour-ferry-jsonfeed", ""},
      {"council-budget-jsonld", ""},
      {"library-reopens-wordpress", ""},
      {"gazette-latest-wordpress", "show=related"},
  }));
  const render_result r = render(testing::fixture(name + ".json"), 600, options);
  REQUIRE(r.ok);
  const std::string golden_path = std::string(NEWS_WIDGET_GOLDEN_DIR) + "/" + name + ".html";
  const std::string expected = testing::read_file(golden_path);
  if (r.html != expected) {
    // Written beside the golden copy for review: diff it, and copy it over if right.
    std::ofstream(golden_path + ".actual") << r.html;
  }
  CHECK(r.html == expected);
}
