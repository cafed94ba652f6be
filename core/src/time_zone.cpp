#include "news_widget/time_zone.hpp"

namespace news_widget {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (era-based algorithm,
// valid for every year representable here).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = static_cast<int>(y - era * 400);
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0);
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// 0 = Sunday.
int weekday_from_days(std::int64_t z) {
  const std::int64_t w = (z + 4) % 7;
  return static_cast<int>(w >= 0 ? w : w + 7);
}

// Reads exactly `n` digits at text[pos]; advances pos.
bool read_digits(std::string_view text, std::size_t& pos, int n, int& value) {
  if (pos + n > text.size()) return false;
  value = 0;
  for (int i = 0; i < n; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return true;
}

constexpr bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// The built-in zones: one "IANA-name POSIX-TZ-rule" line each. Read by the
// compiler (see builtin_zones below): the program holds the names and the
// parsed rules, not this text, and a rule that does not parse does not compile.
constexpr std::string_view zone_table =
    "UTC UTC0\n"
    "Etc/UTC UTC0\n"
    "GMT GMT0\n"
    "Etc/GMT GMT0\n"
    "Africa/Cairo EET-2EEST,M4.5.5/0,M10.5.4/24\n"
    "Africa/Johannesburg SAST-2\n"
    "Africa/Lagos WAT-1\n"
    "Africa/Nairobi EAT-3\n"
    "America/Anchorage AKST9AKDT,M3.2.0,M11.1.0\n"
    "America/Argentina/Buenos_Aires <-03>3\n"
    "America/Chicago CST6CDT,M3.2.0,M11.1.0\n"
    "America/Denver MST7MDT,M3.2.0,M11.1.0\n"
    "America/Halifax AST4ADT,M3.2.0,M11.1.0\n"
    "America/Los_Angeles PST8PDT,M3.2.0,M11.1.0\n"
    "America/Mexico_City CST6\n"
    "America/New_York EST5EDT,M3.2.0,M11.1.0\n"
    "America/Phoenix MST7\n"
    "America/Sao_Paulo <-03>3\n"
    "America/Toronto EST5EDT,M3.2.0,M11.1.0\n"
    "America/Vancouver PST8PDT,M3.2.0,M11.1.0\n"
    "Asia/Dubai <+04>-4\n"
    "Asia/Hong_Kong HKT-8\n"
    "Asia/Jerusalem IST-2IDT,M3.4.4/26,M10.5.0\n"
    "Asia/Kathmandu <+0545>-5:45\n"
    "Asia/Kolkata IST-5:30\n"
    "Asia/Pyongyang KST-9\n"
    "Asia/Seoul KST-9\n"
    "Asia/Shanghai CST-8\n"
    "Asia/Singapore <+08>-8\n"
    "Asia/Tehran <+0330>-3:30\n"
    "Asia/Tokyo JST-9\n"
    "Atlantic/Reykjavik GMT0\n"
    "Australia/Adelaide ACST-9:30ACDT,M10.1.0,M4.1.0/3\n"
    "Australia/Brisbane AEST-10\n"
    "Australia/Melbourne AEST-10AEDT,M10.1.0,M4.1.0/3\n"
    "Australia/Perth AWST-8\n"
    "Australia/Sydney AEST-10AEDT,M10.1.0,M4.1.0/3\n"
    "Europe/Amsterdam CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Athens EET-2EEST,M3.5.0/3,M10.5.0/4\n"
    "Europe/Belgrade CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Berlin CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Brussels CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Bucharest EET-2EEST,M3.5.0/3,M10.5.0/4\n"
    "Europe/Budapest CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Copenhagen CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Dublin GMT0IST,M3.5.0/1,M10.5.0\n"
    "Europe/Helsinki EET-2EEST,M3.5.0/3,M10.5.0/4\n"
    "Europe/Istanbul <+03>-3\n"
    "Europe/Kiev EET-2EEST,M3.5.0/3,M10.5.0/4\n"
    "Europe/Kyiv EET-2EEST,M3.5.0/3,M10.5.0/4\n"
    "Europe/Lisbon WET0WEST,M3.5.0/1,M10.5.0\n"
    "Europe/London GMT0BST,M3.5.0/1,M10.5.0\n"
    "Europe/Madrid CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Moscow MSK-3\n"
    "Europe/Oslo CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Paris CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Prague CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Riga EET-2EEST,M3.5.0/3,M10.5.0/4\n"
    "Europe/Rome CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Stockholm CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Tallinn EET-2EEST,M3.5.0/3,M10.5.0/4\n"
    "Europe/Vienna CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Vilnius EET-2EEST,M3.5.0/3,M10.5.0/4\n"
    "Europe/Warsaw CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Europe/Zurich CET-1CEST,M3.5.0,M10.5.0/3\n"
    "Pacific/Auckland NZST-12NZDT,M9.5.0,M4.1.0/3\n"
    "Pacific/Honolulu HST10\n";

// POSIX TZ parsing helpers. `pos` advances over what was read.
constexpr bool read_zone_name(std::string_view s, std::size_t& pos) {
  if (pos < s.size() && s[pos] == '<') {
    const std::size_t close = s.find('>', pos);
    if (close == std::string_view::npos) return false;
    pos = close + 1;
    return true;
  }
  const std::size_t start = pos;
  while (pos < s.size() && ((s[pos] >= 'A' && s[pos] <= 'Z') || (s[pos] >= 'a' && s[pos] <= 'z'))) {
    ++pos;
  }
  return pos - start >= 3;
}

constexpr bool read_number(std::string_view s, std::size_t& pos, int& value) {
  const std::size_t start = pos;
  value = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 3) {
    value = value * 10 + (s[pos] - '0');
    ++pos;
  }
  return pos > start;
}

// [+-]hh[:mm[:ss]] -> seconds.
constexpr bool read_hms(std::string_view s, std::size_t& pos, int& seconds) {
  int sign = 1;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) sign = s[pos++] == '-' ? -1 : 1;
  int h = 0, m = 0, sec = 0;
  if (!read_number(s, pos, h) || h > 167) return false;
  if (expect(s, pos, ':')) {
    if (!read_number(s, pos, m) || m > 59) return false;
    if (expect(s, pos, ':') && (!read_number(s, pos, sec) || sec > 59)) return false;
  }
  seconds = sign * (h * 3600 + m * 60 + sec);
  return true;
}

