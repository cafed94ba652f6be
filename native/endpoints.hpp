// The server's endpoints below the router (router.cpp): each takes the
// request's decoded path or query and answers it whole.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http_message.hpp"
#include "server_config.hpp"

namespace news_widget {
struct render_result;  // news_widget/render.hpp
}  // namespace news_widget

namespace news_widget::http_server {

class article_index;  // article_index.hpp
class file_cache;     // file_cache.hpp

inline constexpr std::string_view articles_prefix = "/api/articles/";
inline constexpr std::string_view render_prefix = "/render/";
inline constexpr std::string_view widget_script_path = "/widget/news-widget.js";

// True when `id` matches ^[a-z0-9-]{1,100}$, the article ids the API accepts.
bool is_valid_article_id(std::string_view id);

// The article's feed, read whole (through `cache` when there is one);
// nullopt when there is no such article or it is over the file size limit.
std::optional<std::string> read_feed(const server_config& config, file_cache* cache,
                                     std::string_view id);

// The core refused the feed: 422 with its diagnostics, as the widget would get them.
response unrenderable_response(const news_widget::render_result& result);

// GET /api/...: /api/articles/<id> is data/<id>.json, anything else a JSON 404.
response serve_api(const server_config& config, file_cache* cache, std::string_view path,
                   const request& req);

// GET /render/<id>?width=&format=&<the core's options>: the card the widget
// would show, rendered here by the same core.
response serve_render(const server_config& config, file_cache* cache, std::string_view id,
                      std::string_view query, const request& req);

// GET /oembed?url=&maxwidth=&maxheight=&format= (https://oembed.com/, section
// 2.2): a "rich" embed of the widget for the article `url` names.
response serve_oembed(const server_config& config, file_cache* cache, article_index& articles,
                      std::string_view query);

}  // namespace news_widget::http_server
