// What the request handler serves. Kept free of Boost so main.cpp stays light.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news_widget::http_server {

// Where the served files live. Both directories should exist; a missing one
// makes every lookup under it a 404 rather than an error.
struct server_config {
  std::filesystem::path root;  // static files (--root); "/" serves root/index.html
  std::filesystem::path data;  // article JSON (--data); /api/articles/<id> -> data/<id>.json
  // The origin partner pages reach this server at (--public-url), as
  // normalize_origin() returns it, e.g. "https://widgets.example.com": the
  // base of the URLs /render and /oembed write. "" = path-absolute URLs
  // ("/api/articles/<id>"); server fills in the bound address when it is "".
  std::string public_url;
  // Origins whose pages may read our responses (--cors-origin), each as
  // normalize_origin() returns it. Empty, or containing "*": any origin ("*").
  std::vector<std::string> cors_origins;
  // The stylesheet that pre-rendered cards (/render?format=shadow-root,
  // /oembed) link, below public_url: main() sets the content-hashed name
  // scripts/build wrote (find_stylesheet_path), which caches keep a year.
  std::string stylesheet_path = "/widget/news-widget.css";
};

// "/widget/news-widget.HASH.css" for the content-hashed copy of the
// stylesheet under `root` (the newest, if a root holds several), else the
// stable "/widget/news-widget.css".
std::string find_stylesheet_path(const std::filesystem::path& root);

// An http(s) origin, "scheme://host[:port]" with an optional trailing '/',
// in the form browsers send in the Origin header: scheme and host lowercased,
// no default port (80 for http, 443 for https), no trailing '/'. nullopt for
// anything else: another scheme, a path, query, fragment or user info, an
// empty host or a host with characters outside [a-z0-9.-_~] (or an IPv6
// literal in brackets), a port outside 1-65535.
std::optional<std::string> normalize_origin(std::string_view url);

}  // namespace news_widget::http_server
