#include "http_handler.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <system_error>
#include <vector>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <nlohmann/json.hpp>

#include "file_cache.hpp"
#include "news_widget/diagnostic.hpp"
#include "news_widget/render.hpp"

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
    "If-None-Match, If-Modified-Since, If-Range, Range, Cache-Control";
constexpr std::string_view text_plain = "text/plain; charset=utf-8";
constexpr std::string_view text_html = "text/html; charset=utf-8";
constexpr std::string_view application_json = "application/json; charset=utf-8";
constexpr std::string_view articles_prefix = "/api/articles/";
constexpr std::string_view render_prefix = "/render/";
constexpr std::string_view widget_script_path = "/widget/news-widget.js";
constexpr std::string_view widget_stylesheet_path = "/widget/news-widget.css";
constexpr std::size_t max_article_id_chars = 100;

constexpr int default_render_width_px = 600;
constexpr int max_render_width_px = 10000;
// oEmbed: the width of the embed when the consumer gives no maxwidth, and the
// bounds it is kept in (narrower than 280 px the card has no sensible layout).
constexpr int default_oembed_width_px = 600;
constexpr int min_oembed_width_px = 280;
constexpr int max_oembed_width_px = 1200;
constexpr int oembed_cache_age_s = 300;
// /oembed may look for a feed whose article.url is the one asked for: only
// among this many files of at most the core's feed size limit.
constexpr std::size_t max_scanned_feeds = 10000;
constexpr std::uintmax_t max_scanned_feed_bytes = 1024 * 1024;

// Cache-Control values.
constexpr std::string_view cache_revalidate = "no-cache";
constexpr std::string_view cache_hour = "public, max-age=3600";
constexpr std::string_view cache_immutable = "public, max-age=31536000, immutable";

char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), to_lower_ascii);
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Without the optional whitespace (spaces, tabs) RFC 9110 allows around values.
std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The quality an Accept-Encoding value gives `coding`: its own q, else that
// of "*"; nullopt when neither is listed.
std::optional<double> listed_quality(std::string_view accept_encoding, std::string_view coding) {
  std::optional<double> own;
  std::optional<double> any;
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const std::size_t semicolon = item.find(';');
    const std::string name = to_lower(trim_ows(item.substr(0, semicolon)));
    if (name.empty()) continue;
    double q = 1;
    std::string_view params =
        semicolon == std::string_view::npos ? std::string_view() : item.substr(semicolon + 1);
    while (!params.empty()) {
      const std::size_t next = params.find(';');
      const std::string_view param = trim_ows(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (param.size() < 2 || to_lower_ascii(param[0]) != 'q' || param[1] != '=') continue;
      // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); anything
      // else makes the item unusable, so it counts as a refusal.
      const std::string_view value = param.substr(2);
      const bool well_formed =
          !value.empty() && value.size() <= 5 && (value[0] == '0' || value[0] == '1') &&
          (value.size() == 1 ||
           (value[1] == '.' && std::all_of(value.begin() + 2, value.end(), [&](char c) {
              return value[0] == '0' ? is_digit(c) : c == '0';
            })));
      q = well_formed ? std::min(1.0, std::strtod(std::string(value).c_str(), nullptr)) : 0.0;
    }
    if (name == coding || (coding == "gzip" && name == "x-gzip")) {
      own = q;
    } else if (name == "*") {
      any = q;
    }
  }
  return own ? own : any;
}

// A whole decimal number of at most 9 digits, not above `max`.
std::optional<int> parse_int(std::string_view text, int max) {
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), is_digit)) {
    return std::nullopt;
  }
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  if (value > max) return std::nullopt;
  return value;
}

// A run of decimal digits, saturating at UINT64_MAX (a range that large is
// past the end of any file, which is what it should mean).
std::optional<std::uint64_t> parse_u64(std::string_view text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), is_digit)) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return UINT64_MAX;
    value = value * 10 + digit;
  }
  return value;
}

// FNV-1a, 64 bits: a stable hash for validators (not for security).
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325u;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3u;
  }
  return hash;
}

// A response with the status's fixed text, e.g. "Not Found\n"; never anything
// taken from the request.
response plain_response(http::status status) {
  response res{status, 11};
  res.set(http::field::content_type, text_plain);
  res.body() = std::string(http::obsolete_reason(status)) + "\n";
  return res;
}

