// Helpers shared by the core's unit tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "news_widget/diagnostic.hpp"
#include "news_widget/feed.hpp"

namespace news_widget::testing {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string fixture_path(const std::string& name) {
  return std::string(NEWS_WIDGET_FIXTURES_DIR) + "/" + name;
}

inline std::string fixture(const std::string& name) {
  return read_file(fixture_path(name));
}

// All diagnostics as "id path: message" lines, for exact assertions.
inline std::string summary(const std::vector<diagnostic>& items) {
  std::string out;
  for (const diagnostic& d : items) {
    if (!out.empty()) out += "\n";
    out += (d.level == severity::error ? "error " : "warning ") + d.id + " " + describe(d);
  }
  return out;
}

// A feed as read_feed reads it, with its diagnostics as summary() lines.
struct parsed_feed {
  std::optional<feed> f;
  std::string diags;
};

inline parsed_feed read_parsed(std::string_view json, const feed_request& request) {
  diagnostics d;
  parsed_feed p;
  p.f = read_feed(json, request, d);
  p.diags = summary(d.items());
  return p;
}

// The error for a document of no accepted format, as summary() shows it.
inline const std::string unknown_format_error =
    "error feed.format not a feed this widget reads: expected news-widget JSON (version 1), a "
    "JSON Feed (1.0 or 1.1), a WordPress REST API post or list of posts, or schema.org Article "
    "JSON-LD (an object, an array or an @graph)";

// Number of non-overlapping occurrences of `needle` in `hay`.
inline int count_of(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (std::size_t pos = hay.find(needle); pos != std::string::npos;
       pos = hay.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

}  // namespace news_widget::testing
