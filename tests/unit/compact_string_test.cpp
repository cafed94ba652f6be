// news_widget::str as the wasm build compiles it (NEWS_WIDGET_COMPACT_STRING,
// this program's own definition), against std::string: the same bytes after
// every operation, the same answers to every question. Natively the core's
// str is std::string itself, so this is the one place the wasm's class runs
// natively.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "news_widget/str.hpp"

using news_widget::str;

namespace {

void require_same(const str& ours, const std::string& theirs) {
  REQUIRE(ours.size() == theirs.size());
  REQUIRE(std::string_view(ours) == theirs);
  REQUIRE(ours.data()[ours.size()] == '\0');  // NUL-terminated, as std::string
  REQUIRE(std::string(ours.begin(), ours.end()) == theirs);
  REQUIRE(ours.empty() == theirs.empty());
}

}  // namespace

TEST_CASE("a new, a cleared and a moved-from str are empty and NUL-terminated", "[wasm][str]") {
  str a;
  require_same(a, "");
  a = "headline";
  str b(std::move(a));
  require_same(a, "");  // NOLINT(bugprone-use-after-move): the contract under test
  require_same(b, "headline");
  b.clear();
  require_same(b, "");
  str c("x");
  c = std::move(b);
  require_same(c, "");
}

TEST_CASE("str appends bytes from inside itself, also when it has to grow", "[wasm][str]") {
  str s("abcdefgh");
  std::string t("abcdefgh");
  for (int i = 0; i < 12; ++i) {
    s.append(s.data() + 1, s.size() - 1);  // more than the room left: the bytes move
    t.append(t.data() + 1, t.size() - 1);
    require_same(s, t);
  }
  s += s;
  t += t;
  require_same(s, t);
  s.assign(std::string_view(s).substr(3, 5));
  t.assign(std::string_view(t).substr(3, 5));
  require_same(s, t);
}

TEST_CASE("str answers find, rfind, substr and comparisons as std::string does", "[wasm][str]") {
  const str s("/a/b/c.json");
  const std::string t("/a/b/c.json");
  for (std::size_t pos = 0; pos <= t.size() + 1; ++pos) {
    CHECK(s.find('/', pos) == t.find('/', pos));
    CHECK(s.find("b/", pos) == t.find("b/", pos));
    CHECK(s.find("", pos) == t.find("", pos));
    CHECK(s.rfind('/', pos) == t.rfind('/', pos));
    if (pos <= t.size()) {
      require_same(s.substr(pos), t.substr(pos));
      require_same(s.substr(pos, 2), t.substr(pos, 2));
    }
  }
  CHECK(s.rfind('/') == t.rfind('/'));
  CHECK(s.find('z') == str::npos);
  CHECK(s == "/a/b/c.json");
  CHECK(std::string_view("/a/b/c.json") == s);
  CHECK(s == std::string_view(t));
  CHECK(s != "/a/b/c.jso");
  CHECK(s != str("/a/b/c.jsoN"));
  CHECK(str("a") != str("b"));
  CHECK_FALSE(str("b") != str("b"));
  CHECK((std::string_view(s).compare("/a") > 0) == (t.compare("/a") > 0));
  CHECK(std::string_view(s).compare(t) == 0);
  CHECK(s[0] == '/');
  CHECK(s[s.size() - 1] == 'n');
}

TEST_CASE("str keeps the same bytes as std::string through random edits", "[wasm][str]") {
  std::mt19937 random(20261203);  // fixed: the same run every time
  const std::string pool = "The quick brown fox \xE2\x80\x94 jumps over 13 lazy dogs.\n";
  auto below = [&](std::size_t n) { return n ? static_cast<std::size_t>(random() % n) : 0; };
  str s;
  std::string t;
  for (int step = 0; step < 20000; ++step) {
    INFO("step " << step);
    const std::size_t from = below(pool.size());
    const std::size_t n = below(pool.size() - from + 1);
    const char c = pool[below(pool.size())];
    switch (random() % 16) {
      case 0:
        s.append(pool.data() + from, n);
        t.append(pool.data() + from, n);
        break;
      case 1:
        s.append(std::string_view(pool).substr(from, n));
        t.append(std::string_view(pool).substr(from, n));
        break;
      case 2:
        s.append(n, c);
        t.append(n, c);
        break;
      case 3:
        s += c;
        t += c;
        break;
      case 4:
        s.push_back(c);
        t.push_back(c);
        break;
      case 5:
        if (!t.empty()) {
          s.resize(s.size() - 1);
          t.pop_back();
        }
        break;
      case 6: {
        const std::size_t size = below(t.size() + 8);
        s.resize(size, c);
        t.resize(size, c);
        break;
      }
      case 7:
        if (random() % 8 == 0) {
          s.clear();
          t.clear();
        }
        break;
      case 8: {
        const std::size_t pos = below(t.size() + 1);
        s = s.substr(pos, n);
        t = t.substr(pos, n);
        break;
      }
      case 9:
        s += std::string_view(pool).substr(from, n);
        t += std::string_view(pool).substr(from, n);
        break;
      case 10: {
        str copy(s);
        require_same(copy, t);
        copy += "!";
        s = copy;
        t += "!";
        break;
      }
      case 11: {
        str other(pool.data() + from, n);
        s.swap(other);
        require_same(other, t);
        t.assign(pool.data() + from, n);
        break;
      }
      case 12:
        s.reserve(t.size() + n);
        break;
      case 13: {
        const std::size_t pos = below(t.size() + 1);
        const std::size_t len = below(t.size() - pos + 1);
        s.append(s.data() + pos, len);  // its own bytes
        t.append(std::string(t, pos, len));
        break;
      }
      case 14: {
        str moved(std::move(s));
        s = std::move(moved);
        break;
      }
      default:
        s = str(std::string_view(pool).substr(from, n));
        t = pool.substr(from, n);
        break;
    }
    require_same(s, t);
    const std::size_t pos = below(t.size() + 2);
    CHECK(s.find(c, pos) == t.find(c, pos));
    CHECK(s.rfind(c, pos) == t.rfind(c, pos));
  }
}
