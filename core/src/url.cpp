#include "news_widget/url.hpp"

#include <algorithm>

#include "cold.hpp"
#include "news_widget/text.hpp"

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

bool is_http(std::string_view scheme) {
  if (scheme.size() != 4 && scheme.size() != 5) return false;
  const char* want = "https";
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (to_lower(scheme[i]) != want[i]) return false;
  }
  return true;
}

// The scheme of `url` as written, or "" when it has none (WHATWG URL
// "scheme state": an ASCII letter, then letters, digits, + - ., then ':').
std::string_view scheme_of(std::string_view url) {
  if (url.empty() || !is_alpha(url[0])) return {};
  for (std::size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return url.substr(0, i);
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

// The parts of a URL, as views into the text they were split from.
struct parts {
  std::string_view scheme;     // "http" or "https" in any case; "" for a path-absolute base
  std::string_view authority;  // host[:port]; "" for a path-absolute base
  std::string_view path;       // starts with '/'
  std::string_view rest;       // "?query#fragment" as given (may be empty)
};

// Splits `tail` ("/path?query#fragment", or "" or "?..." or "#...") into path and rest.
void split_path(std::string_view tail, parts& out) {
  const std::size_t path_end = std::min(tail.find_first_of("?#"), tail.size());
  out.path = path_end == 0 ? std::string_view("/") : tail.substr(0, path_end);
  out.rest = tail.substr(path_end);
}

// Splits "//authority/path?query#fragment"; false without an authority, or
// with userinfo ("user:pass@host"), which only ever serves to disguise the host.
bool split_network(std::string_view tail, parts& out) {
  if (tail.substr(0, 2) != "//") return false;
  tail.remove_prefix(2);
  const std::size_t auth_end = std::min(tail.find_first_of("/?#"), tail.size());
  out.authority = tail.substr(0, auth_end);
  if (out.authority.empty() || out.authority.find('@') != std::string_view::npos) return false;
  split_path(tail.substr(auth_end), out);
  return true;
}

// Splits an absolute http(s) URL; false if it is not one.
bool split_absolute(std::string_view url, parts& out) {
  out.scheme = scheme_of(url);
  return is_http(out.scheme) && split_network(url.substr(out.scheme.size() + 1), out);
}

// Splits a path-absolute base ("/api/articles/x?y"): URLs resolved against it
// stay relative to the origin of the page they are shown on. No scheme, no
// authority; false if `url` is not of that form.
bool split_path_absolute(std::string_view url, parts& out) {
  if (url.empty() || url[0] != '/' || url.substr(0, 2) == "//" ||
      url.find('\\') != std::string_view::npos) {
    return false;
  }
  out.scheme = {};
  out.authority = {};
  split_path(url, out);
  return true;
}

// Appends `path` (starting with '/') to `out` with "." and ".." segments
// removed (RFC 3986 section 5.2.4).
void append_without_dot_segments(str& out, std::string_view path) {
  const std::size_t root = out.size();
  bool trailing_slash = false;
  for (std::size_t i = 1; i <= path.size();) {
    const std::size_t next = std::min(path.find('/', i), path.size());
    const std::string_view seg = path.substr(i, next - i);
    trailing_slash = seg == ".." || seg == ".";
    if (seg == "..") {
      if (out.size() > root) out.resize(out.rfind('/'));
    } else if (seg != ".") {
      out += '/';
      out += seg;
    }
    i = next + 1;
  }
  if (trailing_slash || out.size() == root) out += '/';
}

bool needs_encoding(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
         c == '`' || c == '{' || c == '|' || c == '}' || c == '\'';
}

void append_encoded(str& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (char c : text) {
    if (needs_encoding(c)) {
      const auto u = static_cast<unsigned char>(c);
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xF];
    } else {
      out += c;
    }
  }
}

NW_COLD url_result refuse(str problem) {
  return {false, {}, std::move(problem)};
}

NW_COLD url_result refuse_scheme(std::string_view scheme) {
  str lower;
  for (char c : scheme) lower += to_lower(c);
  return refuse(concat({"scheme \"", lower, ":\" is not allowed (only http: and https:)"}));
}

}  // namespace

url_result resolve_url(std::string_view raw, std::string_view base) {
  if (raw.empty()) return refuse("empty URL");
  bool encode = false;
  for (char c : raw) {
    if (static_cast<unsigned char>(c) < 0x20) return refuse("control character in URL");
    encode = encode || needs_encoding(c);
  }
  // Spaces, non-ASCII bytes and the like are percent-encoded before anything
  // else, so the browser reads the URL exactly as it is resolved here.
  str encoded;
  if (encode) {
    append_encoded(encoded, raw);
    raw = encoded;
  }

  parts p;
  str merged_path;  // a relative path joined to the base's directory
  const std::string_view scheme = scheme_of(raw);
  if (!scheme.empty()) {
    if (!is_http(scheme)) return refuse_scheme(scheme);
    if (!split_absolute(raw, p)) return refuse("not a valid absolute http(s) URL");
  } else {
    parts b;
    if (!split_absolute(base, b) && !split_path_absolute(base, b)) {
      return refuse("relative URL without an absolute http(s) base");
    }
    if (raw.substr(0, 2) == "//") {
      if (!split_network(raw, p)) return refuse("not a valid URL");
      p.scheme = b.scheme;
    } else {
      p.scheme = b.scheme;
      p.authority = b.authority;
      const std::size_t path_end = std::min(raw.find_first_of("?#"), raw.size());
      const std::string_view rel_path = raw.substr(0, path_end);
      p.rest = raw.substr(path_end);
      if (rel_path.empty()) {
        p.path = b.path;
        if (p.rest.empty() || p.rest[0] == '#') {
          // Fragment-only reference: keep the base query.
          merged_path.assign(b.rest.substr(0, b.rest.find('#')));
          merged_path += p.rest;
          p.rest = merged_path;
        }
      } else if (rel_path[0] == '/') {
        p.path = rel_path;
      } else {
        merged_path.assign(b.path.substr(0, b.path.rfind('/') + 1));
        merged_path += rel_path;
        p.path = merged_path;
      }
    }
  }
  url_result result;
  result.ok = true;
  str& out = result.url;
  out.reserve(p.scheme.size() + p.authority.size() + p.path.size() + p.rest.size() + 4);
  // With a path-absolute base the result has no scheme: "//host/x" or "/x".
  if (!p.scheme.empty()) {
    for (char c : p.scheme) out += to_lower(c);
    out += ':';
  }
  if (!p.authority.empty()) {
    out += "//";
    for (char c : p.authority) out += to_lower(c);
  }
  append_without_dot_segments(out, p.path);
  out += p.rest;
  return result;
}

str form_decode(std::string_view text) {
  str out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace news_widget