// {"error":ERROR,"message":MESSAGE}: both fixed texts of ours, never request data.
response json_error(http::status status, std::string_view error, std::string_view message) {
  response res{status, 11};
  res.set(http::field::content_type, application_json);
  res.set(http::field::cache_control, cache_revalidate);
  res.body() = std::string(R"({"error":")") + std::string(error) + R"(","message":")" +
               std::string(message) + "\"}";
  return res;
}

response json_not_found(std::string_view message) {
  return json_error(http::status::not_found, "not_found", message);
}

response json_bad_request(std::string_view message) {
  return json_error(http::status::bad_request, "bad_request", message);
}

// Adds `token` to the Vary header, keeping what is there.
void add_vary(response& res, std::string_view token) {
  const std::string_view current = res[http::field::vary];
  if (current.empty()) {
    res.set(http::field::vary, token);
  } else if (current.find(token) == std::string_view::npos) {
    res.set(http::field::vary, std::string(current) + ", " + std::string(token));
  }
}

// `origin`: the request's Origin header ("" when there is none or no request).
void add_common_headers(response& res, const server_config& config, std::string_view origin) {
  res.set(http::field::server, server_name);
  res.set("X-Content-Type-Options", "nosniff");
  const auto& allowed = config.cors_origins;
  // The widget script, its wasm and the article JSON are fetched by partner
  // pages on other origins; nothing here depends on cookies, so "*" is safe
  // unless the operator has chosen to list the partners.
  if (allowed.empty() || std::find(allowed.begin(), allowed.end(), "*") != allowed.end()) {
    res.set(http::field::access_control_allow_origin, "*");
    return;
  }
  // The grant depends on the Origin, so caches must key on it, granted or not.
  add_vary(res, "Origin");
  if (!origin.empty() && std::find(allowed.begin(), allowed.end(), origin) != allowed.end()) {
    res.set(http::field::access_control_allow_origin, origin);
  }
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

// The file `rel` under `base_dir` (find_static_file), from `cache` when there is one.
std::shared_ptr<const static_file> find_file(file_cache* cache, const fs::path& base_dir,
                                             const fs::path& rel, bool want_directory = false) {
  return cache ? cache->find(base_dir, rel, want_directory)
               : find_static_file(base_dir, rel, want_directory);
}

// `length` bytes of `version` from `offset`: from memory when it is loaded.
std::optional<std::string> read_version(const file_version& version, std::uint64_t offset,
                                        std::uint64_t length) {
  if (!version.content) return read_file_range(version.path, offset, length);
  const std::string& content = *version.content;
  if (offset >= content.size()) return std::string();
  return content.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
}

std::optional<std::string> read_whole(const file_version& version) {
  if (version.content) return *version.content;
  return read_file_range(version.path, 0, static_cast<std::uint64_t>(version.st.st_size));
}

// Types worth compressing: a cache in front of us must key them on Accept-Encoding.
bool is_compressible(std::string_view type) {
  return starts_with(type, "text/") || starts_with(type, "application/json") ||
         type == "application/wasm" || type == "image/svg+xml";
}

// If-None-Match, else If-Modified-Since (RFC 9110 section 13.2.2): true when
// the client's copy is current.
bool is_not_modified(const request& req, std::string_view etag, std::time_t mtime) {
  const std::string_view if_none_match = req[http::field::if_none_match];
  if (!if_none_match.empty()) return etag_matches(if_none_match, etag);
  const std::string_view if_modified_since = req[http::field::if_modified_since];
  if (if_modified_since.empty()) return false;
  const std::optional<std::time_t> since = parse_http_date(if_modified_since);
  return since && mtime <= *since;
}

// If-Range (RFC 9110 section 13.1.5): the range applies only to the
// representation the client already has part of. An entity tag must match
// strongly, which our weak ones never do; a date must equal Last-Modified.
bool if_range_allows(const request& req, std::string_view etag, std::time_t mtime) {
  const std::string_view if_range = trim_ows(req[http::field::if_range]);
  if (if_range.empty()) return true;
  if (if_range.front() == '"' || starts_with(if_range, "W/")) {
    return !starts_with(etag, "W/") && if_range == etag;
  }
  const std::optional<std::time_t> date = parse_http_date(if_range);
  return date && *date == mtime;
}

enum class cache_policy {
  static_file,  // by name: hashed -> immutable; html, json -> revalidate; else an hour
  revalidate,   // article JSON: always revalidated
};

// Serves `rel` (see find_static_file) under `base_dir`, or a text 404.
response serve_file(file_cache* cache, const fs::path& base_dir, const fs::path& rel,
                    const request& req, cache_policy policy, bool want_directory = false) {
  const std::shared_ptr<const static_file> found = find_file(cache, base_dir, rel, want_directory);
  if (!found) return plain_response(http::status::not_found);
  const file_version* const file = &found->file;
  if (static_cast<std::uintmax_t>(file->st.st_size) > max_file_bytes) {
    return plain_response(http::status::internal_server_error);
  }
  // The name the URL used: a symlink "app.js" to "app.3fa9c2d1.js" is not versioned.
  const std::string request_name =
      found->directory_index ? std::string("index.html") : rel.filename().string();
  const std::string_view type = mime_type(file->path);
  std::string_view cache_control = cache_revalidate;
  if (policy == cache_policy::static_file) {
    if (has_content_hash(request_name)) {
      cache_control = cache_immutable;
    } else if (!starts_with(type, "text/html") && !starts_with(type, "application/json")) {
      cache_control = cache_hour;
    }
  }

  // Content negotiation between the file and its precompressed siblings.
  const std::optional<file_version>& br = found->br;
  const std::optional<file_version>& gz = found->gz;
  const file_version* selected = file;
  std::string_view encoding;
  const std::string_view accept_encoding = req[http::field::accept_encoding];
  // Identity competes only when the client lists it (or "*"): "br;q=0.5"
  // still means the client takes br, and a smaller file is the better answer.
  double best_quality = listed_quality(accept_encoding, "identity").value_or(0.0);
  if (gz) {
    const double q = coding_quality(accept_encoding, "gzip");
    if (q > 0 && q >= best_quality) {
      selected = &*gz;
      encoding = "gzip";
      best_quality = q;
    }
  }
  if (br) {
    const double q = coding_quality(accept_encoding, "br");
    if (q > 0 && q >= best_quality) {  // >=: br wins a tie with gzip
      selected = &*br;
      encoding = "br";
    }
  }

  const std::string& etag = selected->etag;
  const std::time_t mtime = file->st.st_mtime;
  response res{http::status::ok, 11};
  res.set(http::field::etag, etag);
  res.set(http::field::last_modified, found->last_modified);
  res.set(http::field::cache_control, cache_control);
  res.set(http::field::accept_ranges, "bytes");
  if (br || gz || is_compressible(type)) add_vary(res, "Accept-Encoding");
  if (!encoding.empty()) res.set(http::field::content_encoding, encoding);
  if (is_not_modified(req, etag, mtime)) {
    res.result(http::status::not_modified);
    return res;
  }

  const auto size = static_cast<std::uint64_t>(selected->st.st_size);
  range_request range;
  if (const std::string_view header = req[http::field::range];
      !header.empty() && if_range_allows(req, etag, mtime)) {
    range = parse_range(header, size);
  }
  if (range.kind == range_request::unsatisfiable) {
    response refused = plain_response(http::status::range_not_satisfiable);
    for (const http::field f :
         {http::field::etag, http::field::last_modified, http::field::cache_control,
          http::field::accept_ranges, http::field::vary}) {
      if (res.find(f) != res.end()) refused.set(f, res[f]);
    }
    refused.set(http::field::content_range, "bytes */" + std::to_string(size));
    return refused;
  }
  const bool partial = range.kind == range_request::satisfiable;
  std::optional<std::string> body =
      partial ? read_version(*selected, range.first, range.last - range.first + 1)
              : read_whole(*selected);
  // Unreadable (permissions): answered as absent, as nothing useful can be said.
  if (!body) return plain_response(http::status::not_found);
  if (partial) {
    res.result(http::status::partial_content);
    res.set(http::field::content_range, "bytes " + std::to_string(range.first) + "-" +
                                            std::to_string(range.last) + "/" +
                                            std::to_string(size));
  }
  res.set(http::field::content_type, type);
  res.body() = std::move(*body);
  return res;
}

response serve_api(const server_config& config, file_cache* cache, std::string_view path,
                   const request& req) {
  if (!starts_with(path, articles_prefix)) return json_not_found("no such endpoint");
  const std::string_view id = path.substr(articles_prefix.size());
  if (is_valid_article_id(id)) {
    response res = serve_file(cache, config.data, fs::path(std::string(id) + ".json"), req,
                              cache_policy::revalidate);
    if (res.result() != http::status::not_found) return res;
  }
  return json_not_found("no article with that id");
}

// One "key=value" of a query string: the key decoded, the value as received.
struct query_param {
  std::string key;
  std::string_view raw_value;
};

std::vector<query_param> parse_query(std::string_view query) {
  std::vector<query_param> params;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    params.push_back(query_param{form_decode(pair.substr(0, eq)), eq == std::string_view::npos
                                                                      ? std::string_view()
                                                                      : pair.substr(eq + 1)});
  }
  return params;
}

