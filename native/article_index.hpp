// Which article of the data folder a page URL belongs to: the absolute
// article.url of each feed, as the core reads it (parse_feed), gathered once
// and gathered again when the folder changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace news_widget::http_server {

class article_index {
 public:
  // File systems stamp times at a clock tick or coarser; a folder changed
  // this close to a read of it may change again with the same time.
  static constexpr std::int64_t racy_window_ns = 1000000000;

  explicit article_index(std::filesystem::path data_dir);

  // The id of the article whose feed the core reads with article.url `url`
  // (the smallest such id when several do); nullopt when none does. Reads
  // the folder again first when its modification time has changed since it
  // was last read (a feed added, removed or renamed into place); otherwise
  // costs one stat of the folder. A folder read within racy_window of its
  // last change is read once more after the window: a change in the same
  // clock tick as that read leaves the time as it was. A feed rewritten in
  // place (not renamed into place, as deploys do) changes no folder time: its
  // new article.url is seen once the folder next changes. Thread-safe.
  std::optional<std::string> find_by_url(std::string_view url);

  // How many times the folder has been read: a test's window on the cost.
  std::size_t scans() const;

 private:
  void scan(std::int64_t now_ns);  // with mutex_ held

  const std::filesystem::path data_dir_;
  mutable std::mutex mutex_;
  bool scanned_ = false;
  bool racy_ = false;                 // read within racy_window of the folder's last change
  std::int64_t folder_mtime_ns_ = 0;  // the folder's time when it was read
  std::map<std::string, std::string> by_url_;  // article.url -> smallest id
  std::size_t scans_ = 0;
};

}  // namespace news_widget::http_server
