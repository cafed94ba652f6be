#include "news_widget/locale.hpp"

#include "news_widget/text.hpp"

namespace news_widget {
namespace {

#include "locale_data.inc"

// Field codes in compiled patterns (scripts/generate-locales.mjs, FIELD).
enum field_code : unsigned char {
  day = 1,
  day_2 = 2,
  month_number = 3,
  month_number_2 = 4,
  month_name = 5,
  year = 6,
  hour_24 = 7,
  hour_24_2 = 8,
  hour_12 = 9,
  hour_12_2 = 10,
  minute_2 = 11,
  day_period = 12,
};
constexpr char placeholder = '\1';  // {0} in our texts

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Any case, and "sv_SE" as "sv-SE", on either side.
char folded(char c) {
  return c == '_' ? '-' : lower(c);
}

bool equal_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (folded(a[i]) != folded(b[i])) return false;
  }
  return true;
}

std::string_view language_of(std::string_view tag) {
  return tag.substr(0, tag.find_first_of("-_"));
}

// Reads a record's NUL-ended fields in order.
class field_reader {
 public:
  explicit field_reader(int index) : at_(locale_table + locale_offsets[index]) {}
  std::string_view next() {
    const std::string_view s(at_);
    at_ += s.size() + 1;
    return s;
  }

 private:
  const char* at_;
};

std::string_view tag_of(int index) {
  return std::string_view(locale_table + locale_offsets[index]);
}

locale_info read_locale(int index) {
  field_reader r(index);
  locale_info loc;
  loc.tag = r.next();
  loc.direction = r.next();
  loc.date_pattern = r.next();
  loc.date_time_pattern = r.next();
  loc.day_periods = r.next();
  for (std::string_view& m : loc.months) m = r.next();
  loc.updated = r.next();
  loc.published = r.next();
  loc.more_news = r.next();
  loc.tags = r.next();
  loc.by = r.next();
  loc.photo = r.next();
  loc.source = r.next();
  loc.unavailable = r.next();
  loc.plural_rules = r.next();
  // One text per rule, and "other".
  int count = 1;
  for (char c : loc.plural_rules) count += c == ';';
  if (loc.plural_rules.empty()) count = 1;
  loc.minutes_read_count = count;
  for (int i = 0; i < count; ++i) loc.minutes_read[i] = r.next();
  return loc;
}

