#include "query.hpp"

#include "news_widget/url.hpp"
#include "parse_decimal.hpp"

namespace news_widget::http_server {

std::vector<query_param> parse_query(std::string_view query) {
  std::vector<query_param> params;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    params.push_back(query_param{form_decode(pair.substr(0, eq)), eq == std::string_view::npos
                                                                      ? std::string_view()
                                                                      : pair.substr(eq + 1)});
  }
  return params;
}

std::optional<std::string> query_value(const std::vector<query_param>& params,
                                       std::string_view key) {
  std::optional<std::string> value;
  for (const query_param& p : params) {
    if (p.key == key) value = form_decode(p.raw_value);
  }
  return value;
}

std::optional<int> query_number(const std::vector<query_param>& params, std::string_view key,
                                int max, bool& bad) {
  bad = false;
  const std::optional<std::string> text = query_value(params, key);
  if (!text) return std::nullopt;
  const std::optional<int> value = text->size() <= 9 ? parse_decimal<int>(*text) : std::nullopt;
  if (!value || *value > max) {
    bad = true;
    return std::nullopt;
  }
  return value;
}

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 15]);
    }
  }
  return out;
}

}  // namespace news_widget::http_server
