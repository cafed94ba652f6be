#include "file_cache.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <system_error>
#include <utility>

#include "http_fields.hpp"

namespace news_widget::http_server {
namespace {

namespace fs = std::filesystem;

// Lookups of one file in a row when it changes between its lookup and its read.
constexpr int max_lookup_attempts = 4;

// Both paths canonical: true when `p` is `base` or below it.
bool is_within(const fs::path& base, const fs::path& p) {
  auto [base_it, p_it] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
  (void)p_it;
  return base_it == base.end();
}

// The same file, unchanged: nothing a rewrite, a rename over it or a touch
// leaves alone. (ctime cannot be set back by a deploy tool, mtime can.)
bool same_version(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec &&
         a.st_ctim.tv_sec == b.st_ctim.tv_sec && a.st_ctim.tv_nsec == b.st_ctim.tv_nsec;
}

bool same_version(const std::optional<file_version>& a, const std::optional<file_version>& b) {
  if (!a || !b) return !a && !b;
  return a->path == b->path && same_version(a->st, b->st);
}

// Opens a file found by find_static_file for reading. The path is canonical,
// so its last component is no symlink unless one was put there since:
// O_NOFOLLOW refuses that, O_NONBLOCK keeps a FIFO put there from blocking
// us, and only a regular file is kept. -1 when it is none.
int open_regular(const std::string& path, struct stat& st) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return -1;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Up to out.size() bytes from `offset`; resizes `out` to what was there.
bool pread_all(int fd, std::string& out, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;  // the file is shorter now
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  return true;
}

// The precompressed sibling `file` + `extension` (".br", ".gz") under the
// same confinement as the file itself, and only when it is at least as new
// as the file (to the second): a stale sibling would serve old content.
std::optional<file_version> find_sibling(const fs::path& base, const file_version& file,
                                         std::string_view extension, std::string_view tag) {
  std::error_code ec;
  const fs::path path = fs::weakly_canonical(fs::path(file.path + std::string(extension)), ec);
  if (ec || !is_within(base, path)) return std::nullopt;
  file_version sibling;
  if (::stat(path.c_str(), &sibling.st) != 0 || !S_ISREG(sibling.st.st_mode)) {
    return std::nullopt;
  }
  // Whole seconds: compressors that copy the file's time (brotli does unless
  // told -n) keep only the seconds of it.
  if (sibling.st.st_mtime < file.st.st_mtime) return std::nullopt;
  if (static_cast<std::uintmax_t>(sibling.st.st_size) > max_file_bytes) return std::nullopt;
  sibling.path = path.native();
  sibling.etag = make_weak_etag(sibling.st, tag);
  return sibling;
}

std::optional<static_file> find_file(const fs::path& base_dir, const fs::path& rel,
                                     bool want_directory) {
  std::error_code ec;
  const fs::path base = fs::canonical(base_dir, ec);
  if (ec) return std::nullopt;
  fs::path path = rel.empty() ? base : fs::weakly_canonical(base / rel, ec);
  if (ec || !is_within(base, path)) return std::nullopt;
  static_file found;
  if (fs::is_directory(path, ec)) {
    path = fs::weakly_canonical(path / "index.html", ec);
    if (ec || !is_within(base, path)) return std::nullopt;
    found.directory_index = true;
  } else if (want_directory) {
    return std::nullopt;
  }
  if (::stat(path.c_str(), &found.file.st) != 0 || !S_ISREG(found.file.st.st_mode)) {
    return std::nullopt;
  }
  found.file.path = path.native();
  found.file.etag = make_weak_etag(found.file.st);
  found.br = find_sibling(base, found.file, ".br", "-br");
  found.gz = find_sibling(base, found.file, ".gz", "-gzip");
  found.last_modified =
      format_http_date(std::chrono::system_clock::from_time_t(found.file.st.st_mtime));
  return found;
}

std::size_t content_size(const std::optional<file_version>& v) {
  return v && v->content ? v->content->size() : 0;
}

// Gives `fresh` the content `cached` already holds when both are the same
// version of the same file, else reads it. False when a read failed.
bool fill_content(file_version& fresh, const file_version* cached) {
  if (cached && cached->content && cached->path == fresh.path &&
      same_version(cached->st, fresh.st)) {
    fresh.content = cached->content;
    return true;
  }
  return load_content(fresh);
}

}  // namespace

std::size_t static_file::content_bytes() const {
  return (file.content ? file.content->size() : 0) + content_size(br) + content_size(gz);
}

std::string make_weak_etag(const struct stat& st, std::string_view suffix) {
  const auto mtime_ns = static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000u +
                        static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
  char buf[64];
  std::snprintf(buf, sizeof buf, "W/\"%llx-%llx", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(mtime_ns));
  return std::string(buf) + std::string(suffix) + "\"";
}

std::shared_ptr<const static_file> find_static_file(const fs::path& base_dir, const fs::path& rel,
                                                    bool want_directory) {
  std::optional<static_file> found = find_file(base_dir, rel, want_directory);
  if (!found) return nullptr;
  return std::make_shared<const static_file>(std::move(*found));
}

std::optional<std::string> read_file_range(const std::string& path, std::uint64_t offset,
                                           std::uint64_t length) {
  struct stat st {};
  const int fd = open_regular(path, st);
  if (fd < 0) return std::nullopt;
  std::string body(static_cast<std::size_t>(length), '\0');
  const bool ok = pread_all(fd, body, offset);
  ::close(fd);
  if (!ok) return std::nullopt;
  return body;
}

bool load_content(file_version& version) {
  version.content.reset();
  struct stat before {};
  const int fd = open_regular(version.path, before);
  if (fd < 0) return false;
  std::string body(static_cast<std::size_t>(version.st.st_size), '\0');
  struct stat after {};
  const bool ok = same_version(before, version.st) && pread_all(fd, body, 0) &&
                  body.size() == static_cast<std::size_t>(version.st.st_size) &&
                  ::fstat(fd, &after) == 0 && same_version(after, version.st);
  ::close(fd);
  if (!ok) return false;
  version.content = std::make_shared<const std::string>(std::move(body));
  return true;
}

file_cache::file_cache(file_cache_limits limits, clock_type clock)
    : limits_(limits), clock_(std::move(clock)) {}

std::shared_ptr<const static_file> file_cache::find(const fs::path& base_dir, const fs::path& rel,
                                                    bool want_directory) {
  std::string key = base_dir.native();
  key += '\0';
  key += rel.native();
  key += '\0';
  key += want_directory ? '/' : '-';
  const auto now = clock_();
  std::shared_ptr<const static_file> cached;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = index_.find(key); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      if (now - it->second->checked_at < limits_.revalidate_after) return it->second->file;
      cached = it->second->file;
    }
  }

  // Not known, or known for too long: look on disk again, outside the lock.
  // A file replaced between its lookup and its read is looked up again, so
  // that the content kept is the version its validator describes.
  std::shared_ptr<const static_file> result;
  bool storable = false;
  for (int attempt = 0; attempt < max_lookup_attempts && !storable; ++attempt) {
    std::optional<static_file> fresh = find_file(base_dir, rel, want_directory);
    if (!fresh) {
      const std::lock_guard<std::mutex> lock(mutex_);
      erase(key);
      return nullptr;
    }
    const bool unchanged =
        cached && cached->directory_index == fresh->directory_index &&
        cached->file.path == fresh->file.path && same_version(cached->file.st, fresh->file.st) &&
        same_version(cached->br, fresh->br) && same_version(cached->gz, fresh->gz);
    if (unchanged) {
      result = cached;
      storable = true;
      break;
    }
    const auto size = [](const std::optional<file_version>& v) {
      return v ? static_cast<std::uintmax_t>(v->st.st_size) : 0;
    };
    const std::uintmax_t total =
        static_cast<std::uintmax_t>(fresh->file.st.st_size) + size(fresh->br) + size(fresh->gz);
    storable = true;
    // Larger files are remembered without content: found at once, read per request.
    if (total <= limits_.max_content_bytes) {
      const auto old = [](const std::optional<file_version>& v) { return v ? &*v : nullptr; };
      storable = fill_content(fresh->file, cached ? &cached->file : nullptr);
      if (fresh->br) {
        storable = fill_content(*fresh->br, cached ? old(cached->br) : nullptr) && storable;
      }
      if (fresh->gz) {
        storable = fill_content(*fresh->gz, cached ? old(cached->gz) : nullptr) && storable;
      }
    }
    result = std::make_shared<const static_file>(std::move(*fresh));
  }

  const std::lock_guard<std::mutex> lock(mutex_);
  if (!storable) {
    // It kept changing while it was read: answer this request from what was
    // read consistently (the rest from disk), and look again next time.
    erase(key);
    return result;
  }
  store(entry{std::move(key), result, now, result->content_bytes()});
  return result;
}

std::size_t file_cache::entries() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return lru_.size();
}

std::size_t file_cache::content_bytes() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

void file_cache::store(entry e) {
  erase(e.key);
  if (e.bytes > limits_.max_total_bytes || limits_.max_entries == 0) return;
  while (!lru_.empty() &&
         (lru_.size() >= limits_.max_entries || bytes_ + e.bytes > limits_.max_total_bytes)) {
    erase(lru_.back().key);
  }
  bytes_ += e.bytes;
  lru_.push_front(std::move(e));
  index_.emplace(std::string_view(lru_.front().key), lru_.begin());
}

void file_cache::erase(const std::string& key) {
  const auto it = index_.find(key);
  if (it == index_.end()) return;
  const lru_list::iterator node = it->second;
  index_.erase(it);
  bytes_ -= node->bytes;
  lru_.erase(node);
}

}  // namespace news_widget::http_server
