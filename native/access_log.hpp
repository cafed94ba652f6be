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

// Writes entries to a stream, one whole line at a time, from any thread.
class access_log {
 public:
  explicit access_log(std::ostream* out) : out_(out) {}  // nullptr = log nothing

  void write(const access_log_entry& entry);

 private:
  std::mutex mutex_;
  std::ostream* out_;
};

}  // namespace news_widget::http_server
