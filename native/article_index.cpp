#include "article_index.hpp"

#include <sys/stat.h>

#include <chrono>
#include <system_error>

#include "endpoints.hpp"
#include "file_cache.hpp"
#include "news_widget/diagnostic.hpp"
#include "news_widget/feed.hpp"
#include "static_files.hpp"

namespace news_widget::http_server {
namespace {

namespace fs = std::filesystem;

// Feeds read at most per scan, each of at most the core's feed size limit: a
// folder of stray files cannot make one scan unbounded.
constexpr std::size_t max_scanned_feeds = 10000;
constexpr std::uintmax_t max_scanned_feed_bytes = 1024 * 1024;

// The folder's modification time in ns; nullopt when it cannot be read.
std::optional<std::int64_t> folder_mtime_ns(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return std::nullopt;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

article_index::article_index(fs::path data_dir) : data_dir_(std::move(data_dir)) {}

std::optional<std::string> article_index::find_by_url(std::string_view url) {
  const std::lock_guard<std::mutex> lock(mutex_);
  const std::int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  const std::optional<std::int64_t> mtime = folder_mtime_ns(data_dir_);
  if (!scanned_ || !mtime || *mtime != folder_mtime_ns_ ||
      (racy_ && now_ns - folder_mtime_ns_ >= racy_window_ns)) {
    scan(now_ns);
  }
  const auto it = by_url_.find(std::string(url));
  if (it == by_url_.end()) return std::nullopt;
  return it->second;
}

std::size_t article_index::scans() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return scans_;
}

void article_index::scan(std::int64_t now_ns) {
  ++scans_;
  scanned_ = true;
  by_url_.clear();
  // Read before the entries: a feed added during the scan changes the time
  // again, and the next lookup reads the folder once more.
  folder_mtime_ns_ = folder_mtime_ns(data_dir_).value_or(0);
  racy_ = now_ns - folder_mtime_ns_ < racy_window_ns;
  std::error_code ec;
  fs::directory_iterator it(data_dir_, ec);
  std::size_t scanned = 0;
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string id = path.stem().string();
    if (path.extension() != ".json" || !is_valid_article_id(id)) continue;
    if (++scanned > max_scanned_feeds) break;
    // Not through the file cache: a scan would push out the files in use.
    const std::shared_ptr<const static_file> file = find_static_file(data_dir_, path.filename());
    if (!file || static_cast<std::uintmax_t>(file->file.st.st_size) > max_scanned_feed_bytes) {
      continue;
    }
    const std::optional<std::string> text = read_whole(file->file);
    if (!text) continue;
    diagnostics diags;
    // No base URL: a relative article.url names no page, so it is not indexed.
    const std::optional<feed> parsed = parse_feed(*text, std::string_view(), diags);
    if (!parsed || parsed->story.url.empty()) continue;
    const auto [entry, added] = by_url_.emplace(parsed->story.url, id);
    if (!added && id < entry->second) entry->second = id;
  }
}

}  // namespace news_widget::http_server
