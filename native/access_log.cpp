#include "access_log.hpp"

#include <cstdio>
#include <ctime>

namespace news_widget::http_server {

std::string sanitize_for_log(std::string_view text, std::size_t max_chars) {
  if (text.empty()) return "-";
  const bool cut = text.size() > max_chars;
  if (cut) text = text.substr(0, max_chars);
  std::string out;
  out.reserve(text.size() + 3);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    // Escaping the space and the quote keeps fields splittable; escaping the
    // backslash keeps the escapes unambiguous; control bytes could forge lines.
    if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  if (cut) out += "...";
  return out;
}

std::string format_access_log_line(const access_log_entry& entry) {
  const std::time_t t = std::chrono::system_clock::to_time_t(entry.time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char time_buf[32];
  std::strftime(time_buf, sizeof time_buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::string line = time_buf;
  line += ' ';
  line += sanitize_for_log(entry.client, 64);
  line += ' ';
  line += sanitize_for_log(entry.method, 32);
  line += ' ';
  line += sanitize_for_log(entry.target);
  line += ' ';
  line += std::to_string(entry.status);
  line += ' ';
  line += std::to_string(entry.body_bytes);
  line += '\n';
  return line;
}

void access_log::write(const access_log_entry& entry) {
  if (out_ == nullptr) return;
  const std::string line = format_access_log_line(entry);
  const std::lock_guard<std::mutex> lock(mutex_);
  *out_ << line;
  out_->flush();  // a file log should be tail-able while the server runs
}

}  // namespace news_widget::http_server
