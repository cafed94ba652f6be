// Answering GET/HEAD for a file: finding it (through the file_cache when
// there is one), choosing the encoding, the cache policy and the range.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "file_cache.hpp"
#include "http_message.hpp"

namespace news_widget::http_server {

// The Content-Type for a file name, by its extension (case-insensitive);
// text types carry "; charset=utf-8"; unknown -> "application/octet-stream".
std::string_view mime_type(std::string_view file_name);

// True when a dot-separated segment of `file_name` other than the first and
// the last (the extension) is 8 or more hex digits, e.g. "news-widget.3fa9c2d1.js":
// the name changes with the content, so the file may be cached for good.
bool has_content_hash(std::string_view file_name);

// The file `rel` under `base_dir` (find_static_file), from `cache` when there is one.
std::shared_ptr<const static_file> find_file(file_cache* cache,
                                             const std::filesystem::path& base_dir,
                                             const std::filesystem::path& rel,
                                             bool want_directory = false);

// The whole of `version`: from memory when it is loaded, else read from disk.
std::optional<std::string> read_whole(const file_version& version);

enum class cache_policy {
  static_file,  // by name: hashed -> immutable; html, json -> revalidate; else an hour
  revalidate,   // article JSON: always revalidated by browsers, a minute in shared caches
};

// Serves `rel` (see find_static_file) under `base_dir`, or a text 404.
// Honours Accept-Encoding (a fresh .br/.gz sibling), If-None-Match,
// If-Modified-Since, Range and If-Range.
response serve_file(file_cache* cache, const std::filesystem::path& base_dir,
                    const std::filesystem::path& rel, const request& req, cache_policy policy,
                    bool want_directory = false);

}  // namespace news_widget::http_server
