// The server's access log: one line per answered request, e.g.
//   2025-01-02T03:04:05Z 127.0.0.1:54321 GET /index.html 200 1234
// (time in UTC, client address, method, target, status, body bytes sent).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace news_widget::http_server {

struct access_log_entry {
  std::chrono::system_clock::time_point time;
  std::string_view client;  // "address:port", or "-"
  std::string_view method;  // as received, or "-" when the request did not parse
  std::string_view target;  // as received (sanitised when written), or "-"
  unsigned status = 0;
  std::size_t body_bytes = 0;  // body bytes sent: 0 for HEAD, 204, 304
};

// Makes untrusted text safe for one space-separated log field: control
// characters, space, '"', '\\' and non-ASCII bytes become \xHH; empty -> "-";
// longer than `max_chars` is cut and ends in "...".
std::string sanitize_for_log(std::string_view text, std::size_t max_chars = 512);

// The entry as one line, ending in '\n'; every field sanitised.
std::string format_access_log_line(const access_log_entry& entry);

// Appends format_access_log_line(entry) to `out`.
void append_access_log_line(std::string& out, const access_log_entry& entry);

// Writes entries to a stream, one whole line at a time, from any thread.
class access_log {
 public:
  // `out`: nullptr = log nothing. `buffer_bytes` 0: each line is written and
  // flushed as it comes. Otherwise lines gather in memory and are written
  // (and the stream flushed) once that many bytes are waiting, when a line
  // comes a second or more after the last write (by the entries' times), on
  // flush() and on destruction: a server at full load then makes one write
  // per buffer rather than one per request, and calls flush() on a timer so
  // that the log stays tail-able when it is quiet.
  explicit access_log(std::ostream* out, std::size_t buffer_bytes = 0);
  ~access_log();
  access_log(const access_log&) = delete;
  access_log& operator=(const access_log&) = delete;

  void write(const access_log_entry& entry);
  // Writes the lines waiting, if any, and flushes the stream.
  void flush();
  // False when there is no stream: callers may skip gathering an entry.
  bool enabled() const { return out_ != nullptr; }

 private:
  void write_pending();  // with mutex_ held

  std::mutex mutex_;
  std::ostream* const out_;
  const std::size_t buffer_bytes_;
  std::string pending_;  // whole lines not written yet
  std::chrono::system_clock::time_point last_write_{};
};

}  // namespace news_widget::http_server