// Parses a POSIX TZ rule string; at compile time too, for the built-in table.
// Only the "Mm.w.d[/time]" rule form is supported; every built-in zone uses it.
constexpr std::optional<time_zone::rules> parse_rules(std::string_view s) {
  time_zone::rules z;
  std::size_t pos = 0;
  int west_s = 0;
  if (!read_zone_name(s, pos) || !read_hms(s, pos, west_s)) return std::nullopt;
  z.std_offset_s = -west_s;
  if (pos == s.size()) return z;
  if (!read_zone_name(s, pos)) return std::nullopt;
  z.has_dst = true;
  z.dst_offset_s = z.std_offset_s + 3600;
  if (pos < s.size() && s[pos] != ',') {
    if (!read_hms(s, pos, west_s)) return std::nullopt;
    z.dst_offset_s = -west_s;
  }
  const auto read_rule = [&](time_zone::transition_rule& r) {
    if (!expect(s, pos, ',') || !expect(s, pos, 'M')) return false;
    if (!read_number(s, pos, r.month) || !expect(s, pos, '.') || !read_number(s, pos, r.week) ||
        !expect(s, pos, '.') || !read_number(s, pos, r.weekday)) {
      return false;
    }
    if (r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 || r.weekday > 6) return false;
    r.time_s = 7200;
    if (expect(s, pos, '/') && !read_hms(s, pos, r.time_s)) return false;
    return true;
  };
  if (!read_rule(z.start) || !read_rule(z.end) || pos != s.size()) return std::nullopt;
  return z;
}

