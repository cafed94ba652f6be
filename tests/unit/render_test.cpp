#include <catch2/catch.hpp>
#include <cstdlib>

#include "news_widget/render.hpp"
#include "test_support.hpp"

using namespace news_widget;
using namespace news_widget::testing;

namespace {

std::string minimal_feed(const std::string& article_extra = "",
                         const std::string& root_extra = "") {
  return "{\"version\":1," + root_extra + "\"article\":{\"title\":\"Headline\"" +
         (article_extra.empty() ? "" : "," + article_extra) + "}}";
}

std::string related_items(int n) {
  std::string items;
  for (int i = 0; i < n; ++i) {
    items += std::string(i ? "," : "") + "{\"title\":\"Story " + std::to_string(i) +
             "\",\"url\":\"https://n.example/" + std::to_string(i) + "\",\"minutes\":2}";
  }
  return "\"related\":[" + items + "],";
}

}  // namespace

TEST_CASE("render_options are read from a query string", "[render][options]") {
  diagnostics d;
  const render_options o = parse_render_options(
      "?locale=sv-SE&layout=wide&max-related=5&heading-level=3&theme=dark&base=https%3A%2F%2Fa."
      "example%2Fx+y&unknown=1",
      d);
  CHECK(d.items().empty());
  CHECK(o.locale == "sv-SE");
  CHECK(o.force_layout);
  CHECK(o.forced_layout == layout_variant::wide);
  CHECK(o.max_related == 5);
  CHECK(o.heading_level == 3);
  CHECK(o.colour_theme == theme::dark);
  CHECK(o.base_url == "https://a.example/x y");
}

TEST_CASE("bad option values keep their defaults with a warning", "[render][options]") {
  auto [query, expected] = GENERATE(table<std::string, std::string>({
      {"layout=huge", "warning option.layout ?layout: expected auto, narrow, regular or wide"},
      {"max-related=-1",
       "warning option.max-related ?max-related: expected a whole number from 0 to 50"},
      {"max-related=51",
       "warning option.max-related ?max-related: expected a whole number from 0 to 50"},
      {"heading-level=7",
       "warning option.heading-level ?heading-level: expected a whole number from 1 to 6"},
      {"heading-level=",
       "warning option.heading-level ?heading-level: expected a whole number from 1 to 6"},
      {"theme=neon", "warning option.theme ?theme: expected light, dark or auto"},
      {"format=rss",
       "warning option.format ?format: expected news-widget, json-feed, json-ld or wordpress"},
  }));
  diagnostics d;
  const render_options o = parse_render_options(query, d);
  CHECK(summary(d.items()) == expected);
  const render_options defaults;
  CHECK(o.max_related == defaults.max_related);
  CHECK(o.heading_level == defaults.heading_level);
  CHECK(o.force_layout == defaults.force_layout);
  CHECK(o.colour_theme == defaults.colour_theme);
}

TEST_CASE("the container width and options decide the layout and list length", "[render][layout]") {
  auto [width, query, variant, items] = GENERATE(table<int, std::string, std::string, int>({
      {320, "", "narrow", 5},
      {600, "", "regular", 10},
      {1200, "", "wide", 20},
      {1200, "max-related=3", "wide", 3},
      {1200, "max-related=0", "wide", 0},
      {320, "layout=wide", "wide", 20},
      {1200, "layout=narrow&max-related=7", "narrow", 7},
  }));
  const render_result r = render(minimal_feed("", related_items(25)), width, query);
  REQUIRE(r.ok);
  CHECK_THAT(r.html, Catch::StartsWith("<article class=\"nw-card nw-card--" + variant + " "));
  CHECK(name_of(r.variant) == variant);
  CHECK(count_of(r.html, "<li class=\"nw-related-item\">") == items);
  CHECK(count_of(r.html, "<nav class=\"nw-related\"") == (items > 0 ? 1 : 0));
}

