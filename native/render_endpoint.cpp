// GET /render/<id>: the card the widget would show for data/<id>.json,
// rendered here by the same core, as HTML or declarative shadow DOM.
#include <cstdio>
#include <filesystem>
#include <memory>

#include <boost/beast/http/field.hpp>

#include "endpoints.hpp"
#include "file_cache.hpp"
#include "http_fields.hpp"
#include "news_widget/diagnostic.hpp"
#include "news_widget/render.hpp"
#include "query.hpp"
#include "responses.hpp"
#include "static_files.hpp"

namespace news_widget::http_server {
namespace {

namespace fs = std::filesystem;

constexpr int default_render_width_px = 600;
constexpr int max_render_width_px = 10000;

// FNV-1a, 64 bits: a stable hash for validators (not for security).
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325u;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3u;
  }
  return hash;
}

}  // namespace

std::optional<std::string> read_feed(const server_config& config, file_cache* cache,
                                     std::string_view id) {
  const std::shared_ptr<const static_file> found =
      find_file(cache, config.data, fs::path(std::string(id) + ".json"));
  if (!found || static_cast<std::uintmax_t>(found->file.st.st_size) > max_file_bytes) {
    return std::nullopt;
  }
  return read_whole(found->file);
}

response unrenderable_response(const render_result& result) {
  response res{http::status::unprocessable_entity, 11};
  res.set(http::field::content_type, application_json);
  res.set(http::field::cache_control, cache_revalidate);
  res.body() = R"({"error":"unrenderable","diagnostics":)" + to_json(result.diagnostics) + "}";
  return res;
}

response serve_render(const server_config& config, file_cache* cache, std::string_view id,
                      std::string_view query, const request& req) {
  if (!is_valid_article_id(id)) return json_not_found("no article with that id");
  const std::vector<query_param> params = parse_query(query);
  bool bad_width = false;
  const std::optional<int> width = query_number(params, "width", max_render_width_px, bad_width);
  if (bad_width) return json_bad_request("width must be a whole number from 0 to 10000");
  const int width_px = width.value_or(default_render_width_px);
  bool shadow_root = false;
  if (const auto format = query_value(params, "format")) {
    if (*format != "html" && *format != "shadow-root") {
      return json_bad_request("format must be html or shadow-root");
    }
    shadow_root = *format == "shadow-root";
  }
  // Only the widget's own options (the core's table) reach the core, their
  // values as given (the core validates them and reports bad ones as
  // warnings); the base URL is ours, so relative URLs in the feed resolve as
  // they do for the widget.
  std::string options;
  for (const query_param& p : params) {
    if (option known; option_from_name(p.key, known)) {
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
  res.set(http::field::cache_control, cache_shared);
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
                   ? declarative_shadow_root(result, config.public_url + config.stylesheet_path)
                   : result.html;
  return res;
}

}  // namespace news_widget::http_server
