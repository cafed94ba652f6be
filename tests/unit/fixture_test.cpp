// The seed article's fixture, checked against the seed page itself and
// rendered against reviewed golden copies.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "news_widget/feed.hpp"
#include "news_widget/render.hpp"
#include "shared_testdata.hpp"
#include "test_support.hpp"

using namespace news_widget;
using namespace news_widget::testing;

namespace {

const std::string fixture_name = "north-korea-10000-soldiers.json";
const std::string feed_url = "http://127.0.0.1:8080/api/articles/north-korea-10000-soldiers";

struct seed_story {
  std::string title;
  int minutes;
};

// The seed page (the publisher's article page the fixture was taken from).
const std::string seed_dir = std::string(NEWS_WIDGET_SHARED_DIR) + "/seed";

// The "More news" list of the seed page: a title line followed by "N MIN READ".
std::vector<seed_story> seed_related() {
  std::ifstream in(seed_dir + "/000_4ca08364189c4d9a.txt");
  std::vector<seed_story> out;
  std::string previous, line;
  const std::regex min_read("^([0-9]+) MIN READ$");
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, min_read)) out.push_back({previous, std::stoi(m[1])});
    if (!line.empty()) previous = line;
  }
  return out;
}

}  // namespace

TEST_CASE("the fixture carries 20 related stories, each with a title and reading time",
          "[fixture]") {
  diagnostics d;
  const auto f = parse_feed(fixture(fixture_name), feed_url, d);
  REQUIRE(f);
  CHECK(summary(d.items()).empty());
  REQUIRE(f->related.size() == 20);
  for (std::size_t i = 0; i < f->related.size(); ++i) {
    INFO("related story " << i);
    CHECK_FALSE(f->related[i].title.empty());
    CHECK(f->related[i].reading_minutes >= 1);
  }
}

TEST_CASE("the fixture carries the seed page's 20 related stories exactly", "[fixture]") {
  if (!shared_data_present(seed_dir)) return;
  const std::vector<seed_story> seed = seed_related();
  REQUIRE(seed.size() == 20);
  diagnostics d;
  const auto f = parse_feed(fixture(fixture_name), feed_url, d);
  REQUIRE(f);
  CHECK(summary(d.items()).empty());
  REQUIRE(f->related.size() == seed.size());
  for (std::size_t i = 0; i < seed.size(); ++i) {
    INFO("related story " << i);
    CHECK(f->related[i].title == seed[i].title);
    CHECK(f->related[i].reading_minutes == seed[i].minutes);
  }
}

TEST_CASE("the fixture renders everything the seed page shows", "[fixture][render]") {
  const render_result r = render(fixture(fixture_name), 1200, "base=" + feed_url);
  REQUIRE(r.ok);
  CHECK(r.diagnostics.empty());
  for (const std::string& part : {
           std::string(">USA: North Korea has sent 10,000 soldiers</a>"),
           std::string("North Korea has sent around 10,000 soldiers to Russia to fight in Ukraine"),
           std::string("Updated: <time datetime=\"2024-10-28T16:40:00+01:00\">28 October 2024, "
                       "16:40</time>"),
           std::string(
               "Published: <time datetime=\"2024-10-28T09:21:00+01:00\">28 October 2024</time>"),
           std::string("Photo: KCNA/Korea News Service via AP/TT"),
           std::string(
               "src=\"http://127.0.0.1:8080/demo/images/north-korea-soldiers-1200.jpg\" "
               "srcset=\"http://127.0.0.1:8080/demo/images/north-korea-soldiers-480.jpg 480w, "
               "http://127.0.0.1:8080/demo/images/north-korea-soldiers-800.jpg 800w, "
               "http://127.0.0.1:8080/demo/images/north-korea-soldiers-1200.jpg 1200w\""),
           std::string("width=\"1200\" height=\"675\""),
           std::string("says the Defense Department&#39;s spokesperson Sabrina Singh."),
           std::string("<li class=\"nw-tag\" dir=\"auto\">TT</li>"),
           std::string("By <span class=\"nw-author\" dir=\"auto\">TT</span>"),
           std::string("This article has been altered and translated by Sweden Herald"),
           std::string("<li class=\"nw-readtime\">1 MIN READ</li>"),
           std::string(">More news</h3>"),
       }) {
    CHECK_THAT(r.html, Catch::Contains(part));
  }
  CHECK(count_of(r.html, "<li class=\"nw-related-item\">") == 20);
  CHECK(count_of(r.html, "3 MIN READ") == 2);
}

TEST_CASE("the fixture renders as the reviewed golden copies", "[fixture][golden]") {
  auto [width, options, golden] = GENERATE(table<int, std::string, std::string>({
      {1200, "", "north-korea-10000-soldiers.wide.html"},
      {600, "", "north-korea-10000-soldiers.regular.html"},
      {320, "", "north-korea-10000-soldiers.narrow.html"},
      {600, "locale=sv-SE&theme=dark", "north-korea-10000-soldiers.sv-SE.html"},
  }));
  const render_result r = render(fixture(fixture_name), width,
                                 "base=" + feed_url + (options.empty() ? "" : "&" + options));
  REQUIRE(r.ok);
  const std::string golden_path = std::string(NEWS_WIDGET_GOLDEN_DIR) + "/" + golden;
  const std::string expected = read_file(golden_path);
  if (r.html != expected) {
    // Written beside the golden copy for review: diff it, and copy it over if right.
    std::ofstream(golden_path + ".actual") << r.html;
  }
  CHECK(r.html == expected);
}
