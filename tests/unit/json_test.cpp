#include <catch2/catch.hpp>

#include "news_widget/json.hpp"

using namespace news_widget;

namespace {

struct parsed {
  std::string text;  // the document refers to it
  json::document doc;
  json::parse_error error;
  bool ok = false;
};

std::unique_ptr<parsed> parse(const std::string& text, int max_depth = 32) {
  auto p = std::make_unique<parsed>();
  p->text = text;
  p->ok = p->doc.parse(p->text, max_depth, p->error);
  return p;
}

}  // namespace

TEST_CASE("json: numbers read as whole numbers exactly, or not at all", "[json]") {
  auto [text, whole, value] = GENERATE(table<std::string, bool, std::int64_t>({
      {"0", true, 0},
      {"-0", true, 0},
      {"42", true, 42},
      {"-17", true, -17},
      {"1.0", true, 1},
      {"1.50e1", true, 15},
      {"1e2", true, 100},
      {"1E+2", true, 100},
      {"2500e-2", true, 25},
      {"0.0e5", true, 0},
      {"9007199254740992", true, 9007199254740992},
      {"9007199254740993", false, 0},
      {"1.5", false, 0},
      {"1e-1", false, 0},
      {"1e400", false, 0},
      {"123456789012345678901234567890", false, 0},
      {"0.000e-7", true, 0},
      {"100e-2", true, 1},
      {"10.10e1", true, 101},
      {"0.001e3", true, 1},
      {"1.25E2", true, 125},
      {"5e-0", true, 5},
      {"-2.500e3", true, -2500},
      {"9.007199254740992e15", true, 9007199254740992},
      {"1e16", false, 0},
      {"12.5e-1", false, 0},
      {"0.10", false, 0},
  }));
  const auto p = parse("[" + text + "]");
  REQUIRE(p->ok);
  std::int64_t n = -1;
  CHECK(p->doc.root().first().whole_number(n) == whole);
  if (whole) CHECK(n == value);
}

TEST_CASE("json: strings are decoded, with lone surrogates as U+FFFD", "[json]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {R"("plain")", "plain"},
      {R"("a\"b\\c\/d\b\f\n\r\t")", "a\"b\\c/d\b\f\n\r\t"},
      {R"("\u00e9\u20AC")", "\xC3\xA9\xE2\x82\xAC"},
      {R"("\ud83d\udcf0")", "\xF0\x9F\x93\xB0"},
      {R"("\ud83dx")", "\xEF\xBF\xBDx"},
      {R"("\udcf0")", "\xEF\xBF\xBD"},
      {R"("\ud83d\u0041")",
       "\xEF\xBF\xBD"
       "A"},
      {"\"caf\xC3\xA9\"", "caf\xC3\xA9"},
  }));
  const auto p = parse(text);
  REQUIRE(p->ok);
  CHECK(p->doc.root().string() == expected);
}

TEST_CASE("json: errors name the offending byte", "[json]") {
  auto [text, message, too_deep] = GENERATE(table<std::string, std::string, bool>({
      {"", "unexpected end of input at byte 0", false},
      {"  ", "unexpected end of input at byte 2", false},
      {"[1,]", "syntax error at byte 3", false},
      {"{\"a\" 1}", "syntax error at byte 5", false},
      {"{'a':1}", "syntax error at byte 1", false},
      {"[01]", "syntax error at byte 2", false},
      {"[1.]", "syntax error at byte 3", false},
      {"tru", "unexpected end of input at byte 3", false},
      {"nul!", "syntax error at byte 3", false},
      {"\"a\nb\"", "control character 0x0a at byte 2", false},
      {"\"\\x\"", "syntax error at byte 2", false},
      {"\"\\u12G4\"", "syntax error at byte 5", false},
      {"\"\xC0\xAF\"", "invalid UTF-8 at byte 1", false},
      {"[1] [2]", "syntax error at byte 4", false},
      {std::string("1\0", 2), "control character 0x00 at byte 1", false},
      {"[[[[", "nested deeper than 3 levels (at byte 3)", true},
  }));
  const auto p = parse(text, 3);
  CHECK_FALSE(p->ok);
  CHECK(p->error.message == message);
  CHECK(p->error.too_deep == too_deep);
}

TEST_CASE("json: objects keep the last of repeated keys; iteration visits every item", "[json]") {
  const auto p = parse("\xEF\xBB\xBF{\"a\":1,\"b\":[true,false,null,\"x\",{}],\"a\":2}");
  REQUIRE(p->ok);
  const json::value root = p->doc.root();
  std::int64_t a = 0;
  REQUIRE(root.member("a").whole_number(a));
  CHECK(a == 2);
  CHECK(root.size() == 3);
  CHECK_FALSE(root.member("missing").found());
  const json::value b = root.member("b");
  REQUIRE(b.is_array());
  std::vector<json::kind> kinds;
  for (json::value v = b.first(); v.found(); v = v.next()) kinds.push_back(v.type());
  CHECK(kinds == std::vector<json::kind>{json::kind::boolean, json::kind::boolean, json::kind::null,
                                         json::kind::string, json::kind::object});
  CHECK(b.first().boolean());
  CHECK_FALSE(b.first().next().boolean());
}