constexpr std::size_t zone_count() {
  std::size_t n = 0;
  for (char c : zone_table) n += c == '\n' ? 1 : 0;
  return n;
}

// The bytes of the names, each followed by a newline.
constexpr std::size_t zone_names_size() {
  std::size_t n = 0;
  for (std::size_t at = 0; at < zone_table.size(); at = zone_table.find('\n', at) + 1) {
    n += zone_table.find(' ', at) - at + 1;
  }
  return n;
}

constexpr bool same_rules(const time_zone::rules& a, const time_zone::rules& b) {
  const auto same = [](const time_zone::transition_rule& x, const time_zone::transition_rule& y) {
    return x.month == y.month && x.week == y.week && x.weekday == y.weekday && x.time_s == y.time_s;
  };
  return a.std_offset_s == b.std_offset_s && a.dst_offset_s == b.dst_offset_s &&
         a.has_dst == b.has_dst && same(a.start, b.start) && same(a.end, b.end);
}

// Each line's rule, parsed, with the lines that share a rule sharing one entry.
struct rule_set {
  time_zone::rules rules[zone_count()] = {};
  unsigned char rule_of[zone_count()] = {};  // each line's index into rules
  std::size_t count = 0;                     // entries of rules in use
  std::size_t parsed = 0;                    // lines whose rule parses
};

constexpr rule_set read_rules() {
  rule_set set;
  std::size_t i = 0;
  for (std::size_t at = 0; at < zone_table.size(); ++i) {
    const std::size_t space = zone_table.find(' ', at);
    const std::size_t end = zone_table.find('\n', space);
    at = end + 1;
    const std::optional<time_zone::rules> r =
        parse_rules(zone_table.substr(space + 1, end - space - 1));
    if (!r) continue;
    std::size_t k = 0;
    while (k < set.count && !same_rules(set.rules[k], *r)) ++k;
    if (k == set.count) set.rules[set.count++] = *r;
    set.rule_of[i] = static_cast<unsigned char>(k);
    ++set.parsed;
  }
  return set;
}

constexpr rule_set table_rules = read_rules();
static_assert(table_rules.parsed == zone_count(), "a rule in zone_table does not parse");
static_assert(zone_count() <= 256, "rule_of holds an unsigned char");

// What the program keeps of the table.
struct zone_list {
  char names[zone_names_size()] = {};        // "UTC\nEtc/UTC\n...", in table order
  unsigned char rule_of[zone_count()] = {};  // each zone's index into rules
  time_zone::rules rules[table_rules.count] = {};
};

constexpr zone_list read_zone_table() {
  zone_list list;
  std::size_t name_at = 0;
  for (std::size_t at = 0; at < zone_table.size(); at = zone_table.find('\n', at) + 1) {
    for (std::size_t k = at; zone_table[k] != ' '; ++k) list.names[name_at++] = zone_table[k];
    list.names[name_at++] = '\n';
  }
  for (std::size_t i = 0; i < zone_count(); ++i) list.rule_of[i] = table_rules.rule_of[i];
  for (std::size_t k = 0; k < table_rules.count; ++k) list.rules[k] = table_rules.rules[k];
  return list;
}

constexpr zone_list builtin_zones = read_zone_table();

}  // namespace

