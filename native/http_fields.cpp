#include "http_fields.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <boost/beast/http/field.hpp>

#include "http_text.hpp"
#include "parse_decimal.hpp"

namespace news_widget::http_server {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Spelled out by hand: strftime's %a and %b follow the C locale.
std::string http_date(std::time_t t) {
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday % 7],
                tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

// The three date formats of RFC 9110 section 5.6.7, field by field.
class date_reader {
 public:
  explicit date_reader(std::string_view text) : text_(text) {}

  bool literal(std::string_view s) {
    if (text_.substr(pos_, s.size()) != s) return false;
    pos_ += s.size();
    return true;
  }
  // Exactly `n` digits.
  bool number(std::size_t n, int& out) {
    if (pos_ + n > text_.size()) return false;
    const std::optional<int> value = parse_decimal<int>(text_.substr(pos_, n));
    if (!value) return false;
    out = *value;
    pos_ += n;
    return true;
  }
  bool month(int& out) {
    static constexpr std::string_view names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
      if (literal(names[i])) {
        out = i;
        return true;
      }
    }
    return false;
  }
  bool short_day() {
    for (const std::string_view d : {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}) {
      if (literal(d)) return true;
    }
    return false;
  }
  bool long_day() {
    for (const std::string_view d :
         {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}) {
      if (literal(d)) return true;
    }
    return false;
  }
  bool time_of_day(std::tm& tm) {
    return number(2, tm.tm_hour) && literal(":") && number(2, tm.tm_min) && literal(":") &&
           number(2, tm.tm_sec);
  }
  bool at_end() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string format_http_date(std::chrono::system_clock::time_point time) {
  return http_date(std::chrono::system_clock::to_time_t(time));
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  std::tm tm{};
  int year = 0;
  const auto parse = [&](auto&& format) {
    tm = std::tm{};
    date_reader r(text);
    return format(r) && r.at_end();
  };
  const bool imf_fixdate = parse([&](date_reader& r) {  // Sun, 06 Nov 1994 08:49:37 GMT
    return r.short_day() && r.literal(", ") && r.number(2, tm.tm_mday) && r.literal(" ") &&
           r.month(tm.tm_mon) && r.literal(" ") && r.number(4, year) && r.literal(" ") &&
           r.time_of_day(tm) && r.literal(" GMT");
  });
  const bool rfc850 = !imf_fixdate && parse([&](date_reader& r) {  // Sunday, 06-Nov-94 08:49:37 GMT
    if (!(r.long_day() && r.literal(", ") && r.number(2, tm.tm_mday) && r.literal("-") &&
          r.month(tm.tm_mon) && r.literal("-") && r.number(2, year) && r.literal(" ") &&
          r.time_of_day(tm) && r.literal(" GMT"))) {
      return false;
    }
    // Two-digit years: RFC 9110 reads them as within 50 years of now; with no
    // clock here, a fixed pivot does the same for the dates that still occur.
    year += year < 70 ? 2000 : 1900;
    return true;
  });
  const bool asctime =
      !imf_fixdate && !rfc850 && parse([&](date_reader& r) {  // Sun Nov  6 08:49:37 1994
        if (!(r.short_day() && r.literal(" ") && r.month(tm.tm_mon) && r.literal(" ")))
          return false;
        if (!(r.literal(" ") ? r.number(1, tm.tm_mday) : r.number(2, tm.tm_mday))) return false;
        return r.literal(" ") && r.time_of_day(tm) && r.literal(" ") && r.number(4, year);
      });
  if (!imf_fixdate && !rfc850 && !asctime) return std::nullopt;
  if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60 ||
      year < 1970) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  const int mday = tm.tm_mday;
  const int mon = tm.tm_mon;
  const std::time_t t = timegm(&tm);
  // timegm normalises 31 Feb into March: such a date is not a date.
  if (t == static_cast<std::time_t>(-1) || tm.tm_mday != mday || tm.tm_mon != mon) {
    return std::nullopt;
  }
  return t;
}