// The last value given for `key`, decoded; nullopt when there is none.
std::optional<std::string> query_value(const std::vector<query_param>& params,
                                       std::string_view key) {
  std::optional<std::string> value;
  for (const query_param& p : params) {
    if (p.key == key) value = form_decode(p.raw_value);
  }
  return value;
}

// The article's feed, read whole; nullopt when there is no such article.
std::optional<std::string> read_feed(const server_config& config, file_cache* cache,
                                     std::string_view id) {
  const std::shared_ptr<const static_file> found =
      find_file(cache, config.data, fs::path(std::string(id) + ".json"));
  if (!found || static_cast<std::uintmax_t>(found->file.st.st_size) > max_file_bytes) {
    return std::nullopt;
  }
  return read_whole(found->file);
}

// The core refused the feed: 422 with its diagnostics, as the widget would get them.
response unrenderable_response(const render_result& result) {
  response res{http::status::unprocessable_entity, 11};
  res.set(http::field::content_type, application_json);
  res.set(http::field::cache_control, cache_revalidate);
  res.body() = R"({"error":"unrenderable","diagnostics":)" + to_json(result.diagnostics) + "}";
  return res;
}

// GET /render/<id>: the card the widget would show, rendered here by the same core.
response serve_render(const server_config& config, file_cache* cache, std::string_view id,
                      std::string_view query, const request& req) {
  if (!is_valid_article_id(id)) return json_not_found("no article with that id");
  const std::vector<query_param> params = parse_query(query);
  int width_px = default_render_width_px;
  if (const auto width = query_value(params, "width")) {
    const std::optional<int> parsed = parse_int(*width, max_render_width_px);
    if (!parsed) return json_bad_request("width must be a whole number from 0 to 10000");
    width_px = *parsed;
  }
  bool shadow_root = false;
  if (const auto format = query_value(params, "format")) {
    if (*format != "html" && *format != "shadow-root") {
      return json_bad_request("format must be html or shadow-root");
    }
    shadow_root = *format == "shadow-root";
  }
  // Only the widget's own attributes reach the core, their values as given
  // (the core validates them and reports bad ones as warnings); the base URL
  // is ours, so relative URLs in the feed resolve as they do for the widget.
  std::string options;
  for (const query_param& p : params) {
    if (p.key == "locale" || p.key == "layout" || p.key == "max-related" ||
        p.key == "heading-level" || p.key == "theme" || p.key == "show" || p.key == "item") {
      options += p.key + "=" + std::string(p.raw_value) + "&";
    }
  }
  options +=
      "base=" + percent_encode(config.public_url + std::string(articles_prefix) + std::string(id));

  const std::shared_ptr<const static_file> found =
      find_file(cache, config.data, fs::path(std::string(id) + ".json"));
  if (!found) return json_not_found("no article with that id");
  const file_version& file = found->file;
  if (static_cast<std::uintmax_t>(file.st.st_size) > max_file_bytes) {
    return plain_response(http::status::internal_server_error);
  }
  // The feed's validator plus everything else the output depends on: the
  // core's version, the width, the format and the options.
  const std::string inputs = std::string(server_version()) + "\n" + std::to_string(width_px) +
                             "\n" + (shadow_root ? "shadow-root" : "html") + "\n" + options;
  char hash[24];
  std::snprintf(hash, sizeof hash, "-r%016llx", static_cast<unsigned long long>(fnv1a(inputs)));
  const std::string etag = make_weak_etag(file.st, hash);
  response res{http::status::ok, 11};
  res.set(http::field::etag, etag);
  res.set(http::field::cache_control, cache_revalidate);
  const std::string_view if_none_match = req[http::field::if_none_match];
  if (!if_none_match.empty() && etag_matches(if_none_match, etag)) {
    res.result(http::status::not_modified);
    return res;
  }
  // The cached feed as it is, else read from disk.
  std::optional<std::string> read;
  if (!file.content) {
    read = read_whole(file);
    if (!read) return json_not_found("no article with that id");
  }
  const std::string_view feed = file.content ? std::string_view(*file.content) : *read;
  const render_result result = render(feed, width_px, options);
  if (!result.ok) return unrenderable_response(result);
  res.set(http::field::content_type, text_html);
  res.body() = shadow_root
                   ? declarative_shadow_root(
                         result.html, config.public_url + std::string(widget_stylesheet_path))
                   : result.html;
  return res;
}

