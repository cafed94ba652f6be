#include <catch2/catch.hpp>

#include "news_widget/url.hpp"

using namespace news_widget;

TEST_CASE("resolve_url accepts http(s) and resolves relative URLs against the base", "[url]") {
  const std::string base = "https://news.example/api/articles/one?x=1#top";
  auto [raw, expected] = GENERATE_COPY(table<std::string, std::string>({
      {"https://swedenherald.com/article/a", "https://swedenherald.com/article/a"},
      {"HTTP://Example.COM", "http://example.com/"},
      {"/media/photo.jpg", "https://news.example/media/photo.jpg"},
      {"photo.jpg", "https://news.example/api/articles/photo.jpg"},
      {"../../media/p.jpg", "https://news.example/media/p.jpg"},
      {"../../../../../etc/passwd", "https://news.example/etc/passwd"},
      {"./a/./b/../c", "https://news.example/api/articles/a/c"},
      {"//cdn.example/p.jpg", "https://cdn.example/p.jpg"},
      {"?page=2", "https://news.example/api/articles/one?page=2"},
      {"#section", "https://news.example/api/articles/one?x=1#section"},
      {"https://x.example/a b\"<>", "https://x.example/a%20b%22%3C%3E"},
      {"https://x.example/caf\xC3\xA9", "https://x.example/caf%C3%A9"},
      {"java script:alert(1)", "https://news.example/api/articles/java%20script:alert(1)"},
  }));
  const url_result r = resolve_url(raw, base);
  CHECK(r.ok);
  CHECK(r.url == expected);
  CHECK(r.problem.empty());
}

TEST_CASE("resolve_url refuses every scheme but http and https", "[url]") {
  auto [raw, problem] = GENERATE(table<std::string, std::string>({
      {"javascript:alert(1)", "scheme \"javascript:\" is not allowed (only http: and https:)"},
      {"JaVaScRiPt:alert(1)", "scheme \"javascript:\" is not allowed (only http: and https:)"},
      {"data:text/html;base64,PHNjcmlwdD4=",
       "scheme \"data:\" is not allowed (only http: and https:)"},
      {"vbscript:msgbox(1)", "scheme \"vbscript:\" is not allowed (only http: and https:)"},
      {"file:///etc/passwd", "scheme \"file:\" is not allowed (only http: and https:)"},
      {"ftp://example.com/", "scheme \"ftp:\" is not allowed (only http: and https:)"},
      {"java\tscript:alert(1)", "control character in URL"},
      {"https:no-slashes", "not a valid absolute http(s) URL"},
      {"https://", "not a valid absolute http(s) URL"},
      {"https://user:pass@evil.example/", "not a valid absolute http(s) URL"},
      {"", "empty URL"},
  }));
  const url_result r = resolve_url(raw, "https://news.example/");
  CHECK_FALSE(r.ok);
  CHECK(r.url.empty());
  CHECK(r.problem == problem);
}

TEST_CASE("resolve_url refuses a relative URL without an http(s) base", "[url]") {
  const std::string base = GENERATE(as<std::string>{}, "", "javascript:alert(1)//", "file:///tmp/");
  const url_result r = resolve_url("/media/photo.jpg", base);
  CHECK_FALSE(r.ok);
  CHECK(r.problem == "relative URL without an absolute http(s) base");
}

TEST_CASE("a path-absolute base keeps relative URLs relative to the page's origin", "[url]") {
  auto [raw, expected] = GENERATE(table<std::string, std::string>({
      {"/demo/p.svg", "/demo/p.svg"},
      {"p.svg", "/api/articles/p.svg"},
      {"../../x/../media/p.svg", "/media/p.svg"},
      {"//cdn.example/p.svg", "//cdn.example/p.svg"},
      {"?v=2", "/api/articles/one?v=2"},
      {"https://swedenherald.com/a", "https://swedenherald.com/a"},
  }));
  const url_result r = resolve_url(raw, "/api/articles/one");
  CHECK(r.ok);
  CHECK(r.url == expected);
}

TEST_CASE("a base that is neither absolute nor path-absolute is refused", "[url]") {
  const std::string base =
      GENERATE(as<std::string>{}, "api/articles/one", "//host/a", "/\\evil.example/");
  CHECK_FALSE(resolve_url("p.svg", base).ok);
  CHECK(resolve_url("javascript:alert(1)", "/api/a").problem ==
        "scheme \"javascript:\" is not allowed (only http: and https:)");
}