std::optional<double> listed_quality(std::string_view accept_encoding, std::string_view coding) {
  std::optional<double> own;
  std::optional<double> any;
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const std::size_t semicolon = item.find(';');
    const std::string name = to_lower(trim_ows(item.substr(0, semicolon)));
    if (name.empty()) continue;
    double q = 1;
    std::string_view params =
        semicolon == std::string_view::npos ? std::string_view() : item.substr(semicolon + 1);
    while (!params.empty()) {
      const std::size_t next = params.find(';');
      const std::string_view param = trim_ows(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (param.size() < 2 || to_lower_ascii(param[0]) != 'q' || param[1] != '=') continue;
      // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); anything
      // else makes the item unusable, so it counts as a refusal.
      const std::string_view value = param.substr(2);
      const bool well_formed =
          !value.empty() && value.size() <= 5 && (value[0] == '0' || value[0] == '1') &&
          (value.size() == 1 ||
           (value[1] == '.' && std::all_of(value.begin() + 2, value.end(), [&](char c) {
              return value[0] == '0' ? is_digit(c) : c == '0';
            })));
      q = well_formed ? std::min(1.0, std::strtod(std::string(value).c_str(), nullptr)) : 0.0;
    }
    if (name == coding || (coding == "gzip" && name == "x-gzip")) {
      own = q;
    } else if (name == "*") {
      any = q;
    }
  }
  return own ? own : any;
}

double coding_quality(std::string_view accept_encoding, std::string_view coding) {
  if (const std::optional<double> q = listed_quality(accept_encoding, coding)) return *q;
  return coding == "identity" ? 1.0 : 0.0;
}

range_request parse_range(std::string_view range, std::uint64_t size) {
  range_request result;
  range = trim_ows(range);
  if (to_lower(range.substr(0, 6)) != "bytes=") return result;
  const std::string_view spec = range.substr(6);
  if (spec.find(',') != std::string_view::npos) return result;  // several ranges: send all
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return result;
  const std::string_view first_text = spec.substr(0, dash);
  const std::string_view last_text = spec.substr(dash + 1);
  if (first_text.empty()) {  // "-n": the last n bytes
    const std::optional<std::uint64_t> suffix = parse_decimal<std::uint64_t>(last_text);
    if (!suffix) return result;
    if (*suffix == 0 || size == 0) {
      result.kind = range_request::unsatisfiable;
      return result;
    }
    result.kind = range_request::satisfiable;
    result.first = size - std::min(*suffix, size);
    result.last = size - 1;
    return result;
  }
  const std::optional<std::uint64_t> first = parse_decimal<std::uint64_t>(first_text);
  if (!first) return result;
  std::uint64_t last = UINT64_MAX;
  if (!last_text.empty()) {
    const std::optional<std::uint64_t> parsed = parse_decimal<std::uint64_t>(last_text);
    if (!parsed || *parsed < *first) return result;  // "5-2" is invalid, not unsatisfiable
    last = *parsed;
  }
  if (*first >= size) {
    result.kind = range_request::unsatisfiable;
    return result;
  }
  result.kind = range_request::satisfiable;
  result.first = *first;
  result.last = std::min(last, size - 1);
  return result;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  const auto opaque = [](std::string_view tag) {
    return starts_with(tag, "W/") ? tag.substr(2) : tag;
  };
  const std::string_view wanted = opaque(etag);
  std::size_t i = 0;
  const auto skip_separators = [&] {
    while (i < if_none_match.size() &&
           (if_none_match[i] == ' ' || if_none_match[i] == '\t' || if_none_match[i] == ',')) {
      ++i;
    }
  };
  skip_separators();
  if (if_none_match.substr(i) == "*") return true;
  while (i < if_none_match.size()) {
    if (starts_with(if_none_match.substr(i), "W/")) i += 2;
    if (i >= if_none_match.size() || if_none_match[i] != '"') return false;  // malformed list
    const std::size_t close = if_none_match.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    if (if_none_match.substr(i, close + 1 - i) == wanted) return true;
    i = close + 1;
    skip_separators();
  }
  return false;
}

bool is_not_modified(const request& req, std::string_view etag, std::time_t mtime) {
  const std::string_view if_none_match = req[http::field::if_none_match];
  if (!if_none_match.empty()) return etag_matches(if_none_match, etag);
  const std::string_view if_modified_since = req[http::field::if_modified_since];
  if (if_modified_since.empty()) return false;
  const std::optional<std::time_t> since = parse_http_date(if_modified_since);
  return since && mtime <= *since;
}

bool if_range_allows(const request& req, std::string_view etag, std::time_t mtime) {
  const std::string_view if_range = trim_ows(req[http::field::if_range]);
  if (if_range.empty()) return true;
  if (if_range.front() == '"' || starts_with(if_range, "W/")) {
    return !starts_with(etag, "W/") && if_range == etag;
  }
  const std::optional<std::time_t> date = parse_http_date(if_range);
  return date && *date == mtime;
}

}  // namespace news_widget::http_server
