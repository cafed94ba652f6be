// Reading an endpoint's query string (decoded with the core's form_decode,
// the one query decoder) and writing values into one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "news_widget/url.hpp"

namespace news_widget::http_server {

// The one query decoder is the core's: '+' is a space, %XX a byte, a
// malformed escape stays as it is.
using news_widget::form_decode;

// One "key=value" of a query string: the key decoded, the value as received.
struct query_param {
  std::string key;
  std::string_view raw_value;
};

// The parameters of `query` (without the '?') in order; empty pairs skipped.
std::vector<query_param> parse_query(std::string_view query);

// The last value given for `key`, decoded; nullopt when there is none.
std::optional<std::string> query_value(const std::vector<query_param>& params,
                                       std::string_view key);

// The last value given for `key` as a whole number of at most 9 digits, not
// above `max`. nullopt: not given. `bad` is set when it is given but not one.
std::optional<int> query_number(const std::vector<query_param>& params, std::string_view key,
                                int max, bool& bad);

// Escapes everything but RFC 3986's unreserved characters as %XX, for a
// value inside a query string.
std::string percent_encode(std::string_view text);

}  // namespace news_widget::http_server
