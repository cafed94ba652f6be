// Locales: the words and date formats the card uses, compiled in so that the
// native and the wasm render agree byte for byte (no dependency on Intl).
#pragma once

#include <string>
#include <string_view>

#include "news_widget/time_zone.hpp"

namespace news_widget {

// How a locale writes a date.
enum class date_style {
  day_month_year,      // "28 October 2024"
  month_day_year,      // "October 28, 2024"
  day_dot_month_year,  // "28. Oktober 2024"
};

// Everything locale-dependent that the card shows.
struct locale_info {
  std::string_view tag;            // BCP 47 tag, e.g. "en-GB"; also the card's lang attribute
  std::string_view direction;      // "ltr" or "rtl": the card's dir attribute
  const std::string_view* months;  // the 12 month names, January first
  date_style dates = date_style::day_month_year;
  bool twelve_hour = false;       // "4:40 PM" rather than "16:40"
  std::string_view time_suffix;   // after a 24-hour time, e.g. " Uhr"
  std::string_view updated;       // "Updated:"
  std::string_view published;     // "Published:"
  std::string_view minutes_read;  // "MIN READ", after the number
  std::string_view more_news;     // heading of the related list
  std::string_view tags;          // heading of the tag list
  std::string_view by;            // before the byline: "By"
  std::string_view photo;         // before the credit: "Photo:"
  std::string_view source;        // link to the original: "Read on"
};

// The locale for a BCP 47 tag: an exact match (case-insensitive), else the first
// with the same language, else en-GB. `exact` (optional) tells whether the tag
// itself was known (a language-only match counts as known).
const locale_info& find_locale(std::string_view tag, bool* known = nullptr);

// "28 October 2024" / "October 28, 2024" / "28. Oktober 2024".
std::string format_date(const locale_info& loc, const civil_time& t);
// The date followed by the time: "28 October 2024, 16:40", "October 28, 2024, 4:40 PM".
std::string format_date_time(const locale_info& loc, const civil_time& t);
// "3 MIN READ".
std::string format_reading_time(const locale_info& loc, int minutes);

}  // namespace news_widget