// The id of the article a feed describes at `url` (its article.url), if one
// of the data directory's feeds does; the smallest such id when several do.
std::optional<std::string> find_article_by_url(const server_config& config, std::string_view url) {
  std::error_code ec;
  fs::directory_iterator it(config.data, ec);
  std::optional<std::string> found;
  std::size_t scanned = 0;
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string id = path.stem().string();
    if (path.extension() != ".json" || !is_valid_article_id(id)) continue;
    if (++scanned > max_scanned_feeds) break;
    // Not through the cache: a scan would push out the files in use.
    const std::shared_ptr<const static_file> file = find_static_file(config.data, path.filename());
    if (!file || static_cast<std::uintmax_t>(file->file.st.st_size) > max_scanned_feed_bytes) {
      continue;
    }
    const std::optional<std::string> text = read_whole(file->file);
    if (!text) continue;
    // Untrusted: parse without exceptions and check each type before reading.
    const nlohmann::json feed = nlohmann::json::parse(*text, nullptr, false);
    if (feed.is_discarded() || !feed.is_object()) continue;
    const auto article = feed.find("article");
    if (article == feed.end() || !article->is_object()) continue;
    const auto article_url = article->find("url");
    if (article_url == article->end() || !article_url->is_string()) continue;
    if (article_url->get_ref<const std::string&>() != url) continue;
    if (!found || id < *found) found = id;
  }
  return found;
}

