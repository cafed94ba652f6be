#include <catch2/catch.hpp>

#include "news_widget/html_text.hpp"

using namespace news_widget;

namespace {

// The paragraphs joined with " | ", so a table row shows where they break.
std::string paragraphs(const std::string& html, bool plain = false, std::size_t max = 100) {
  std::vector<std::string> out;
  html_paragraphs(html, plain, out, max);
  std::string joined;
  for (const std::string& p : out) joined += (joined.empty() ? "" : " | ") + p;
  return joined;
}

}  // namespace

TEST_CASE("HTML becomes paragraphs of text", "[html_text]") {
  auto [html, expected] = GENERATE(table<std::string, std::string>({
      {"<p>one</p><p>two</p>", "one | two"},
      {"a<br>b<br/>c", "a | b | c"},
      {"<ul><li>x</li><li>y</li></ul>", "x | y"},
      {"<h2>Head</h2>text<blockquote>quote</blockquote><div>div</div>",
       "Head | text | quote | div"},
      {"in <em>line</em> and <a href=\"/x\">link</a>", "in line and link"},
      {"  lots   of\n\twhite \r\n space  ", "lots of white space"},
      // Contents that are never text.
      {"<script>alert(1)</script>x", "x"},
      {"<SCRIPT type=\"module\">a</script >b", "b"},
      {"<style>p{color:red}</style><p>x</p>", "x"},
      {"<iframe src=\"https://v.example/\">fallback</iframe>y", "y"},
      {"<noscript><img src=x></noscript>z", "z"},
      {"<template><p>t</p></template>w", "w"},
      {"<!-- a <p>comment</p> -->y", "y"},
      {"<script>never closed", ""},
      // Malformed markup, as far as it goes.
      {"<h3>head</p>body", "head | body"},
      {"<p>unclosed <b", "unclosed"},
      {"<a href=\"x>y\">quoted</a>", "quoted"},
      {"<scr<script>ipt>alert(1)</script>", "ipt>alert(1)"},
      {"a < b > c", "a < b > c"},
      {"1 <2", "1 <2"},
      // References, decoded once.
      {"a &amp; b &lt;i&gt;", "a & b <i>"},
      {"&amp;lt;script&amp;gt;", "&lt;script&gt;"},
      {"&#8217;&#x2019;&#39", "\u2019\u2019'"},
      {"&hellip;&eacute;&Uuml;&yuml;&euro;&trade;", "\u2026\u00e9\u00dc\u00ff\u20ac\u2122"},
      {"x&nbsp;y", "x\u00a0y"},
      {"&bogus; &amp &AMP;", "&bogus; &amp &AMP;"},
      {"&#0;&#x110000;&#xD800;", "\ufffd\ufffd\ufffd"},
      {"&#x1F600;", "\U0001F600"},
      {"&#", "&#"},
  }));
  CAPTURE(html);
  CHECK(paragraphs(html) == expected);
}

TEST_CASE("plain text keeps tag-like text and breaks paragraphs at line breaks", "[html_text]") {
  CHECK(paragraphs("a\nb\n\nc &amp; <i>", true) == "a | b | c & <i>");
  CHECK(paragraphs("<p>x</p>", true) == "<p>x</p>");
}

TEST_CASE("html_paragraphs stops at the paragraph limit", "[html_text]") {
  CHECK(paragraphs("<p>1</p><p>2</p><p>3</p>", false, 2) == "1 | 2");
  CHECK(html_text("<p>one</p><p>two</p>") == "one two");
}

TEST_CASE("plain-text fields have their references decoded once", "[html_text]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"Die R\u00fcckkehr von <i> und <b>", "Die R\u00fcckkehr von <i> und <b>"},
      {"I&#039;m &amp; you", "I'm & you"},
      {"Blog &#8211; InfluxData", "Blog \u2013 InfluxData"},
      {"&quot;Quoted&quot;&hellip;", "\"Quoted\"\u2026"},
      {"&amp;amp;", "&amp;"},
      {"Like a&nbsp;Pro", "Like a\u00a0Pro"},
      {"  trimmed\n", "trimmed"},
  }));
  CHECK(decode_entities(text) == expected);
}

TEST_CASE("a lead repeats the text when it is its start, whole or an excerpt", "[html_text]") {
  // The paragraphs are joined by " | ".
  auto [lead, text, expected] = GENERATE(table<std::string, std::string, bool>({
      {"One.", "One. | Two.", true},                 // the first paragraph
      {"One. Two.", "One. | Two. | Three.", true},   // the first two
      {"One. Two", "One. | Two words.", true},       // ends at a word's end
      {"One. Tw", "One. | Two words.", false},       // inside a word
      {"One. Tw\u2026", "One. | Two words.", true},  // ...unless an ellipsis says so
      {"One. Tw...", "One. | Two words.", true},
      {"One. Tw [\u2026]", "One. | Two words.", true},
      {"One. Tw [...]", "One. | Two words.", true},
      {"One. Tw..", "One. | Two words.", false},  // two dots are no ellipsis
      {"One.\u2026", "One. | Two.", true},
      {"One. Two. Three.", "One. | Two.", false},    // longer than the text
      {"Two.", "One. | Two.", false},                // not its start
      {"One.Two.", "One. | Two.", false},            // the paragraphs run together
      {"One [video]", "One [video] | More.", true},  // brackets without an ellipsis are text
      {"\u2026", "One.", false},                     // nothing but an ellipsis
      {"...", "...", false},
      {"", "One.", false},
      {"One.", "", false},
  }));
  CAPTURE(lead, text);
  std::vector<str> body;
  for (std::size_t at = 0; !text.empty();) {
    const std::size_t bar = text.find(" | ", at);
    body.emplace_back(std::string_view(text).substr(at, bar == std::string::npos ? bar : bar - at));
    if (bar == std::string::npos) break;
    at = bar + 3;
  }
  CHECK(lead_repeats_body(lead, body) == expected);
}

TEST_CASE("a closing read-more link is not part of an excerpt", "[html_text]") {
  auto [html, expected] = GENERATE(table<std::string, std::string>({
      // Twenty Seventeen's excerpt: the link in a paragraph of its own.
      {"<p>Seals were seen&hellip;</p>\n<p class=\"link-more\"><a href=\"https://n.example/p\" "
       "class=\"more-link\">Continue reading<span class=\"screen-reader-text\"> "
       "&#8220;Seals&#8221;</span></a></p>\n",
       "Seals were seen\u2026"},
      // Twenty Twenty-One's: the link after the words.
      {"<p>Seals were seen&hellip; <a class=\"more-link\" href=\"https://n.example/p\">Continue "
       "reading <span class=\"screen-reader-text\">Seals</span></a></p>",
       "Seals were seen\u2026"},
      {"<p>Seals. <a class=\"read-more\" href=\"/p\">Read more</a></p>", "Seals."},
      // Other links stay: one that is no read-more link, one with words after it.
      {"<p>Seals, via <a href=\"https://r.example/\">Reuters</a></p>", "Seals, via Reuters"},
      {"<p><a class=\"more-link\" href=\"/p\">More</a> seals were seen.</p>",
       "More seals were seen."},
      {"<p>Seals <a class=\"more-link\" href=", "Seals"},  // unclosed: the text ends at the tag
      {"<p>Seals were seen.</p>", "Seals were seen."},
  }));
  CAPTURE(html);
  CHECK(html_text(without_more_link(html)) == expected);
}
