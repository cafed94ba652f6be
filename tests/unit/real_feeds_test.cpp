// Real publishers' feeds (../shared/testdata/real-feeds, described in its
// SOURCES.md): each renders as a card of its format, or as the error state.
// A program of its own, so that without the folder it reports itself skipped
// (exit code 77, ctest's SKIP_RETURN_CODE) rather than passed or failed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "news_widget/render.hpp"
#include "test_support.hpp"

using namespace news_widget;
namespace fs = std::filesystem;

namespace {

// The folder; NEWS_WIDGET_REAL_FEEDS in the environment overrides it.
const std::string dir = std::getenv("NEWS_WIDGET_REAL_FEEDS")
                            ? std::getenv("NEWS_WIDGET_REAL_FEEDS")
                            : NEWS_WIDGET_REAL_FEEDS_DIR;

struct expectation {
  std::string file;
  std::string format;    // "" = the error state
  std::string contains;  // in the card's HTML, or the error's id
};

// One row per file in the folder: a new file fails the test until it has one.
const std::vector<expectation> expected = {
    {"jsonfeed_3960_de_v1.1.json", "json-feed", ">Lecker, lecker</a>"},
    {"jsonfeed_curtclifton_v1.json", "json-feed",
     "<time datetime=\"2018-01-06T08:00:00+00:00\">6 January 2018, 08:00</time>"},
    {"jsonfeed_daringfireball_v1.json", "json-feed",
     ">The Talk Show: \u2018I Do Like Throwing a Baby\u2019</a>"},
    {"jsonfeed_harf_urdu_v1.json", "json-feed", "<span class=\"nw-site\">\u062d\u0631\u0641"},
    {"jsonfeed_influxdata_wpplugin_v1.1.json", "json-feed",
     "<time datetime=\"2019-05-31T12:17:58-07:00\">"},
    {"jsonfeed_pxlnv_wordpress_v1.json", "json-feed", ">Uber Lost $4.5 Billion in 2017</a>"},
    {"jsonfeed_rosemaryorchard_grav_v1_cut.json", "json-feed",
     ">Workflow: Add Task &amp; Sub Tasks To OmniFocus</a>"},
    {"jsonld_elmundo_es_typearray.json", "json-ld",
     "sanci\u00f3n: &quot;No le soporto. Que se vaya a la mierda&quot;"},
    {"jsonld_krautreporter_de_cdata_graph.raw.txt", "", "json.syntax"},
    {"jsonld_landesspiegel_li_newsarticle.json", "json-ld",
     "<time datetime=\"2025-06-30T00:00:00+00:00\">30 June 2025</time>"},
    {"jsonld_lbcgroup_ar_newsarticle.json", "json-ld",
     "&quot;\u0634\u0639\u0631 \u0648\u0631\u062f\u064a"},
    {"jsonld_techcrunch_yoast_graph.json", "json-ld",
     "<span class=\"nw-author\" dir=\"auto\">Frederic Lardinois</span>"},
    {"jsonld_thejapannews_blogposting.json", "json-ld",
     "<span class=\"nw-section\">Politics &amp; Government</span>"},
    {"jsonld_yomiuri_ja_newsarticle.json", "json-ld",
     "src=\"https://www.yomiuri.co.jp/media/2024/12/20241203-OYT1I50202-T.jpg\""},
    {"oembed_7seen_ar_article.json", "", "feed.format"},
    {"oembed_wired_wp_rich.json", "", "feed.format"},
    {"oembed_wordpresscom_rich.json", "", "feed.format"},
    {"wp_post_headstartwp_embedded.json", "wordpress", "-1024x682.jpg 1024w"},
    {"wp_post_waq2016_fr_legacy.json", "wordpress",
     ">Web \u00e0 Qu\u00e9bec 2016 \u2013 op\u00e9ration : oiseau de nuit</span>"},
};

}  // namespace

TEST_CASE("every real feed renders as a card of its format, or as the error state",
          "[real-feeds]") {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name != "SOURCES.md") files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> listed;
  for (const expectation& e : expected) listed.push_back(e.file);
  REQUIRE(files == listed);
  for (const expectation& e : expected) {
    CAPTURE(e.file);
    const render_result r = render(testing::read_file(dir + "/" + e.file), 600, "");
    CHECK(r.ok == !e.format.empty());
    CHECK(std::string(r.format) == e.format);
    if (r.ok) {
      CHECK(r.html.find(e.contains) != std::string::npos);
      // Nothing from a feed's markup, no reference escaped twice, no broken date.
      for (const char* banned : {"<script", "<iframe", "<style", "<noscript", "<template", "<em>",
                                 "<i>", "&amp;amp;", "&amp;#", "&amp;quot;", "Invalid", "NaN"}) {
        CAPTURE(banned);
        CHECK(r.html.find(banned) == std::string::npos);
      }
    } else {
      CHECK(r.diagnostics.back().id == e.contains);
    }
  }
}

TEST_CASE("a favicon standing in for an item's image is not shown as its photo", "[real-feeds]") {
  const render_result r = render(testing::read_file(dir + "/jsonfeed_3960_de_v1.1.json"), 600, "");
  REQUIRE(r.ok);
  CHECK(r.html.find("favicon-192x192.png") == std::string::npos);
  CHECK(testing::summary(r.diagnostics)
            .find("warning image.icon /items/0/image: an icon-sized "
                  "image: not shown as a photo") == 0);
}

TEST_CASE("a literal <i> in a plain-text title stays visible text", "[real-feeds]") {
  const render_result r = render(testing::read_file(dir + "/jsonfeed_3960_de_v1.1.json"), 600,
                                 "item=user/posts/2019-05-08-rueckkehr-von-b-und-i/index.md");
  REQUIRE(r.ok);
  CHECK(r.html.find(">Die R\u00fcckkehr von &lt;i&gt; und &lt;b&gt;</a>") != std::string::npos);
}

TEST_CASE("a summary, excerpt or description that repeats the text is shown once", "[real-feeds]") {
  // The text the lead and the body both began with, then the warning.
  auto [file, text, warning] = GENERATE(table<std::string, std::string, std::string>({
      // The summary is the two paragraphs of the text.
      {"jsonfeed_3960_de_v1.1.json", "Da ist es zwar nicht ganz billig,",
       "warning article.repeated /items/0/summary: the lead is the start of the text: left out"},
      // The description is the text's start cut with ",...".
      {"jsonld_elmundo_es_typearray.json", "el mensaje de Giampiero Lambiase supuso",
       "warning article.repeated /description: the lead is the start of the text: left out"},
      // The excerpt is the text's start cut with "…".
      {"wp_post_waq2016_fr_legacy.json", "l\u2019ami C\u00e9sar vous d\u00e9voilait",
       "warning article.repeated /excerpt/rendered: the lead is the start of the text: left out"},
  }));
  CAPTURE(file);
  const render_result r = render(testing::read_file(dir + "/" + file), 600, "");
  REQUIRE(r.ok);
  CHECK(testing::count_of(r.html, text) == 1);
  CHECK(testing::summary(r.diagnostics).find(warning) != std::string::npos);
}

int main(int argc, char** argv) {
  if (!fs::is_directory(dir)) {
    std::cout << "skipped: needs " << dir << " (not found)\n";
    return 77;
  }
  // Catch returns the number of failures: 77 of them must not read as skipped.
  const int failures = Catch::Session().run(argc, argv);
  return failures == 77 ? 1 : failures;
}