// The article an oEmbed url names: <public-url>/api/articles/<id>,
// <public-url>/render/<id>, any http(s) URL whose last path segment is an
// article's id, or the article.url of one of the feeds.
std::optional<std::string> find_article(const server_config& config, std::string_view url) {
  const std::string lower = to_lower(url.substr(0, 8));
  std::string_view rest;
  if (starts_with(lower, "http://")) {
    rest = url.substr(7);
  } else if (starts_with(lower, "https://")) {
    rest = url.substr(8);
  } else {
    return std::nullopt;
  }
  rest = rest.substr(0, rest.find_first_of("?#"));
  const std::size_t path_start = rest.find('/');
  std::string_view path = path_start == std::string_view::npos ? "" : rest.substr(path_start);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const std::string_view last_segment = path.substr(path.rfind('/') + 1);
  if (is_valid_article_id(last_segment) &&
      find_static_file(config.data, fs::path(std::string(last_segment) + ".json"))) {
    return std::string(last_segment);
  }
  if (std::optional<std::string> id = find_article_by_url(config, url)) return id;
  const std::string_view without_fragment = url.substr(0, url.find('#'));
  if (without_fragment.size() != url.size()) return find_article_by_url(config, without_fragment);
  return std::nullopt;
}

// A positive whole number given for `key`; `bad` when it is given but not one.
struct dimension {
  std::optional<int> value;
  bool bad = false;
};

dimension query_dimension(const std::vector<query_param>& params, std::string_view key) {
  dimension d;
  if (const auto text = query_value(params, key)) {
    d.value = parse_int(*text, 1000000);
    d.bad = !d.value || *d.value == 0;
  }
  return d;
}