TEST_CASE("the narrow layout shortens a long lead at a word boundary", "[render][layout]") {
  std::string lead;
  for (int i = 0; i < 60; ++i) lead += "word ";
  const render_result narrow = render(minimal_feed("\"lead\":\"" + lead + "\""), 320, "");
  const render_result wide = render(minimal_feed("\"lead\":\"" + lead + "\""), 1200, "");
  CHECK_THAT(narrow.html, Catch::Contains("word word\xE2\x80\xA6</p>"));
  CHECK_THAT(wide.html, Catch::Contains("word word</p>"));
}

TEST_CASE("heading-level sets the headline's level and the sub-headings one below",
          "[render][a11y]") {
  auto [level, headline, sub] = GENERATE(table<int, std::string, std::string>({
      {1, "<h1 class=\"nw-title\"", "<h2 class=\"nw-related-heading\""},
      {2, "<h2 class=\"nw-title\"", "<h3 class=\"nw-related-heading\""},
      {6, "<h6 class=\"nw-title\"", "<h6 class=\"nw-related-heading\""},
  }));
  const render_result r = render(minimal_feed("\"tags\":[\"a\"]", related_items(1)), 600,
                                 "heading-level=" + std::to_string(level));
  CHECK_THAT(r.html, Catch::Contains(headline));
  CHECK_THAT(r.html, Catch::Contains(sub));
}

TEST_CASE("the theme option is reflected as a class", "[render][theme]") {
  auto [query, cls] = GENERATE(table<std::string, std::string>(
      {{"", "nw-theme-light"}, {"theme=dark", "nw-theme-dark"}, {"theme=auto", "nw-theme-auto"}}));
  CHECK_THAT(render(minimal_feed(), 600, query).html, Catch::Contains(cls));
}

TEST_CASE("feed text is escaped and cannot open markup", "[render][xss]") {
  const std::string payload = "<img src=x onerror=alert(1)>\\\"'&";
  const std::string json = minimal_feed(
      "\"lead\":\"" + payload + "\",\"tags\":[\"" + payload + "\"],\"byline\":\"" + payload + "\"",
      "\"site\":{\"name\":\"" + payload + "\"},");
  const render_result r = render(json, 600, "");
  REQUIRE(r.ok);
  CHECK(r.html.find("<img src=x") == std::string::npos);
  CHECK(r.html.find("onerror=alert") != std::string::npos);  // as text only
  CHECK(count_of(r.html, "&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;") == 4);
}

TEST_CASE("only http(s) URLs reach the markup", "[render][xss]") {
  const std::string json = minimal_feed(
      R"x("url":"javascript:alert(1)","image":{"url":"data:image/svg+xml,<svg onload=alert(1)>"})x",
      R"x("related":[{"title":"R","url":"vbscript:msgbox(1)"}],)x");
  const render_result r = render(json, 600, "");
  REQUIRE(r.ok);
  CHECK(r.html.find("javascript:") == std::string::npos);
  CHECK(r.html.find("data:") == std::string::npos);
  CHECK(r.html.find("vbscript:") == std::string::npos);
  CHECK(r.html.find("<a ") == std::string::npos);
  CHECK(r.html.find("<img") == std::string::npos);
  CHECK_THAT(r.html, Catch::Contains("<span class=\"nw-related-title\" dir=\"auto\">R</span>"));
  CHECK(count_of(summary(r.diagnostics), "url.refused") == 3);
}

TEST_CASE("missing optional parts are simply left out", "[render]") {
  const render_result r = render(minimal_feed(), 600, "");
  REQUIRE(r.ok);
  CHECK(r.diagnostics.empty());
  for (const char* absent :
       {"nw-lead", "<figure", "nw-body", "<footer", "nw-related", "<time", "nw-kicker", "<a "}) {
    CHECK(r.html.find(absent) == std::string::npos);
  }
  CHECK_THAT(r.html, Catch::Contains(">Headline</span></h2>"));
  CHECK_THAT(r.html, Catch::Contains("<li class=\"nw-readtime\">1 MIN READ</li>"));
}

