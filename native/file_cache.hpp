// Finding the files the server sends, and a cache of them. Without the cache
// every request resolves its path (an lstat per component: the confinement
// check), stats the .br/.gz siblings and reads the file; with it, a file
// looked up in the last second is answered from memory.
#pragma once

#include <sys/stat.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace news_widget::http_server {

// One regular file as it was found: a file or one of its precompressed siblings.
struct file_version {
  std::string path;   // canonical, and within the base directory it was looked up in
  struct stat st {};  // its status when it was found (for a loaded content: when it was read)
  std::string etag;   // weak validator from size and mtime; "-br"/"-gzip" inside for a sibling
  // The whole file as read with `st`, or null: read `path` when it is needed.
  std::shared_ptr<const std::string> content;
};

// A file under a base directory, with the precompressed siblings it may be
// sent as instead.
struct static_file {
  file_version file;
  std::optional<file_version> br;  // file + ".br", when fresh (see find_static_file)
  std::optional<file_version> gz;  // file + ".gz", when fresh
  bool directory_index = false;    // asked for a directory, found its index.html
  std::string last_modified;       // the file's mtime as an IMF-fixdate

  // The bytes of content held in memory.
  std::size_t content_bytes() const;
};

// The largest file the server holds in memory to send (64 MiB): a larger
// file is an error for the caller to answer, a larger sibling is ignored.
constexpr std::uintmax_t max_file_bytes = 64u * 1024 * 1024;

// Finds `rel` (plain segments: no "..", no dotfiles; the caller checks) under
// `base_dir` without reading it. The canonical path must stay inside the
// canonical base, so a symlink that leads out of it finds nothing. A
// directory means its index.html; `want_directory` (the URL path ended in
// '/'): a plain file is not it. A sibling counts only when it is a regular
// file inside the base, at least as new as the file (to the second: brotli
// copies the file's time without its fraction) and at most max_file_bytes.
// Null when there is no such regular file.
std::shared_ptr<const static_file> find_static_file(const std::filesystem::path& base_dir,
                                                    const std::filesystem::path& rel,
                                                    bool want_directory = false);

// A weak validator from size and modification time (nanoseconds): it changes
// whenever a deploy rewrites the file, and costs no read of the content.
// `suffix` tells representations of one file apart (e.g. "-br"):
// W/"<size hex>-<mtime ns hex><suffix>".
std::string make_weak_etag(const struct stat& st, std::string_view suffix = {});

// `length` bytes of `path` from `offset` (fewer when the file has shrunk
// since); nullopt when it cannot be opened or read.
std::optional<std::string> read_file_range(const std::string& path, std::uint64_t offset,
                                           std::uint64_t length);

// Reads version.path whole into version.content, provided it is still the
// file version.st describes (same inode, size and times before and after the
// read), so that content and validator always match. False when it is not,
// or cannot be read: version is left without content.
bool load_content(file_version& version);

struct file_cache_limits {
  // A cached file is answered from memory for this long after it was last
  // found on disk; then the next request looks again (paths, siblings,
  // status) and reads it again only if it changed. 0: look every time.
  std::chrono::milliseconds revalidate_after = std::chrono::seconds(1);
  std::size_t max_content_bytes =
      1024 * 1024;  // per file, siblings included; larger: not read ahead
  std::size_t max_total_bytes =
      64 * 1024 * 1024;            // of content in all; least recently used go first
  std::size_t max_entries = 4096;  // files remembered (with or without content)
};

// A thread-safe cache of find_static_file results with their content, keyed
// by base directory, relative path and want_directory. Lookups that find
// nothing are not remembered (a flood of bad URLs cannot fill it).
class file_cache {
 public:
  using clock_type = std::function<std::chrono::steady_clock::time_point()>;

  // `clock`: the time revalidation is measured by (tests pass a manual one).
  explicit file_cache(
      file_cache_limits limits = {},
      clock_type clock = [] { return std::chrono::steady_clock::now(); });

  // What find_static_file(base_dir, rel, want_directory) finds, as of at most
  // limits.revalidate_after ago, with the content of the file and its
  // siblings loaded when they fit in limits.max_content_bytes.
  std::shared_ptr<const static_file> find(const std::filesystem::path& base_dir,
                                          const std::filesystem::path& rel,
                                          bool want_directory = false);

  std::size_t entries() const;        // files remembered
  std::size_t content_bytes() const;  // bytes of content held

 private:
  struct entry {
    std::string key;
    std::shared_ptr<const static_file> file;
    std::chrono::steady_clock::time_point checked_at;
    std::size_t bytes = 0;  // file->content_bytes()
  };
  using lru_list = std::list<entry>;  // most recently used first

  void store(entry e);                 // with mutex_ held
  void erase(const std::string& key);  // with mutex_ held

  const file_cache_limits limits_;
  const clock_type clock_;
  mutable std::mutex mutex_;
  lru_list lru_;
  std::unordered_map<std::string_view, lru_list::iterator> index_;  // keys point into lru_
  std::size_t bytes_ = 0;
};

}  // namespace news_widget::http_server
