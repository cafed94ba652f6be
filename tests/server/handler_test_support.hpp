// Small helpers shared by the handler tests (no sockets).
#pragma once

#include <string>

#include "http_handler.hpp"
#include "temp_site.hpp"

namespace news_widget::http_server::testing {

// The public URL the handler tests give the server: an origin that is not
// where the test runs, so that a URL built from the request would show.
inline const std::string test_public_url = "https://widgets.example";

// The API's fixed body for an unknown or invalid article id.
inline const std::string article_not_found =
    R"({"error":"not_found","message":"no article with that id"})";

inline request make_request(http::verb method, const std::string& target, unsigned version = 11) {
  request req{method, target, version};
  req.set(http::field::host, "localhost");
  return req;
}

// The site's directories, no public URL (path-absolute URLs), any CORS origin.
inline server_config site_directories(const temp_site& site) {
  server_config config;
  config.root = site.root;
  config.data = site.data;
  return config;
}

// The site's directories with test_public_url and any CORS origin.
inline server_config site_config(const temp_site& site) {
  server_config config = site_directories(site);
  config.public_url = test_public_url;
  return config;
}

// A header's value as a string ("" when absent).
inline std::string header(const response& res, http::field name) {
  return std::string(res[name]);
}

}  // namespace news_widget::http_server::testing