std::optional<instant> parse_iso8601(std::string_view text) {
  std::size_t pos = 0;
  int y, mo, d, h, mi, s = 0;
  if (!read_digits(text, pos, 4, y) || !expect(text, pos, '-') || !read_digits(text, pos, 2, mo) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, d)) {
    return std::nullopt;
  }
  if (!(expect(text, pos, 'T') || expect(text, pos, 't') || expect(text, pos, ' '))) {
    return std::nullopt;
  }
  if (!read_digits(text, pos, 2, h) || !expect(text, pos, ':') || !read_digits(text, pos, 2, mi)) {
    return std::nullopt;
  }
  if (expect(text, pos, ':')) {
    if (!read_digits(text, pos, 2, s)) return std::nullopt;
    if (expect(text, pos, '.') || expect(text, pos, ',')) {
      const std::size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  int offset_s = 0;
  if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
    offset_s = 0;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos++] == '-' ? -1 : 1;
    int oh, om;
    if (!read_digits(text, pos, 2, oh)) return std::nullopt;
    expect(text, pos, ':');
    if (!read_digits(text, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset_s = sign * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
      s > 60) {
    return std::nullopt;
  }
  if (s == 60) s = 59;  // a leap second is shown as the second before it
  instant t;
  t.utc_s = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset_s;
  t.offset_min = offset_s / 60;
  return t;
}

std::optional<time_zone> time_zone::find(std::string_view iana_name) {
  const std::string_view names(builtin_zones.names, sizeof builtin_zones.names);
  std::size_t at = 0;
  for (const unsigned char rule : builtin_zones.rule_of) {
    const std::size_t end = names.find('\n', at);
    if (names.substr(at, end - at) == iana_name) return time_zone(builtin_zones.rules[rule]);
    at = end + 1;
  }
  return std::nullopt;
}

time_zone time_zone::utc() {
  return time_zone();
}

std::optional<time_zone> time_zone::from_posix(std::string_view s) {
  const std::optional<rules> r = parse_rules(s);
  if (!r) return std::nullopt;
  return time_zone(*r);
}

std::int64_t time_zone::transition_utc(int year, const transition_rule& r, int offset_before_s) {
  const std::int64_t first = days_from_civil(year, r.month, 1);
  int day = 1 + (r.weekday - weekday_from_days(first) + 7) % 7 + (r.week - 1) * 7;
  while (day > days_in_month(year, r.month)) day -= 7;
  return (first + day - 1) * 86400 + r.time_s - offset_before_s;
}

int time_zone::offset_min_at(instant t) const {
  const rules& r = rules_;
  if (!r.has_dst) return r.std_offset_s / 60;
  // The transitions of the year that the standard-time calendar is in at `t`.
  const civil_time local_std = civil_from_utc(t.utc_s, r.std_offset_s / 60);
  const int year = local_std.year;
  const std::int64_t start = transition_utc(year, r.start, r.std_offset_s);
  const std::int64_t end = transition_utc(year, r.end, r.dst_offset_s);
  const bool dst = start < end ? (t.utc_s >= start && t.utc_s < end)   // northern hemisphere
                               : (t.utc_s >= start || t.utc_s < end);  // southern hemisphere
  return (dst ? r.dst_offset_s : r.std_offset_s) / 60;
}

civil_time time_zone::to_local(instant t) const {
  return civil_from_utc(t.utc_s, offset_min_at(t));
}

civil_time civil_from_utc(std::int64_t utc_s, int offset_min) {
  const std::int64_t local = utc_s + static_cast<std::int64_t>(offset_min) * 60;
  std::int64_t days = local / 86400;
  std::int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  civil_time c;
  civil_from_days(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = weekday_from_days(days);
  c.offset_min = offset_min;
  return c;
}

str format_rfc3339(const civil_time& t) {
  char buf[32];
  const int off = t.offset_min < 0 ? -t.offset_min : t.offset_min;
  // Hand-rolled rather than snprintf: keeps printf out of the wasm build.
  const auto put2 = [](char* p, int v) {
    p[0] = static_cast<char>('0' + v / 10 % 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  put2(buf, t.year / 100);
  put2(buf + 2, t.year % 100);
  buf[4] = '-';
  put2(buf + 5, t.month);
  buf[7] = '-';
  put2(buf + 8, t.day);
  buf[10] = 'T';
  put2(buf + 11, t.hour);
  buf[13] = ':';
  put2(buf + 14, t.minute);
  buf[16] = ':';
  put2(buf + 17, t.second);
  buf[19] = t.offset_min < 0 ? '-' : '+';
  put2(buf + 20, off / 60);
  buf[22] = ':';
  put2(buf + 23, off % 60);
  return str(buf, 25);
}

}  // namespace news_widget
