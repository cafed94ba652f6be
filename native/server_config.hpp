// What the request handler serves. Kept free of Boost so main.cpp stays light.
#pragma once

#include <filesystem>

namespace news_widget::http_server {

// Where the served files live. Both directories should exist; a missing one
// makes every lookup under it a 404 rather than an error.
struct server_config {
  std::filesystem::path root;  // static files (--root); "/" serves root/index.html
  std::filesystem::path data;  // article JSON (--data); /api/articles/<id> -> data/<id>.json
};

}  // namespace news_widget::http_server