TEST_CASE("times are shown in the site's zone, or with their own offset", "[render][time]") {
  const std::string article =
      R"("published":"2024-03-31T00:30:00Z","updated":"2024-03-31T01:30:00Z")";
  auto [site, expected, diag] = GENERATE(table<std::string, std::string, std::string>({
      {R"("site":{"time_zone":"Europe/Stockholm"},)",
       "Updated: <time datetime=\"2024-03-31T03:30:00+02:00\">31 March 2024, 03:30</time>", ""},
      {R"("site":{"time_zone":"America/New_York"},)",
       "Updated: <time datetime=\"2024-03-30T21:30:00-04:00\">30 March 2024, 21:30</time>", ""},
      {"", "Updated: <time datetime=\"2024-03-31T01:30:00+00:00\">31 March 2024, 01:30</time>", ""},
      {R"("site":{"time_zone":"Atlantis/Lost"},)",
       "Updated: <time datetime=\"2024-03-31T01:30:00+00:00\">31 March 2024, 01:30</time>",
       "warning site.time_zone /site/time_zone: unknown time zone \"Atlantis/Lost\": times shown "
       "with the offsets they were given in"},
  }));
  const render_result r = render(minimal_feed(article, site), 600, "");
  CHECK_THAT(r.html, Catch::Contains(expected));
  CHECK(summary(r.diagnostics) == diag);
}

TEST_CASE("the locale comes from the option, else the feed, else en-GB", "[render][locale]") {
  auto [site, query, lang, more_news, diag] =
      GENERATE(table<std::string, std::string, std::string, std::string, std::string>({
          {R"("site":{"locale":"sv-SE"},)", "", "sv-SE", "Fler nyheter", ""},
          {R"("site":{"locale":"sv-SE"},)", "locale=de-DE", "de-DE", "Weitere Nachrichten", ""},
          {"", "", "en-GB", "More news", ""},
          {"", "locale=en-US", "en-US", "More news", ""},
          {R"("site":{"locale":"fr-CA"},)", "", "fr-FR", "Autres actualit\u00E9s", ""},
          {R"("site":{"locale":"no"},)", "", "nb-NO", "Flere nyheter", ""},
          {R"("site":{"locale":"ar-EG"},)", "", "ar",
           "\u0627\u0644\u0645\u0632\u064A\u062F \u0645\u0646 "
           "\u0627\u0644\u0623\u062E\u0628\u0627\u0631",
           ""},
          {R"("site":{"locale":"ur-PK"},)", "", "en-GB", "More news",
           "warning locale.unknown /site/locale: no texts for locale \"ur-PK\": shown in en-GB"},
          {"", "locale=xx", "en-GB", "More news",
           "warning locale.unknown ?locale: no texts for locale \"xx\": shown in en-GB"},
          // An unknown option falls back to the content's language.
          {R"("site":{"locale":"sv-SE"},)", "locale=xx", "sv-SE", "Fler nyheter",
           "warning locale.unknown ?locale: no texts for locale \"xx\": shown in sv-SE"},
          {R"("site":{"locale":"ur"},)", "locale=xx", "en-GB", "More news",
           "warning locale.unknown ?locale: no texts for locale \"xx\": shown in en-GB\n"
           "warning locale.unknown /site/locale: no texts for locale \"ur\": shown in en-GB"},
      }));
  const render_result r = render(minimal_feed("", site + related_items(1)), 600, query);
  CHECK_THAT(r.html, Catch::Contains("lang=\"" + lang + "\""));
  CHECK_THAT(r.html, Catch::Contains(">" + more_news + "</h3>"));
  CHECK(summary(r.diagnostics) == diag);
}