// GET /oembed (https://oembed.com/, section 2.2): a "rich" embed of the widget.
response serve_oembed(const server_config& config, file_cache* cache, std::string_view query) {
  const std::vector<query_param> params = parse_query(query);
  const std::optional<std::string> url = query_value(params, "url");
  if (!url || url->empty()) return json_bad_request("url is required");
  if (const auto format = query_value(params, "format"); format && *format != "json") {
    return json_error(http::status::not_implemented, "not_implemented",
                      "only format=json is supported");
  }
  const dimension max_width = query_dimension(params, "maxwidth");
  const dimension max_height = query_dimension(params, "maxheight");
  if (max_width.bad) return json_bad_request("maxwidth must be a positive whole number");
  if (max_height.bad) return json_bad_request("maxheight must be a positive whole number");
  const int width_px = max_width.value
                           ? std::clamp(*max_width.value, min_oembed_width_px, max_oembed_width_px)
                           : default_oembed_width_px;

  const std::optional<std::string> id = find_article(config, *url);
  if (!id) return json_not_found("no article for that url");
  const std::optional<std::string> feed = read_feed(config, cache, *id);
  if (!feed) return json_not_found("no article for that url");
  const render_result result = render(*feed, width_px, std::string_view());
  if (!result.ok) return unrenderable_response(result);
  int height_px = result.estimated_height_px;
  if (max_height.value && height_px > *max_height.value) height_px = *max_height.value;

  // The core accepted the feed, so it has a title; read it as the core did not hand it out.
  std::string title;
  const nlohmann::json parsed = nlohmann::json::parse(*feed, nullptr, false);
  if (parsed.is_object()) {
    const auto article = parsed.find("article");
    if (article != parsed.end() && article->is_object()) {
      const auto t = article->find("title");
      if (t != article->end() && t->is_string()) title = t->get_ref<const std::string&>();
    }
  }
  // public_url is a validated origin and id is [a-z0-9-]: nothing to escape in the markup.
  const std::string& base = config.public_url;
  const std::string html = "<script async src=\"" + base + std::string(widget_script_path) +
                           "\"></script><news-widget src=\"" + base + std::string(articles_prefix) +
                           *id + "\"></news-widget>";
  nlohmann::ordered_json out;
  out["version"] = "1.0";
  out["type"] = "rich";
  out["provider_name"] = "news-widget";
  out["provider_url"] = base;
  out["title"] = title;
  out["html"] = html;
  out["width"] = width_px;
  out["height"] = height_px;
  out["cache_age"] = oembed_cache_age_s;

  response res{http::status::ok, 11};
  res.set(http::field::content_type, application_json);
  res.set(http::field::cache_control, "public, max-age=" + std::to_string(oembed_cache_age_s));
  res.body() = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

response route(const server_config& config, file_cache* cache, const request& req) {
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
  const std::size_t path_end = target.find_first_of("?#");
  const std::optional<std::string> decoded = percent_decode_path(target.substr(0, path_end));
  if (!decoded) return plain_response(http::status::bad_request);
  std::string_view query;
  if (path_end != std::string_view::npos && target[path_end] == '?') {
    query = target.substr(path_end + 1);
    query = query.substr(0, query.find('#'));
  }
  const std::string_view path = *decoded;
  const bool has_bad_char = std::any_of(path.begin(), path.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || c == '\\';
  });
  if (has_bad_char) return plain_response(http::status::bad_request);

  // Calls `visit` with each '/'-separated segment of the path (after the
  // first '/') until it returns false; false then.
  const auto each_segment = [&path](auto&& visit) {
    for (std::size_t start = 1; start <= path.size();) {
      const std::size_t end = std::min(path.find('/', start), path.size());
      if (!visit(path.substr(start, end - start))) return false;
      start = end + 1;
    }
    return true;
  };
  if (!each_segment([](std::string_view segment) { return segment != ".."; })) {
    return plain_response(http::status::bad_request);
  }

  if (path == "/healthz") {
    response res{http::status::ok, 11};
    res.set(http::field::content_type, text_plain);
    res.set(http::field::cache_control, "no-store");
    res.body() = "ok " + std::string(server_version()) + "\n";
    return res;
  }
  if (path == "/api" || starts_with(path, "/api/")) return serve_api(config, cache, path, req);
  if (path == "/render" || starts_with(path, render_prefix)) {
    return serve_render(config, cache, path.substr(std::min(path.size(), render_prefix.size())),
                        query, req);
  }
  if (path == "/oembed") return serve_oembed(config, cache, query);

  std::string rel;  // the path below the root: its segments joined by '/'
  rel.reserve(path.size());
  const bool no_dotfile = each_segment([&rel](std::string_view segment) {
    if (segment.empty()) return true;  // "//a" and "/a/" name what "/a" names
    // Dotfiles (.git, .env, .htpasswd, "." itself) are never served.
    if (segment.front() == '.') return false;
    if (!rel.empty()) rel += '/';
    rel.append(segment.data(), segment.size());
    return true;
  });
  if (!no_dotfile) return plain_response(http::status::not_found);
  return serve_file(cache, config.root, fs::path(std::move(rel)), req, cache_policy::static_file,
                    path.back() == '/');
}

