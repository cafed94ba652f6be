#include "news_widget/locale.hpp"

#include "news_widget/text.hpp"

namespace news_widget {
namespace {

constexpr std::string_view english_months[12] = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
constexpr std::string_view swedish_months[12] = {"januari",   "februari", "mars",     "april",
                                                 "maj",       "juni",     "juli",     "augusti",
                                                 "september", "oktober",  "november", "december"};
constexpr std::string_view german_months[12] = {"Januar",    "Februar", "M\xC3\xA4rz", "April",
                                                "Mai",       "Juni",    "Juli",        "August",
                                                "September", "Oktober", "November",    "Dezember"};

constexpr locale_info locales[] = {
    {"en-GB", "ltr", english_months, date_style::day_month_year, false, "",
     "Updated:", "Published:", "MIN READ", "More news", "Tags", "By", "Photo:", "Read on"},
    {"en-US", "ltr", english_months, date_style::month_day_year, true, "",
     "Updated:", "Published:", "MIN READ", "More news", "Tags", "By", "Photo:", "Read on"},
    {"sv-SE", "ltr", swedish_months, date_style::day_month_year, false, "",
     "Uppdaterad:", "Publicerad:", "MIN L\xC3\x84SNING", "Fler nyheter", "Taggar", "Av",
     "Foto:", "L\xC3\xA4s p\xC3\xA5"},
    {"de-DE", "ltr", german_months, date_style::day_dot_month_year, false, " Uhr", "Aktualisiert:",
     "Ver\xC3\xB6"
     "ffentlicht:",
     "MIN. LESEZEIT", "Weitere Nachrichten", "Schlagw\xC3\xB6rter", "Von",
     "Foto:", "Weiterlesen bei"},
};

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] == '_' ? '-' : a[i];  // accept "sv_SE" as well
    if (lower(x) != lower(b[i])) return false;
  }
  return true;
}

std::string_view language_of(std::string_view tag) {
  return tag.substr(0, tag.find_first_of("-_"));
}

void append_int(std::string& out, int v) {
  out += decimal(v);
}

void append_2digits(std::string& out, int v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

}  // namespace

const locale_info& find_locale(std::string_view tag, bool* known) {
  if (known) *known = true;
  for (const locale_info& loc : locales) {
    if (equal_ci(loc.tag, tag)) return loc;
  }
  const std::string_view lang = language_of(tag);
  for (const locale_info& loc : locales) {
    if (equal_ci(language_of(loc.tag), lang)) return loc;
  }
  if (known) *known = false;
  return locales[0];
}

std::string format_date(const locale_info& loc, const civil_time& t) {
  std::string out;
  const std::string_view month = loc.months[t.month - 1];
  switch (loc.dates) {
    case date_style::day_month_year:
      append_int(out, t.day);
      out += ' ';
      out += month;
      break;
    case date_style::month_day_year:
      out += month;
      out += ' ';
      append_int(out, t.day);
      out += ',';
      break;
    case date_style::day_dot_month_year:
      append_int(out, t.day);
      out += ". ";
      out += month;
      break;
  }
  out += ' ';
  append_int(out, t.year);
  return out;
}

std::string format_date_time(const locale_info& loc, const civil_time& t) {
  std::string out = format_date(loc, t);
  out += ", ";
  if (loc.twelve_hour) {
    const int h12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    append_int(out, h12);
    out += ':';
    append_2digits(out, t.minute);
    out += t.hour < 12 ? " AM" : " PM";
  } else {
    append_2digits(out, t.hour);
    out += ':';
    append_2digits(out, t.minute);
    out += loc.time_suffix;
  }
  return out;
}

std::string format_reading_time(const locale_info& loc, int minutes) {
  std::string out = decimal(minutes);
  out += ' ';
  out += loc.minutes_read;
  return out;
}

}  // namespace news_widget
