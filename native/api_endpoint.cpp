// GET /api/articles/<id>: the article's feed, as a static file that is
// always revalidated.
#include <algorithm>
#include <filesystem>
#include <string>

#include "endpoints.hpp"
#include "http_text.hpp"
#include "responses.hpp"
#include "static_files.hpp"

namespace news_widget::http_server {
namespace {

constexpr std::size_t max_article_id_chars = 100;

}  // namespace

bool is_valid_article_id(std::string_view id) {
  if (id.empty() || id.size() > max_article_id_chars) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

response serve_api(const server_config& config, file_cache* cache, std::string_view path,
                   const request& req) {
  if (!starts_with(path, articles_prefix)) return json_not_found("no such endpoint");
  const std::string_view id = path.substr(articles_prefix.size());
  if (is_valid_article_id(id)) {
    response res = serve_file(cache, config.data, std::filesystem::path(std::string(id) + ".json"),
                              req, cache_policy::revalidate);
    if (res.result() != http::status::not_found) return res;
  }
  return json_not_found("no article with that id");
}

}  // namespace news_widget::http_server