TEST_CASE("right-to-left titles are isolated with dir=auto", "[render][bidi]") {
  const std::string arabic = "\xD8\xB9\xD9\x86\xD9\x88\xD8\xA7\xD9\x86";
  const render_result r =
      render(minimal_feed("", R"("related":[{"title":")" + arabic + "\"}],"), 600, "");
  CHECK_THAT(r.html, Catch::Contains("<span class=\"nw-related-title\" dir=\"auto\">" + arabic +
                                     "</span>"));
  CHECK_THAT(r.html, Catch::Contains("<span part=\"title\" dir=\"auto\">Headline</span>"));
}

TEST_CASE("an unusable feed renders the notice instead and says why", "[render]") {
  const render_result r = render("{\"version\":1,\"article\":{}}", 600, "theme=neon");
  CHECK_FALSE(r.ok);
  CHECK(r.html ==
        "<div class=\"nw-error\" part=\"error\" role=\"status\" lang=\"en-GB\" dir=\"ltr\">"
        "<p class=\"nw-error-text\">This story is not available right now.</p><slot></slot></div>");
  CHECK(summary(r.diagnostics) ==
        "warning option.theme ?theme: expected light, dark or auto\n"
        "error article.title /article/title: the article has no title");
}

TEST_CASE("the notice is in the option's language", "[render][locale]") {
  auto [query, expected] = GENERATE(table<std::string, std::string>({
      {"locale=pl",
       "lang=\"pl-PL\" dir=\"ltr\"><p class=\"nw-error-text\">Ten artyku\u0142 jest "
       "teraz niedost\u0119pny.</p>"},
      {"locale=he-IL",
       "lang=\"he\" dir=\"rtl\"><p class=\"nw-error-text\">\u05D4\u05DB\u05EA"
       "\u05D1\u05D4 \u05D0\u05D9\u05E0\u05D4 \u05D6\u05DE\u05D9\u05E0\u05D4 "
       "\u05DB\u05E8\u05D2\u05E2.</p>"},
      {"locale=xx", "lang=\"en-GB\" dir=\"ltr\"><p class=\"nw-error-text\">This story"},
  }));
  const render_result r = render("not json", 600, query);
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.html, Catch::Contains(expected));
}

TEST_CASE("a card's diagnostics list the options' first, then the feed's", "[render]") {
  const render_result r = render("{\"article\":{\"title\":\"T\"}}", 600, "theme=neon&locale=xx");
  CHECK(r.ok);
  CHECK(summary(r.diagnostics) ==
        "warning option.theme ?theme: expected light, dark or auto\n"
        "warning field.missing /version: no format version given: read as version 1\n"
        "warning locale.unknown ?locale: no texts for locale \"xx\": shown in en-GB");
}

TEST_CASE("renditions become srcset and sizes; trailing commas stay in the URL",
          "[render][image]") {
  const render_result r =
      render(minimal_feed(R"("image":{"url":"/l.jpg","width":1600,"height":900,"renditions":[
      {"url":"https://cdn.example/w_800,","width":800},{"url":"/s.jpg","width":400}]})"),
             600, "base=https%3A%2F%2Fnews.example%2Fapi%2Fa");
  REQUIRE(r.ok);
  CHECK_THAT(r.html, Catch::Contains("srcset=\"https://news.example/s.jpg 400w, "
                                     "https://cdn.example/w_800%2C 800w\" "
                                     "sizes=\"(max-width: 600px) 100vw, 600px\""));
  CHECK_THAT(r.html, Catch::Contains("width=\"1600\" height=\"900\""));
}

