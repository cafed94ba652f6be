// Locales: the words and date formats the card uses, compiled in so that the
// native and the wasm render agree byte for byte (no dependency on Intl).
// The data is generated from CLDR and our own words (core/locales/locales.json,
// scripts/generate-locales.mjs); this is the code that reads it.
#pragma once

#include <string_view>
#include "news_widget/str.hpp"

#include "news_widget/time_zone.hpp"

namespace news_widget {

// Everything locale-dependent that the card shows: views into the generated
// table (static storage, valid for the program's life). Patterns and texts
// are as the table holds them (see core/src/locale_data.inc); read them with
// the functions below.
struct locale_info {
  std::string_view tag;                // BCP 47 tag, e.g. "en-GB"; also the card's lang attribute
  std::string_view direction;          // "ltr" or "rtl": the card's dir attribute
  std::string_view date_pattern;       // CLDR long date, compiled
  std::string_view date_time_pattern;  // long date and short time, compiled
  std::string_view day_periods;        // for a 12-hour clock ("" when 24-hour): each period's
                                       // first hour + 1 as a byte, then its name, from midnight
  std::string_view months[12];         // wide month names in the form dates use, January first
                                       // ("" where dates write the month as a number)
  std::string_view updated;            // "Updated:"
  std::string_view published;          // "Published:"
  std::string_view more_news;          // heading of the related list
  std::string_view tags;               // heading of the tag list
  std::string_view by;                 // the byline around the author: "By {0}"
  std::string_view photo;              // the credit: "Photo: {0}"
  std::string_view source;             // link to the original: "Read on {0}"
  std::string_view unavailable;        // the error notice
  std::string_view plural_rules;       // CLDR cardinal rules for whole numbers, compiled
  std::string_view minutes_read[6];    // "{0} MIN READ" per plural rule, "other" last
  int minutes_read_count = 0;          // texts in minutes_read
};

// The locale for a BCP 47 tag ('_' accepted for '-', any case): an exact
// match, else for a language with locales in two scripts the one its second
// subtag names or implies ("zh-Hant", "zh-HK" -> zh-TW; "zh-Hans-HK" ->
// zh-CN), else the first locale of the tag's language or of a language CLDR
// matches to it ("fr-CA" -> fr-FR, "no" -> nb-NO, "iw" -> he), else en-GB.
// `known` (optional) tells whether the tag matched (a language match counts).
locale_info find_locale(std::string_view tag, bool* known = nullptr);

// The long date: "28 October 2024", "October 28, 2024", "28. Oktober 2024".
str format_date(const locale_info& loc, const civil_time& t);
// The long date and the short time: "28 October 2024, 16:40", "October 28, 2024, 4:40 PM".
str format_date_time(const locale_info& loc, const civil_time& t);
// The reading time in the locale's plural form: "3 MIN READ", "5 MINUT CZYTANIA".
str format_reading_time(const locale_info& loc, int minutes);

// Which of `rules` (compiled CLDR cardinal rules, see locale_data.inc) the
// whole number `n` >= 0 takes: the index of the first that holds, else the
// number of rules (the "other" category).
int plural_index(std::string_view rules, long long n);

// A text with one {0} in it, split there: {text before, text after}.
struct placeholder_split {
  std::string_view before, after;
};
placeholder_split split_at_placeholder(std::string_view text);

}  // namespace news_widget
