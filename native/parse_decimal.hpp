// The native programs' one parser of decimal integers (command line values,
// query parameters, header fields), over std::from_chars.
#pragma once

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>

namespace news_widget {

// `text` as a decimal number: nullopt unless it is one or more ASCII digits
// and nothing else (no sign, no spaces). A value beyond T's range saturates
// at T's maximum: a caller's own upper limit then refuses it, and a byte
// range that large means past the end of any file, as it should.
template <typename T>
std::optional<T> parse_decimal(std::string_view text) {
  static_assert(std::numeric_limits<T>::is_integer, "parse_decimal reads whole numbers");
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  T value{};
  const std::from_chars_result r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (r.ec == std::errc::result_out_of_range) return std::numeric_limits<T>::max();
  return value;
}

}  // namespace news_widget