TEST_CASE("a related story's thumbnail offers its renditions for its 96 px box",
          "[render][image]") {
  const std::string related =
      R"("related":[{"title":"With","url":"https://n.example/1","image":{"url":"/full.jpg",
      "renditions":[{"url":"/w1024.jpg","width":1024},{"url":"/w300.jpg","width":300}]}},
      {"title":"Without","url":"https://n.example/2","image":{"url":"/only.jpg"}}],)";
  const render_result r =
      render(minimal_feed("", related), 600, "base=https%3A%2F%2Fnews.example%2Fapi%2Fa");
  REQUIRE(r.ok);
  // Not the viewport's width: the box is 96 px wide on every screen.
  CHECK_THAT(r.html, Catch::Contains("<img class=\"nw-related-thumb\" "
                                     "src=\"https://news.example/full.jpg\" "
                                     "srcset=\"https://news.example/w300.jpg 300w, "
                                     "https://news.example/w1024.jpg 1024w\" sizes=\"96px\" "
                                     "alt=\"\""));
  CHECK_THAT(r.html, Catch::Contains("<img class=\"nw-related-thumb\" "
                                     "src=\"https://news.example/only.jpg\" alt=\"\""));
}

TEST_CASE("declarative_shadow_root wraps the card for a <news-widget> element", "[render][ssr]") {
  render_result card;
  card.ok = true;
  card.html = "<article>x</article>";
  card.estimated_height_px = tall_card_px - 1;
  CHECK(declarative_shadow_root(card, "/widget/news-widget.css?v=\"1\"") ==
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" "
        "href=\"/widget/news-widget.css?v=&quot;1&quot;\"><div class=\"nw-mount\" "
        "part=\"container\"><article>x</article></div></template>");
  // Tall enough that its end is below any viewport up to 1,000 px high.
  card.estimated_height_px = tall_card_px;
  CHECK(declarative_shadow_root(card, "/s.css") ==
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/s.css\">"
        "<div class=\"nw-mount nw-tall\" part=\"container\"><article>x</article></div></template>");
  const render_result seed = render(fixture("north-korea-10000-soldiers.json"), 600, "");
  REQUIRE(seed.estimated_height_px >= tall_card_px);
  CHECK_THAT(declarative_shadow_root(seed, "/s.css"),
             Catch::Contains("class=\"nw-mount nw-tall\""));
}

TEST_CASE("the height estimate grows with content and shrinks with width", "[render][layout]") {
  const std::string feed = fixture("north-korea-10000-soldiers.json");
  const int narrow = render(feed, 320, "").estimated_height_px;
  const int regular = render(feed, 600, "").estimated_height_px;
  const int wide = render(feed, 1200, "").estimated_height_px;
  CHECK(render(feed, 500, "layout=regular").estimated_height_px >
        render(feed, 800, "layout=regular").estimated_height_px);
  CHECK(narrow > 1000);
  CHECK(regular > 1000);
  CHECK(wide > 1000);
  CHECK(render(feed, 1200, "max-related=0").estimated_height_px < wide + 1);
  CHECK(render(minimal_feed(), 600, "").estimated_height_px < 300);
  CHECK(render("{}", 600, "").estimated_height_px == 0);
}

TEST_CASE("the height estimate adds a headline line for each line of glyphs", "[render][layout]") {
  // At 600 px the regular layout's column is 552 px and the headline 26 px:
  // with glyphs half an em wide, a line holds 42 of them, and is 29.9 px high.
  const auto height = [](std::size_t glyphs) {
    return render("{\"version\":1,\"article\":{\"title\":\"" + std::string(glyphs, 'x') + "\"}}",
                  600, "layout=regular")
        .estimated_height_px;
  };
  const int one_line = height(1);
  CHECK(height(42) == one_line);
  CHECK(std::abs(height(43) - one_line - 30) <= 1);
  CHECK(height(84) == height(43));
  CHECK(std::abs(height(85) - one_line - 60) <= 1);
}

TEST_CASE("the height estimate stays in range at any container width", "[render][layout]") {
  const std::string feed = fixture("north-korea-10000-soldiers.json");
  for (const int width : {-5, 0, 1, 100000, 2000000000}) {
    const int h = render(feed, width, "").estimated_height_px;
    CHECK(h > 1000);
    CHECK(h <= 10000000);
  }
  // Widths past 100,000 px are laid out as 100,000 px.
  CHECK(render(feed, 2000000000, "").estimated_height_px ==
        render(feed, 100000, "").estimated_height_px);
}