void append_2digits(str& out, int v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

// The name of the last period in `periods` (locale_info::day_periods) that
// starts at or before `hour`.
std::string_view period_at(std::string_view periods, int hour) {
  std::string_view name;
  std::size_t i = 0;
  while (i < periods.size() && static_cast<unsigned char>(periods[i]) <= hour + 1) {
    const std::size_t start = ++i;
    while (i < periods.size() && static_cast<unsigned char>(periods[i]) > 24) ++i;
    name = periods.substr(start, i - start);
  }
  return name;
}

str expand(const locale_info& loc, std::string_view pattern, const civil_time& t) {
  str out;
  for (char c : pattern) {
    const int h12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    switch (static_cast<unsigned char>(c)) {
      case day:
        out += decimal(t.day);
        break;
      case day_2:
        append_2digits(out, t.day);
        break;
      case month_number:
        out += decimal(t.month);
        break;
      case month_number_2:
        append_2digits(out, t.month);
        break;
      case month_name:
        out += loc.months[(t.month + 11) % 12];
        break;
      case year:
        out += decimal(t.year);
        break;
      case hour_24:
        out += decimal(t.hour);
        break;
      case hour_24_2:
        append_2digits(out, t.hour);
        break;
      case hour_12:
        out += decimal(h12);
        break;
      case hour_12_2:
        append_2digits(out, h12);
        break;
      case minute_2:
        append_2digits(out, t.minute);
        break;
      case day_period:
        out += period_at(loc.day_periods, t.hour);
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A decimal number at the front of `s`, consumed.
long long take_number(std::string_view& s) {
  long long v = 0;
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
  s.remove_prefix(i);
  return v;
}

// One relation "n[%M](=|!)A[-B],...", consumed from `s`.
bool relation_holds(std::string_view& s, long long n) {
  s.remove_prefix(1);  // 'n'
  long long value = n;
  if (!s.empty() && s.front() == '%') {
    s.remove_prefix(1);
    const long long mod = take_number(s);
    value = mod > 0 ? n % mod : n;
  }
  const bool in = !s.empty() && s.front() == '=';
  s.remove_prefix(1);
  bool found = false;
  while (true) {
    const long long lo = take_number(s);
    long long hi = lo;
    if (!s.empty() && s.front() == '-') {
      s.remove_prefix(1);
      hi = take_number(s);
    }
    found = found || (lo <= value && value <= hi);
    if (s.empty() || s.front() != ',') break;
    s.remove_prefix(1);
  }
  return found == in;
}

// One rule (or-groups of and-ed relations) holds for n.
bool rule_holds(std::string_view rule, long long n) {
  if (rule.empty()) return true;
  bool group = true;
  while (!rule.empty()) {
    group = relation_holds(rule, n) && group;
    if (rule.empty() || rule.front() == '|') {
      if (group) return true;
      group = true;
    }
    if (!rule.empty()) rule.remove_prefix(1);  // '&' or '|'
  }
  return false;
}

}  // namespace

locale_info find_locale(std::string_view tag, bool* known) {
  if (known) *known = true;
  for (int i = 0; i < locale_count; ++i) {
    if (equal_ci(tag_of(i), tag)) return read_locale(i);
  }
  const std::string_view lang = language_of(tag);
  if (lang.size() < tag.size()) {
    std::string_view second = tag.substr(lang.size() + 1);
    second = second.substr(0, second.find_first_of("-_"));
    for (const subtag_match& m : subtag_matches) {
      if (!equal_ci(m.language, lang)) continue;
      for (std::string_view list = m.subtags; !list.empty();) {
        const std::size_t space = list.find(' ');
        if (equal_ci(list.substr(0, space), second)) return read_locale(m.locale);
        list.remove_prefix(space + 1);
      }
    }
  }
  for (int i = 0; i < locale_count; ++i) {
    if (equal_ci(language_of(tag_of(i)), lang)) return read_locale(i);
  }
  for (const language_alias& a : language_aliases) {
    if (equal_ci(a.code, lang)) return read_locale(a.locale);
  }
  if (known) *known = false;
  return read_locale(0);
}

str format_date(const locale_info& loc, const civil_time& t) {
  return expand(loc, loc.date_pattern, t);
}

str format_date_time(const locale_info& loc, const civil_time& t) {
  return expand(loc, loc.date_time_pattern, t);
}

int plural_index(std::string_view rules, long long n) {
  int index = 0;
  while (!rules.empty()) {
    const std::size_t end = rules.find(';');
    if (rule_holds(rules.substr(0, end), n)) return index;
    ++index;
    rules = end == std::string_view::npos ? std::string_view() : rules.substr(end + 1);
  }
  return index;
}

str format_reading_time(const locale_info& loc, int minutes) {
  int form = plural_index(loc.plural_rules, minutes < 0 ? 0 : minutes);
  if (form >= loc.minutes_read_count) form = loc.minutes_read_count - 1;
  const placeholder_split parts = split_at_placeholder(loc.minutes_read[form]);
  str out(parts.before);
  if (parts.before.size() < loc.minutes_read[form].size()) out += decimal(minutes);
  out += parts.after;
  return out;
}

placeholder_split split_at_placeholder(std::string_view text) {
  const std::size_t at = text.find(placeholder);
  if (at == std::string_view::npos) return {text, {}};
  return {text.substr(0, at), text.substr(at + 1)};
}

}  // namespace news_widget