// The three date formats of RFC 9110 section 5.6.7, field by field.
class date_reader {
 public:
  explicit date_reader(std::string_view text) : text_(text) {}

  bool literal(std::string_view s) {
    if (text_.substr(pos_, s.size()) != s) return false;
    pos_ += s.size();
    return true;
  }
  // Exactly `n` digits.
  bool number(std::size_t n, int& out) {
    if (pos_ + n > text_.size()) return false;
    out = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = text_[pos_ + i];
      if (!is_digit(c)) return false;
      out = out * 10 + (c - '0');
    }
    pos_ += n;
    return true;
  }
  bool month(int& out) {
    static constexpr std::string_view names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
      if (literal(names[i])) {
        out = i;
        return true;
      }
    }
    return false;
  }
  bool short_day() {
    for (const std::string_view d : {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}) {
      if (literal(d)) return true;
    }
    return false;
  }
  bool long_day() {
    for (const std::string_view d :
         {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}) {
      if (literal(d)) return true;
    }
    return false;
  }
  bool time_of_day(std::tm& tm) {
    return number(2, tm.tm_hour) && literal(":") && number(2, tm.tm_min) && literal(":") &&
           number(2, tm.tm_sec);
  }
  bool at_end() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string_view server_version() {
  return NEWS_WIDGET_VERSION;
}

