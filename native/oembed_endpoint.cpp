// GET /oembed (https://oembed.com/, section 2.2): a "rich" embed of the
// widget for the article a URL names. nlohmann/json writes the answer; the
// feed itself is read only by the core.
#include <algorithm>
#include <filesystem>

#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

#include "article_index.hpp"
#include "endpoints.hpp"
#include "file_cache.hpp"
#include "http_text.hpp"
#include "news_widget/diagnostic.hpp"
#include "news_widget/feed.hpp"
#include "news_widget/render.hpp"
#include "query.hpp"
#include "responses.hpp"

namespace news_widget::http_server {
namespace {

namespace fs = std::filesystem;

// The width of the embed when the consumer gives no maxwidth, and the bounds
// it is kept in (narrower than 280 px the card has no sensible layout).
constexpr int default_oembed_width_px = 600;
constexpr int min_oembed_width_px = 280;
constexpr int max_oembed_width_px = 1200;
constexpr int max_oembed_dimension_px = 1000000;
constexpr int oembed_cache_age_s = 300;

// The article an oEmbed url names: <public-url>/api/articles/<id>,
// <public-url>/render/<id>, any http(s) URL whose last path segment is an
// article's id, or the article.url of one of the feeds.
std::optional<std::string> find_article(const server_config& config, article_index& articles,
                                        std::string_view url) {
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
  if (std::optional<std::string> id = articles.find_by_url(url)) return id;
  const std::string_view without_fragment = url.substr(0, url.find('#'));
  if (without_fragment.size() != url.size()) return articles.find_by_url(without_fragment);
  return std::nullopt;
}

// A positive whole number given for `key`; `bad` when it is given but not one.
std::optional<int> query_dimension(const std::vector<query_param>& params, std::string_view key,
                                   bool& bad) {
  const std::optional<int> value = query_number(params, key, max_oembed_dimension_px, bad);
  if (value == 0) bad = true;
  return value;
}

}  // namespace

response serve_oembed(const server_config& config, file_cache* cache, article_index& articles,
                      std::string_view query) {
  const std::vector<query_param> params = parse_query(query);
  const std::optional<std::string> url = query_value(params, "url");
  if (!url || url->empty()) return json_bad_request("url is required");
  if (const auto format = query_value(params, "format"); format && *format != "json") {
    return json_error(http::status::not_implemented, "not_implemented",
                      "only format=json is supported");
  }
  bool bad_width = false;
  bool bad_height = false;
  const std::optional<int> max_width = query_dimension(params, "maxwidth", bad_width);
  const std::optional<int> max_height = query_dimension(params, "maxheight", bad_height);
  if (bad_width) return json_bad_request("maxwidth must be a positive whole number");
  if (bad_height) return json_bad_request("maxheight must be a positive whole number");
  const int width_px = max_width ? std::clamp(*max_width, min_oembed_width_px, max_oembed_width_px)
                                 : default_oembed_width_px;

  const std::optional<std::string> id = find_article(config, articles, *url);
  if (!id) return json_not_found("no article for that url");
  const std::optional<std::string> feed_text = read_feed(config, cache, *id);
  if (!feed_text) return json_not_found("no article for that url");
  // Relative URLs in the feed resolve against its API URL, as for the widget.
  const std::string& base = config.public_url;
  const std::string api_url = base + std::string(articles_prefix) + *id;
  const render_result result = render(*feed_text, width_px, "base=" + percent_encode(api_url));
  if (!result.ok) return unrenderable_response(result);
  int height_px = result.estimated_height_px;
  if (max_height && height_px > *max_height) height_px = *max_height;

  // The title as the core reads it (the core accepted the feed, so it has one).
  diagnostics ignored;
  const std::optional<news_widget::feed> parsed =
      parse_feed(*feed_text, std::string_view(), ignored);
  const std::string title = parsed ? parsed->story.title : std::string();
  // The pre-rendered embed: the card as declarative shadow DOM, on screen at
  // first paint and taken over by the script in place, so the page around
  // it never moves. public_url is a validated origin and id is [a-z0-9-]:
  // nothing to escape in the markup; the card's HTML is the core's, escaped.
  // A feed in a publisher's format is named (format="json-feed"): the loader
  // then fetches the core that reads it at once, not the smaller one first.
  const std::string_view format = result.format;
  const std::string format_attribute =
      format == "news-widget" ? std::string() : " format=\"" + std::string(format) + "\"";
  const std::string html = "<script async src=\"" + base + std::string(widget_script_path) +
                           "\"></script><news-widget src=\"" + api_url + "\"" + format_attribute +
                           ">" + declarative_shadow_root(result, base + config.stylesheet_path) +
                           "</news-widget>";
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

}  // namespace news_widget::http_server
