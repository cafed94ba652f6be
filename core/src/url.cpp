#include "news_widget/url.hpp"

#include <cctype>
#include <vector>

namespace news_widget {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// The scheme of `url` in lower case, or "" when it has none (WHATWG URL
// "scheme state": an ASCII letter, then letters, digits, + - ., then ':').
std::string scheme_of(std::string_view url) {
  if (url.empty() || !is_alpha(url[0])) return {};
  for (std::size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') {
      std::string scheme;
      for (std::size_t k = 0; k < i; ++k) scheme += to_lower(url[k]);
      return scheme;
    }
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

struct parts {
  std::string scheme;     // "http" or "https"
  std::string authority;  // host[:port], never empty
  std::string path;       // starts with '/' (or empty)
  std::string rest;       // "?query#fragment" as given (may be empty)
};

// Splits an absolute http(s) URL; false if it is not one.
bool split_absolute(std::string_view url, parts& out) {
  out.scheme = scheme_of(url);
  if (out.scheme != "http" && out.scheme != "https") return false;
  std::string_view tail = url.substr(out.scheme.size() + 1);
  if (tail.substr(0, 2) != "//") return false;
  tail.remove_prefix(2);
  const std::size_t auth_end = tail.find_first_of("/?#");
  out.authority = std::string(tail.substr(0, auth_end));
  // Userinfo ("user:pass@host") is refused: it only ever serves to disguise the host.
  if (out.authority.empty() || out.authority.find('@') != std::string::npos) return false;
  if (auth_end == std::string_view::npos) {
    out.path = "/";
    out.rest.clear();
    return true;
  }
  tail.remove_prefix(auth_end);
  const std::size_t path_end = tail.find_first_of("?#");
  out.path = std::string(tail.substr(0, path_end));
  if (out.path.empty()) out.path = "/";
  out.rest =
      path_end == std::string_view::npos ? std::string() : std::string(tail.substr(path_end));
  return true;
}

// Splits a path-absolute base ("/api/articles/x?y"): URLs resolved against it
// stay relative to the origin of the page they are shown on. No scheme, no
// authority; false if `url` is not of that form.
bool split_path_absolute(std::string_view url, parts& out) {
  if (url.empty() || url[0] != '/' || url.substr(0, 2) == "//" ||
      url.find('\\') != std::string_view::npos) {
    return false;
  }
  out.scheme.clear();
  out.authority.clear();
  const std::size_t path_end = url.find_first_of("?#");
  out.path = std::string(url.substr(0, path_end));
  out.rest = path_end == std::string_view::npos ? std::string() : std::string(url.substr(path_end));
  return true;
}

// RFC 3986 section 5.2.4: removes "." and ".." segments from an absolute path.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t i = 1;  // path starts with '/'
  bool trailing_slash = false;
  while (i <= path.size()) {
    std::size_t next = path.find('/', i);
    if (next == std::string_view::npos) next = path.size();
    const std::string_view seg = path.substr(i, next - i);
    trailing_slash = false;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = true;
    } else if (seg == ".") {
      trailing_slash = true;
    } else {
      segments.push_back(seg);
    }
    i = next + 1;
  }
  std::string out;
  for (const std::string_view seg : segments) {
    out += '/';
    out += seg;
  }
  if (trailing_slash || out.empty()) out += '/';
  return out;
}

void append_encoded(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}' || c == '\'') {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xF];
    } else {
      out += c;
    }
  }
}

url_result refuse(std::string problem) {
  return {false, {}, std::move(problem)};
}

}  // namespace

url_result resolve_url(std::string_view raw, std::string_view base) {
  if (raw.empty()) return refuse("empty URL");
  for (char c : raw) {
    if (static_cast<unsigned char>(c) < 0x20) return refuse("control character in URL");
  }
  std::string encoded;
  append_encoded(encoded, raw);

  parts p;
  const std::string scheme = scheme_of(encoded);
  if (!scheme.empty()) {
    if (scheme != "http" && scheme != "https") {
      return refuse("scheme \"" + scheme + ":\" is not allowed (only http: and https:)");
    }
    if (!split_absolute(encoded, p)) return refuse("not a valid absolute http(s) URL");
  } else {
    parts b;
    if (!split_absolute(base, b) && !split_path_absolute(base, b)) {
      return refuse("relative URL without an absolute http(s) base");
    }
    if (encoded.compare(0, 2, "//") == 0) {
      if (!split_absolute("http:" + encoded, p)) return refuse("not a valid URL");
      p.scheme = b.scheme;
    } else {
      p.scheme = b.scheme;
      p.authority = b.authority;
      const std::size_t path_end = encoded.find_first_of("?#");
      const std::string rel_path = encoded.substr(0, path_end);
      p.rest = path_end == std::string::npos ? std::string() : encoded.substr(path_end);
      if (rel_path.empty()) {
        p.path = b.path;
        if (p.rest.empty() || p.rest[0] == '#') {
          // Fragment-only reference: keep the base query.
          const std::size_t hash = b.rest.find('#');
          p.rest = b.rest.substr(0, hash) + p.rest;
        }
      } else if (rel_path[0] == '/') {
        p.path = rel_path;
      } else {
        p.path = b.path.substr(0, b.path.rfind('/') + 1) + rel_path;
      }
    }
  }
  url_result result;
  result.ok = true;
  // With a path-absolute base the result has no scheme: "//host/x" or "/x".
  if (!p.scheme.empty()) result.url = p.scheme + ":";
  if (!p.authority.empty()) result.url += "//";
  for (char c : p.authority) result.url += to_lower(c);
  result.url += remove_dot_segments(p.path);
  result.url += p.rest;
  return result;
}

}  // namespace news_widget