response handle_request(const server_config& config, const request& req, file_cache* cache) {
  response res = route(config, cache, req);
  add_common_headers(res, config, req[http::field::origin]);
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

void serialize_header(const response& res, std::string& out) {
  const unsigned version = res.version();
  const unsigned status = res.result_int();
  char start[] = "HTTP/1.1 200 ";
  start[5] = static_cast<char>('0' + version / 10 % 10);
  start[7] = static_cast<char>('0' + version % 10);
  start[9] = static_cast<char>('0' + status / 100 % 10);
  start[10] = static_cast<char>('0' + status / 10 % 10);
  start[11] = static_cast<char>('0' + status % 10);
  const std::string_view start_line(start, sizeof start - 1);
  const std::string_view reason = res.reason();
  // Sized first, then copied in: one allocation at most, no per-piece appends.
  std::size_t size = start_line.size() + reason.size() + 2 + 2;
  for (const auto& field : res) size += field.name_string().size() + 2 + field.value().size() + 2;
  out.resize(size);
  char* p = out.data();
  const auto put = [&p](auto text) {
    std::memcpy(p, text.data(), text.size());
    p += text.size();
  };
  put(start_line);
  put(reason);
  put(std::string_view("\r\n"));
  for (const auto& field : res) {
    put(field.name_string());
    put(std::string_view(": "));
    put(field.value());
    put(std::string_view("\r\n"));
  }
  put(std::string_view("\r\n"));
}

std::string format_http_date(std::chrono::system_clock::time_point time) {
  return http_date(std::chrono::system_clock::to_time_t(time));
}

response error_response(const server_config& config, http::status status, unsigned version,
                        bool keep_alive) {
  response res = plain_response(status);
  add_common_headers(res, config, {});
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
  const std::string ext = to_lower(file_name.substr(dot + 1));

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

std::optional<std::time_t> parse_http_date(std::string_view text) {
  std::tm tm{};
  int year = 0;
  const auto parse = [&](auto&& format) {
    tm = std::tm{};
    date_reader r(text);
    return format(r) && r.at_end();
  };
  const bool imf_fixdate = parse([&](date_reader& r) {  // Sun, 06 Nov 1994 08:49:37 GMT
    return r.short_day() && r.literal(", ") && r.number(2, tm.tm_mday) && r.literal(" ") &&
           r.month(tm.tm_mon) && r.literal(" ") && r.number(4, year) && r.literal(" ") &&
           r.time_of_day(tm) && r.literal(" GMT");
  });
  const bool rfc850 = !imf_fixdate && parse([&](date_reader& r) {  // Sunday, 06-Nov-94 08:49:37 GMT
    if (!(r.long_day() && r.literal(", ") && r.number(2, tm.tm_mday) && r.literal("-") &&
          r.month(tm.tm_mon) && r.literal("-") && r.number(2, year) && r.literal(" ") &&
          r.time_of_day(tm) && r.literal(" GMT"))) {
      return false;
    }
    // Two-digit years: RFC 9110 reads them as within 50 years of now; with no
    // clock here, a fixed pivot does the same for the dates that still occur.
    year += year < 70 ? 2000 : 1900;
    return true;
  });
  const bool asctime =
      !imf_fixdate && !rfc850 && parse([&](date_reader& r) {  // Sun Nov  6 08:49:37 1994
        if (!(r.short_day() && r.literal(" ") && r.month(tm.tm_mon) && r.literal(" ")))
          return false;
        if (!(r.literal(" ") ? r.number(1, tm.tm_mday) : r.number(2, tm.tm_mday))) return false;
        return r.literal(" ") && r.time_of_day(tm) && r.literal(" ") && r.number(4, year);
      });
  if (!imf_fixdate && !rfc850 && !asctime) return std::nullopt;
  if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60 ||
      year < 1970) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  const int mday = tm.tm_mday;
  const int mon = tm.tm_mon;
  const std::time_t t = timegm(&tm);
  // timegm normalises 31 Feb into March: such a date is not a date.
  if (t == static_cast<std::time_t>(-1) || tm.tm_mday != mday || tm.tm_mon != mon) {
    return std::nullopt;
  }
  return t;
}

double coding_quality(std::string_view accept_encoding, std::string_view coding) {
  if (const std::optional<double> q = listed_quality(accept_encoding, coding)) return *q;
  return coding == "identity" ? 1.0 : 0.0;
}

range_request parse_range(std::string_view range, std::uint64_t size) {
  range_request result;
  range = trim_ows(range);
  if (to_lower(range.substr(0, 6)) != "bytes=") return result;
  const std::string_view spec = range.substr(6);
  if (spec.find(',') != std::string_view::npos) return result;  // several ranges: send all
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return result;
  const std::string_view first_text = spec.substr(0, dash);
  const std::string_view last_text = spec.substr(dash + 1);
  if (first_text.empty()) {  // "-n": the last n bytes
    const std::optional<std::uint64_t> suffix = parse_u64(last_text);
    if (!suffix) return result;
    if (*suffix == 0 || size == 0) {
      result.kind = range_request::unsatisfiable;
      return result;
    }
    result.kind = range_request::satisfiable;
    result.first = size - std::min(*suffix, size);
    result.last = size - 1;
    return result;
  }
  const std::optional<std::uint64_t> first = parse_u64(first_text);
  if (!first) return result;
  std::uint64_t last = UINT64_MAX;
  if (!last_text.empty()) {
    const std::optional<std::uint64_t> parsed = parse_u64(last_text);
    if (!parsed || *parsed < *first) return result;  // "5-2" is invalid, not unsatisfiable
    last = *parsed;
  }
  if (*first >= size) {
    result.kind = range_request::unsatisfiable;
    return result;
  }
  result.kind = range_request::satisfiable;
  result.first = *first;
  result.last = std::min(last, size - 1);
  return result;
}

bool has_content_hash(std::string_view file_name) {
  // The segments between the first dot and the last one.
  const std::size_t first_dot = file_name.find('.');
  const std::size_t last_dot = file_name.rfind('.');
  if (first_dot == last_dot) return false;  // no dot, or one: no middle segment
  std::string_view middle = file_name.substr(first_dot + 1, last_dot - first_dot - 1);
  while (true) {
    const std::size_t dot = middle.find('.');
    const std::string_view s = middle.substr(0, dot);
    if (s.size() >= 8 &&
        std::all_of(s.begin(), s.end(), [](char c) { return hex_value(c) >= 0; })) {
      return true;
    }
    if (dot == std::string_view::npos) return false;
    middle.remove_prefix(dot + 1);
  }
}

std::string form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 15]);
    }
  }
  return out;
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
