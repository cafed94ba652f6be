#include "http_handler.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#ifndef NEWS_WIDGET_VERSION
#error \
    "NEWS_WIDGET_VERSION must be defined (native/CMakeLists.txt sets it from the project version)"
#endif

namespace news_widget::http_server {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view server_name = "news-widget-server";
constexpr std::string_view allowed_methods = "GET, HEAD, OPTIONS";
// The request headers a partner page's fetch() may send us, besides the
// CORS-safelisted ones. A fixed list: we never echo what the client asks for.
constexpr std::string_view allowed_request_headers =
    "If-None-Match, If-Modified-Since, Cache-Control";
constexpr std::string_view text_plain = "text/plain; charset=utf-8";
constexpr std::string_view application_json = "application/json; charset=utf-8";
constexpr std::string_view articles_prefix = "/api/articles/";
constexpr std::size_t max_article_id_chars = 100;
// The body is held in memory; refuse to load anything absurd from the root.
constexpr std::uintmax_t max_file_bytes = 64u * 1024 * 1024;

char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A response with the status's fixed text, e.g. "Not Found\n"; never anything
// taken from the request.
response plain_response(http::status status) {
  response res{status, 11};
  res.set(http::field::content_type, text_plain);
  res.body() = std::string(http::obsolete_reason(status)) + "\n";
  return res;
}

response json_not_found(std::string_view message) {
  response res{http::status::not_found, 11};
  res.set(http::field::content_type, application_json);
  res.set(http::field::cache_control, "no-cache");
  res.body() = std::string(R"({"error":"not_found","message":")") + std::string(message) + "\"}";
  return res;
}

void add_common_headers(response& res) {
  res.set(http::field::server, server_name);
  res.set("X-Content-Type-Options", "nosniff");
  // The widget script, its wasm and the article JSON are fetched by partner
  // pages on other origins; nothing here depends on cookies, so "*" is safe.
  res.set(http::field::access_control_allow_origin, "*");
}

response preflight_response() {
  response res{http::status::no_content, 11};
  res.set(http::field::allow, allowed_methods);
  res.set(http::field::access_control_allow_methods, allowed_methods);
  res.set(http::field::access_control_allow_headers, allowed_request_headers);
  res.set(http::field::access_control_max_age, "600");
  return res;
}

// Spelled out by hand: strftime's %a and %b follow the C locale.
std::string http_date(std::time_t t) {
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday % 7],
                tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

// A weak validator from size and modification time (nanoseconds): changes
// whenever a deploy rewrites the file, and costs no read of the content.
std::string make_etag(const struct stat& st) {
  const auto mtime_ns = static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000u +
                        static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
  char buf[64];
  std::snprintf(buf, sizeof buf, "W/\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(mtime_ns));
  return buf;
}

// Both paths canonical: true when `p` is `base` or below it.
bool is_within(const fs::path& base, const fs::path& p) {
  auto [base_it, p_it] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
  (void)p_it;
  return base_it == base.end();
}

std::optional<std::string> read_file(const fs::path& path, std::uintmax_t size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string body(static_cast<std::size_t>(size), '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  if (in.bad()) return std::nullopt;
  body.resize(static_cast<std::size_t>(in.gcount()));  // the file may have shrunk since stat()
  return body;
}

// Serves `rel` (plain segments: no "..", no dotfiles, checked by the caller)
// under `base_dir`, or a text 404. The resolved path must stay inside the
// canonical base, so a symlink that leads out of it is a 404 too.
// `want_directory`: the URL path ended in '/', so a plain file is a 404.
response serve_file(const fs::path& base_dir, const fs::path& rel, const request& req,
                    bool want_directory = false) {
  std::error_code ec;
  const fs::path base = fs::canonical(base_dir, ec);
  if (ec) return plain_response(http::status::not_found);
  fs::path file = rel.empty() ? base : fs::weakly_canonical(base / rel, ec);
  if (ec || !is_within(base, file)) return plain_response(http::status::not_found);
  if (fs::is_directory(file, ec)) {
    file = fs::weakly_canonical(file / "index.html", ec);
    if (ec || !is_within(base, file)) return plain_response(http::status::not_found);
  } else if (want_directory) {
    return plain_response(http::status::not_found);
  }
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return plain_response(http::status::not_found);
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_file_bytes) {
    return plain_response(http::status::internal_server_error);
  }

  const std::string_view type = mime_type(file.filename().native());
  const bool revalidate = starts_with(type, "text/html") || starts_with(type, "application/json");
  const std::string etag = make_etag(st);
  response res{http::status::ok, 11};
  res.set(http::field::etag, etag);
  res.set(http::field::last_modified, http_date(st.st_mtime));
  // Until file names carry content hashes, html and json must be revalidated
  // on every use; the rest may be an hour stale.
  res.set(http::field::cache_control, revalidate ? "no-cache" : "public, max-age=3600");
  const auto if_none_match = req[http::field::if_none_match];
  if (!if_none_match.empty() && etag_matches(if_none_match, etag)) {
    res.result(http::status::not_modified);
    return res;
  }
  std::optional<std::string> body = read_file(file, static_cast<std::uintmax_t>(st.st_size));
  // Unreadable (permissions): answered as absent, as nothing useful can be said.
  if (!body) return plain_response(http::status::not_found);
  res.set(http::field::content_type, type);
  res.body() = std::move(*body);
  return res;
}

response serve_api(const server_config& config, std::string_view path, const request& req) {
  if (!starts_with(path, articles_prefix)) return json_not_found("no such endpoint");
  const std::string_view id = path.substr(articles_prefix.size());
  if (is_valid_article_id(id)) {
    response res = serve_file(config.data, fs::path(std::string(id) + ".json"), req);
    if (res.result() != http::status::not_found) return res;
  }
  return json_not_found("no article with that id");
}

response route(const server_config& config, const request& req) {
  switch (req.method()) {
    case http::verb::get:
    case http::verb::head:
      break;
    case http::verb::options:
      return preflight_response();
    default: {
      response res = plain_response(http::status::method_not_allowed);
      res.set(http::field::allow, allowed_methods);
      return res;
    }
  }
  // Nothing here takes a body; a small one reaches us (larger ones are
  // stopped by the session's parser limit) and is refused the same way.
  if (!req.body().empty() || req.chunked()) return plain_response(http::status::payload_too_large);

  const std::string_view target = req.target();
  if (target.empty() || target.front() != '/') return plain_response(http::status::bad_request);
  const std::optional<std::string> decoded =
      percent_decode_path(target.substr(0, target.find_first_of("?#")));
  if (!decoded) return plain_response(http::status::bad_request);
  const std::string_view path = *decoded;
  const bool has_bad_char = std::any_of(path.begin(), path.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || c == '\\';
  });
  if (has_bad_char) return plain_response(http::status::bad_request);

  std::vector<std::string_view> segments;
  for (std::size_t start = 1; start <= path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (std::find(segments.begin(), segments.end(), "..") != segments.end()) {
    return plain_response(http::status::bad_request);
  }

  if (path == "/healthz") {
    response res{http::status::ok, 11};
    res.set(http::field::content_type, text_plain);
    res.set(http::field::cache_control, "no-store");
    res.body() = "ok " + std::string(server_version()) + "\n";
    return res;
  }
  if (path == "/api" || starts_with(path, "/api/")) return serve_api(config, path, req);

  fs::path rel;
  for (std::string_view segment : segments) {
    if (segment.empty()) continue;  // "//a" and "/a/" name what "/a" names
    // Dotfiles (.git, .env, .htpasswd, "." itself) are never served.
    if (segment.front() == '.') return plain_response(http::status::not_found);
    rel /= fs::path(std::string(segment));
  }
  return serve_file(config.root, rel, req, path.back() == '/');
}

}  // namespace

std::string_view server_version() {
  return NEWS_WIDGET_VERSION;
}

response handle_request(const server_config& config, const request& req) {
  response res = route(config, req);
  add_common_headers(res);
  res.version(req.version());
  // After a refused body the client may still be sending: do not read on.
  res.keep_alive(req.keep_alive() && res.result() != http::status::payload_too_large);
  const auto status = res.result();
  if (status == http::status::no_content || status == http::status::not_modified) {
    res.body().clear();
    res.erase(http::field::content_length);
  } else if (req.method() == http::verb::head) {
    const std::size_t size = res.body().size();
    res.body().clear();
    res.content_length(size);  // what GET would send
  } else {
    res.prepare_payload();
  }
  return res;
}

std::string format_http_date(std::chrono::system_clock::time_point time) {
  return http_date(std::chrono::system_clock::to_time_t(time));
}

response error_response(http::status status, unsigned version, bool keep_alive) {
  response res = plain_response(status);
  add_common_headers(res);
  res.version(version);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

std::string_view mime_type(std::string_view file_name) {
  const std::size_t slash = file_name.find_last_of('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  const std::size_t dot = file_name.find_last_of('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(file_name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), to_lower_ascii);

  struct entry {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr entry table[] = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},  // RFC 9239
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"wasm", "application/wasm"},  // required by WebAssembly.instantiateStreaming
      {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"webp", "image/webp"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
      {"ico", "image/x-icon"},
  };
  for (const entry& e : table) {
    if (e.ext == ext) return e.type;
  }
  return "application/octet-stream";
}

std::optional<std::string> percent_decode_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      out.push_back(path[i]);
      continue;
    }
    if (i + 2 >= path.size()) return std::nullopt;  // "%" or "%2" at the end
    const int high = hex_value(path[i + 1]);
    const int low = hex_value(path[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    const int value = high * 16 + low;
    if (value == 0) return std::nullopt;
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

bool is_valid_article_id(std::string_view id) {
  if (id.empty() || id.size() > max_article_id_chars) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  const auto opaque = [](std::string_view tag) {
    return starts_with(tag, "W/") ? tag.substr(2) : tag;
  };
  const std::string_view wanted = opaque(etag);
  std::size_t i = 0;
  const auto skip_separators = [&] {
    while (i < if_none_match.size() &&
           (if_none_match[i] == ' ' || if_none_match[i] == '\t' || if_none_match[i] == ',')) {
      ++i;
    }
  };
  skip_separators();
  if (if_none_match.substr(i) == "*") return true;
  while (i < if_none_match.size()) {
    if (starts_with(if_none_match.substr(i), "W/")) i += 2;
    if (i >= if_none_match.size() || if_none_match[i] != '"') return false;  // malformed list
    const std::size_t close = if_none_match.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    if (if_none_match.substr(i, close + 1 - i) == wanted) return true;
    i = close + 1;
    skip_separators();
  }
  return false;
}

}  // namespace news_widget::http_server
