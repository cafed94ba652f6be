#include "access_log.hpp"

#include <cstdio>
#include <ctime>

namespace news_widget::http_server {
namespace {

// Appends sanitize_for_log(text, max_chars) to `out`.
void append_sanitized(std::string& out, std::string_view text, std::size_t max_chars) {
  if (text.empty()) {
    out += '-';
    return;
  }
  const bool cut = text.size() > max_chars;
  if (cut) text = text.substr(0, max_chars);
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    // Escaping the space and the quote keeps fields splittable; escaping the
    // backslash keeps the escapes unambiguous; control bytes could forge lines.
    if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      const char escape[4] = {'\\', 'x', hex[u >> 4], hex[u & 15]};
      out.append(escape, sizeof escape);
    } else {
      out.push_back(c);
    }
  }
  if (cut) out += "...";
}

// "2025-01-02T03:04:05Z"; the text of the last second asked for is kept per
// thread, as a busy server logs many lines within one second.
std::string_view utc_time_text(std::chrono::system_clock::time_point time) {
  thread_local std::time_t cached_second = -1;
  thread_local char text[32] = {};
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  if (t != cached_second) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cached_second = t;
  }
  return text;
}

}  // namespace

std::string sanitize_for_log(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(text.size() + 3);
  append_sanitized(out, text, max_chars);
  return out;
}

void append_access_log_line(std::string& out, const access_log_entry& entry) {
  out += utc_time_text(entry.time);
  out += ' ';
  append_sanitized(out, entry.client, 64);
  out += ' ';
  append_sanitized(out, entry.method, 32);
  out += ' ';
  append_sanitized(out, entry.target, 512);
  char numbers[48];
  const int n = std::snprintf(numbers, sizeof numbers, " %u %zu\n", entry.status, entry.body_bytes);
  out.append(numbers, static_cast<std::size_t>(n));
}

std::string format_access_log_line(const access_log_entry& entry) {
  std::string line;
  append_access_log_line(line, entry);
  return line;
}

access_log::access_log(std::ostream* out, std::size_t buffer_bytes)
    : out_(out), buffer_bytes_(buffer_bytes) {
  if (buffer_bytes_ > 0) pending_.reserve(buffer_bytes_ + 1024);
}

access_log::~access_log() {
  flush();
}

void access_log::write(const access_log_entry& entry) {
  if (out_ == nullptr) return;
  // Formatted outside the lock, into a per-thread buffer that keeps its capacity.
  thread_local std::string line;
  line.clear();
  append_access_log_line(line, entry);
  const std::lock_guard<std::mutex> lock(mutex_);
  pending_ += line;
  if (pending_.size() >= buffer_bytes_ || entry.time - last_write_ >= std::chrono::seconds(1)) {
    last_write_ = entry.time;
    write_pending();  // a file log should be tail-able while the server runs
  }
}

void access_log::flush() {
  if (out_ == nullptr) return;
  const std::lock_guard<std::mutex> lock(mutex_);
  write_pending();
}

void access_log::write_pending() {
  if (pending_.empty()) return;
  out_->write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
  out_->flush();
  pending_.clear();
}

}  // namespace news_widget::http_server
