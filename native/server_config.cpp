#include "server_config.hpp"

#include <algorithm>
#include <optional>

#include "http_text.hpp"
#include "parse_decimal.hpp"
#include "static_files.hpp"

namespace news_widget::http_server {

std::string find_stylesheet_path(const std::filesystem::path& root) {
  std::string found = "/widget/news-widget.css";
  std::filesystem::file_time_type newest{};
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root / "widget", ec)) {
    const std::string name = entry.path().filename().string();
    constexpr std::string_view prefix = "news-widget.";
    constexpr std::string_view suffix = ".css";
    if (name.size() <= prefix.size() + suffix.size() ||
        name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0 ||
        !has_content_hash(name) || !entry.is_regular_file(ec)) {
      continue;
    }
    const auto time = entry.last_write_time(ec);
    if (ec || (found != "/widget/news-widget.css" && time <= newest)) continue;
    newest = time;
    found = "/widget/" + name;
  }
  return found;
}
namespace {

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
         c == '~';
}

bool is_ipv6_literal_char(char c) {
  return (c >= 'a' && c <= 'f') || (c >= '0' && c <= '9') || c == ':' || c == '.';
}

}  // namespace

std::optional<std::string> normalize_origin(std::string_view url) {
  std::string text(url);
  std::transform(text.begin(), text.end(), text.begin(), to_lower_ascii);
  std::string_view rest = text;
  std::string scheme;
  for (const std::string_view s : {"http", "https"}) {
    if (rest.substr(0, s.size() + 3) == std::string(s) + "://") scheme = std::string(s);
  }
  if (scheme.empty()) return std::nullopt;
  rest.remove_prefix(scheme.size() + 3);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);

  // What is left is the authority: host, optionally ":port". No '/', '?',
  // '#' or '@' can pass the character checks below.
  std::string_view host = rest;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos || close < 3) return std::nullopt;
    host = rest.substr(0, close + 1);
    const std::string_view inner = host.substr(1, host.size() - 2);
    if (!std::all_of(inner.begin(), inner.end(), is_ipv6_literal_char)) return std::nullopt;
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
      if (port.empty()) return std::nullopt;
    }
  } else {
    if (const std::size_t colon = rest.find(':'); colon != std::string_view::npos) {
      host = rest.substr(0, colon);
      port = rest.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
    if (host.empty() || !std::all_of(host.begin(), host.end(), is_host_char)) return std::nullopt;
  }
  std::optional<unsigned long> number;
  if (!port.empty()) {
    number = port.size() <= 5 ? parse_decimal<unsigned long>(port) : std::nullopt;
    if (!number || *number < 1 || *number > 65535) return std::nullopt;
    const bool default_port =
        (scheme == "http" && *number == 80) || (scheme == "https" && *number == 443);
    port = default_port ? std::string_view() : port;
  }
  std::string out = scheme + "://" + std::string(host);
  if (!port.empty()) out += ":" + std::to_string(*number);
  return out;
}

}  // namespace news_widget::http_server
