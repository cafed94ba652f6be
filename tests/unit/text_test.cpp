#include <catch2/catch.hpp>

#include <climits>

#include "news_widget/text.hpp"

using namespace news_widget;

TEST_CASE("clean_text keeps valid UTF-8 and replaces every invalid sequence with U+FFFD",
          "[text]") {
  const std::string fffd = "\xEF\xBF\xBD";
  auto [input, expected] = GENERATE_COPY(table<std::string, std::string>({
      {"plain", "plain"},
      {"caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x93\xB0", "caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x93\xB0"},
      {"a\xFF"
       "b",
       "a" + fffd + "b"},
      {"\xC0\xAF", fffd + fffd},                        // overlong '/'
      {"\xED\xA0\x80", fffd + fffd + fffd},             // encoded surrogate U+D800
      {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},  // above U+10FFFF
      {"cut \xE2\x80", "cut " + fffd + fffd},           // truncated sequence
      {std::string("nul\0here", 8), "nulhere"},
      {"bell\x07 del\x7F c1\xC2\x85.", "bell del c1."},
      {"tab\there\nnext\r", "tab here next"},
      {"  \t trimmed \n ", "trimmed"},
  }));
  CHECK(clean_text(input) == expected);
}

TEST_CASE("decimal writes integers as std::to_string does", "[text]") {
  const long long v = GENERATE(0LL, 7LL, -7LL, 10LL, 99LL, 100LL, 600LL, -600LL, 1234567890LL,
                               4294967296LL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1);
  CHECK(decimal(v) == std::to_string(v));
}

TEST_CASE("concat joins its pieces in order", "[text]") {
  CHECK(concat({}).empty());
  CHECK(concat({"a"}) == "a");
  const std::string owned = "middle";
  CHECK(concat({"start ", owned, std::string_view(""), " ", decimal(-5), " end"}) ==
        "start middle -5 end");
}

TEST_CASE("append_html_escaped escapes the five HTML-special characters", "[text]") {
  std::string out;
  append_html_escaped(out, "<a href=\"x\" onclick='y'>Tom & Jerry</a>");
  CHECK(out == "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
}

TEST_CASE("append_json_string escapes quotes, backslashes and controls", "[text]") {
  std::string out;
  append_json_string(out, "say \"hi\"\\\n\x01");
  CHECK(out == "\"say \\\"hi\\\"\\\\\\n\\u0001\"");
}

TEST_CASE("count_words counts runs of non-space characters", "[text]") {
  auto [text, words] = GENERATE(table<std::string, int>({
      {"", 0},
      {"   ", 0},
      {"one", 1},
      {"two words", 2},
      {"  lots   of\tspace\n here ", 4},
      {"non\xC2\xA0"
       "breaking",
       2},
      {"Kim Jong-Un's", 2},
  }));
  CHECK(count_words(text) == words);
}

TEST_CASE("shorten_at_word cuts long text at a word boundary with an ellipsis", "[text]") {
  auto [text, limit, expected] = GENERATE(table<std::string, std::size_t, std::string>({
      {"short enough", 20, "short enough"},
      {"no limit at all", 0, "no limit at all"},
      {"The quick brown fox jumps", 12, "The quick\xE2\x80\xA6"},
      {"The quick, brown fox", 11, "The quick\xE2\x80\xA6"},
      {"Supercalifragilistic", 5, "Super\xE2\x80\xA6"},
      {"\xC3\xA5\xC3\xA4\xC3\xB6 \xC3\xA5\xC3\xA4\xC3\xB6 x", 7,
       "\xC3\xA5\xC3\xA4\xC3\xB6 \xC3\xA5\xC3\xA4\xC3\xB6\xE2\x80\xA6"},
  }));
  CHECK(shorten_at_word(text, limit) == expected);
}
