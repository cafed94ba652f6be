#include <catch2/catch.hpp>

#include "news_widget/locale.hpp"

using namespace news_widget;

namespace {

// The seed article's times as the card shows them in Europe/Stockholm:
// published 28 October 2024 09:21, updated the same day at 16:40.
civil_time seed_time(int hour, int minute) {
  civil_time t;
  t.year = 2024;
  t.month = 10;
  t.day = 28;
  t.hour = hour;
  t.minute = minute;
  return t;
}

}  // namespace

TEST_CASE("every locale writes the seed's dates and reading times its own way", "[locale]") {
  // Dates and times as CLDR's long date, short time and long date-time
  // patterns write them; the reading times are our own words.
  auto [tag, date, date_time, one, two, three] =
      GENERATE(table<std::string, std::string, std::string, std::string, std::string, std::string>({
          {"en-GB", "28 October 2024", "28 October 2024, 16:40", "1 MIN READ", "2 MIN READ",
           "3 MIN READ"},
          {"en-US", "October 28, 2024", "October 28, 2024, 4:40\u202FPM", "1 MIN READ",
           "2 MIN READ", "3 MIN READ"},
          {"sv-SE", "28 oktober 2024", "28 oktober 2024 16:40", "1 MIN L\u00C4SNING",
           "2 MIN L\u00C4SNING", "3 MIN L\u00C4SNING"},
          {"de-DE", "28. Oktober 2024", "28. Oktober 2024, 16:40", "1 MIN. LESEZEIT",
           "2 MIN. LESEZEIT", "3 MIN. LESEZEIT"},
          {"nb-NO", "28. oktober 2024", "28. oktober 2024, 16:40", "1 MIN LESETID", "2 MIN LESETID",
           "3 MIN LESETID"},
          {"da-DK", "28. oktober 2024", "28. oktober 2024 16.40", "1 MIN. L\u00C6SETID",
           "2 MIN. L\u00C6SETID", "3 MIN. L\u00C6SETID"},
          {"fi-FI", "28. lokakuuta 2024", "28. lokakuuta 2024 16.40", "1 MIN LUKUAIKA",
           "2 MIN LUKUAIKA", "3 MIN LUKUAIKA"},
          {"nl-NL", "28 oktober 2024", "28 oktober 2024, 16:40", "1 MIN. LEESTIJD",
           "2 MIN. LEESTIJD", "3 MIN. LEESTIJD"},
          {"fr-FR", "28 octobre 2024", "28 octobre 2024, 16:40", "1 MIN DE LECTURE",
           "2 MIN DE LECTURE", "3 MIN DE LECTURE"},
          {"es-ES", "28 de octubre de 2024", "28 de octubre de 2024, 16:40", "1 MIN DE LECTURA",
           "2 MIN DE LECTURA", "3 MIN DE LECTURA"},
          {"it-IT", "28 ottobre 2024", "28 ottobre 2024 16:40", "1 MIN DI LETTURA",
           "2 MIN DI LETTURA", "3 MIN DI LETTURA"},
          {"pt-BR", "28 de outubro de 2024", "28 de outubro de 2024 16:40", "1 MIN DE LEITURA",
           "2 MIN DE LEITURA", "3 MIN DE LEITURA"},
          {"pl-PL", "28 pa\u017Adziernika 2024", "28 pa\u017Adziernika 2024 16:40",
           "1 MINUTA CZYTANIA", "2 MINUTY CZYTANIA", "3 MINUTY CZYTANIA"},
          {"ja-JP", "2024\u5E7410\u670828\u65E5", "2024\u5E7410\u670828\u65E5 16:40",
           "1\u5206\u3067\u8AAD\u3081\u307E\u3059", "2\u5206\u3067\u8AAD\u3081\u307E\u3059",
           "3\u5206\u3067\u8AAD\u3081\u307E\u3059"},
          {"zh-CN", "2024\u5E7410\u670828\u65E5", "2024\u5E7410\u670828\u65E5 16:40",
           "\u9605\u8BFB\u65F6\u95F4 1 \u5206\u949F", "\u9605\u8BFB\u65F6\u95F4 2 \u5206\u949F",
           "\u9605\u8BFB\u65F6\u95F4 3 \u5206\u949F"},
          {"zh-TW", "2024\u5E7410\u670828\u65E5", "2024\u5E7410\u670828\u65E5 \u4E0B\u53484:40",
           "\u95B1\u8B80\u6642\u9593 1 \u5206\u9418", "\u95B1\u8B80\u6642\u9593 2 \u5206\u9418",
           "\u95B1\u8B80\u6642\u9593 3 \u5206\u9418"},
          {"ar", "28 \u0623\u0643\u062A\u0648\u0628\u0631 2024",
           "28 \u0623\u0643\u062A\u0648\u0628\u0631 2024\u060C 4:40 \u0645",
           "\u062F\u0642\u064A\u0642\u0629 \u0648\u0627\u062D\u062F\u0629 "
           "\u0644\u0644\u0642\u0631\u0627\u0621\u0629",
           "\u062F\u0642\u064A\u0642\u062A\u0627\u0646 \u0644\u0644\u0642\u0631\u0627\u0621\u0629",
           "3 \u062F\u0642\u0627\u0626\u0642 \u0644\u0644\u0642\u0631\u0627\u0621\u0629"},
          {"he", "28 \u05D1\u05D0\u05D5\u05E7\u05D8\u05D5\u05D1\u05E8 2024",
           "28 \u05D1\u05D0\u05D5\u05E7\u05D8\u05D5\u05D1\u05E8 2024, 16:40",
           "\u05D3\u05E7\u05EA \u05E7\u05E8\u05D9\u05D0\u05D4 \u05D0\u05D7\u05EA",
           "2 \u05D3\u05E7\u05D5\u05EA \u05E7\u05E8\u05D9\u05D0\u05D4",
           "3 \u05D3\u05E7\u05D5\u05EA \u05E7\u05E8\u05D9\u05D0\u05D4"},
      }));
  CAPTURE(tag);
  const locale_info loc = find_locale(tag);
  CHECK(loc.tag == tag);
  CHECK(format_date(loc, seed_time(9, 21)) == date);
  CHECK(format_date_time(loc, seed_time(16, 40)) == date_time);
  CHECK(format_reading_time(loc, 1) == one);
  CHECK(format_reading_time(loc, 2) == two);
  CHECK(format_reading_time(loc, 3) == three);
}

TEST_CASE("reading times take the plural form CLDR's rules choose", "[locale][plural]") {
  auto [tag, minutes, expected] = GENERATE(table<std::string, int, std::string>({
      // Polish: one, few (2-4, 22-24, not 12-14), many (the rest).
      {"pl-PL", 0, "0 MINUT CZYTANIA"},
      {"pl-PL", 4, "4 MINUTY CZYTANIA"},
      {"pl-PL", 5, "5 MINUT CZYTANIA"},
      {"pl-PL", 12, "12 MINUT CZYTANIA"},
      {"pl-PL", 21, "21 MINUT CZYTANIA"},
      {"pl-PL", 22, "22 MINUTY CZYTANIA"},
      {"pl-PL", 112, "112 MINUT CZYTANIA"},
      {"pl-PL", 124, "124 MINUTY CZYTANIA"},
      // Arabic: zero, one, two, few (3-10 mod 100), many (11-99 mod 100), other.
      {"ar", 0, "0 \u062F\u0642\u064A\u0642\u0629 \u0644\u0644\u0642\u0631\u0627\u0621\u0629"},
      {"ar", 10, "10 \u062F\u0642\u0627\u0626\u0642 \u0644\u0644\u0642\u0631\u0627\u0621\u0629"},
      {"ar", 103, "103 \u062F\u0642\u0627\u0626\u0642 \u0644\u0644\u0642\u0631\u0627\u0621\u0629"},
      {"ar", 11, "11 \u062F\u0642\u064A\u0642\u0629 \u0644\u0644\u0642\u0631\u0627\u0621\u0629"},
      {"ar", 100, "100 \u062F\u0642\u064A\u0642\u0629 \u0644\u0644\u0642\u0631\u0627\u0621\u0629"},
      // Hebrew: one, two, other.
      {"he", 0, "0 \u05D3\u05E7\u05D5\u05EA \u05E7\u05E8\u05D9\u05D0\u05D4"},
      {"he", 20, "20 \u05D3\u05E7\u05D5\u05EA \u05E7\u05E8\u05D9\u05D0\u05D4"},
  }));
  CAPTURE(tag, minutes);
  CHECK(format_reading_time(find_locale(tag), minutes) == expected);
}

TEST_CASE("plural rules pick the category CLDR's samples list", "[locale][plural]") {
  // Category indexes in each locale's rule order (other = the number of rules);
  // numbers from plurals.json's @integer samples.
  auto [tag, n, index] = GENERATE(table<std::string, long long, int>({
      {"en-GB", 1, 0},       {"en-GB", 0, 1},      {"en-GB", 2, 1},       {"fr-FR", 0, 0},
      {"fr-FR", 1, 0},       {"fr-FR", 2, 2},      {"fr-FR", 1000000, 1}, {"fr-FR", 2000000, 1},
      {"fr-FR", 1000001, 2}, {"es-ES", 0, 2},      {"es-ES", 1, 0},       {"pt-BR", 0, 0},
      {"it-IT", 3000000, 1}, {"pl-PL", 1, 0},      {"pl-PL", 102, 1},     {"pl-PL", 1002, 1},
      {"pl-PL", 14, 2},      {"pl-PL", 100000, 2}, {"ar", 0, 0},          {"ar", 1, 1},
      {"ar", 2, 2},          {"ar", 1003, 3},      {"ar", 1011, 4},       {"ar", 202, 5},
      {"he", 1, 0},          {"he", 2, 1},         {"he", 3, 2},          {"ja-JP", 1, 0},
      {"zh-CN", 2, 0},       {"da-DK", 1, 0},      {"da-DK", 0, 1},
  }));
  CAPTURE(tag, n);
  CHECK(plural_index(find_locale(tag).plural_rules, n) == index);
}

TEST_CASE("each locale has its own texts", "[locale]") {
  const locale_info gb = find_locale("en-GB");
  CHECK(gb.direction == "ltr");
  CHECK(gb.updated == "Updated:");
  CHECK(gb.published == "Published:");
  CHECK(gb.more_news == "More news");
  CHECK(gb.tags == "Tags");
  CHECK(gb.by == "By \1");
  CHECK(gb.photo == "Photo: \1");
  CHECK(gb.source == "Read on \1");
  CHECK(gb.unavailable == "This story is not available right now.");
  const locale_info de = find_locale("de-DE");
  CHECK(de.updated == "Aktualisiert:");
  CHECK(de.published == "Ver\u00F6ffentlicht:");
  CHECK(de.more_news == "Weitere Nachrichten");
  CHECK(de.tags == "Schlagw\u00F6rter");
  CHECK(de.by == "Von \1");
  CHECK(de.source == "Weiterlesen bei \1");
  const locale_info ja = find_locale("ja-JP");
  CHECK(ja.source == "\1\u3067\u8AAD\u3080");  // the site's name comes first
  const placeholder_split parts = split_at_placeholder(ja.source);
  CHECK(parts.before.empty());
  CHECK(parts.after == "\u3067\u8AAD\u3080");
  CHECK(split_at_placeholder("no placeholder").before == "no placeholder");
}

TEST_CASE("right-to-left languages are marked rtl, the rest ltr", "[locale]") {
  auto [tag, direction] = GENERATE(table<std::string, std::string>({
      {"ar", "rtl"},
      {"he", "rtl"},
      {"en-GB", "ltr"},
      {"ja-JP", "ltr"},
      {"pl-PL", "ltr"},
  }));
  CHECK(find_locale(tag).direction == direction);
}

TEST_CASE("month names are the forms dates use", "[locale]") {
  auto [tag, first, third, last] =
      GENERATE(table<std::string, std::string, std::string, std::string>({
          {"en-GB", "January", "March", "December"},
          {"en-US", "January", "March", "December"},
          {"sv-SE", "januari", "mars", "december"},
          {"de-DE", "Januar", "M\u00E4rz", "Dezember"},
          // Genitive, as in "28 października 2024", not the nominative "październik".
          {"pl-PL", "stycznia", "marca", "grudnia"},
          {"fi-FI", "tammikuuta", "maaliskuuta", "joulukuuta"},
          // Numeric months: no names kept.
          {"ja-JP", "", "", ""},
      }));
  const locale_info loc = find_locale(tag);
  CHECK(loc.months[0] == first);
  CHECK(loc.months[2] == third);
  CHECK(loc.months[11] == last);
}

TEST_CASE("a flexible day period follows CLDR's day period rules, as ICU writes them", "[locale]") {
  // zh-Hant's "Bh:mm": the period by the hour, never "midnight" (ICU leaves it out).
  auto [hour, minute, expected] = GENERATE(table<int, int, std::string>({
      {0, 0, "\u51CC\u666812:00"},    // 凌晨, not 午夜
      {0, 7, "\u51CC\u666812:07"},    // 凌晨
      {4, 59, "\u51CC\u66684:59"},    // 凌晨
      {5, 0, "\u6E05\u66685:00"},     // 清晨
      {7, 59, "\u6E05\u66687:59"},    // 清晨
      {8, 0, "\u4E0A\u53488:00"},     // 上午
      {11, 59, "\u4E0A\u534811:59"},  // 上午
      {12, 0, "\u4E2D\u534812:00"},   // 中午
      {12, 30, "\u4E2D\u534812:30"},  // 中午
      {13, 0, "\u4E0B\u53481:00"},    // 下午
      {18, 59, "\u4E0B\u53486:59"},   // 下午
      {19, 0, "\u665A\u4E0A7:00"},    // 晚上
      {23, 59, "\u665A\u4E0A11:59"},  // 晚上
  }));
  CAPTURE(hour, minute);
  civil_time t;
  t.year = 2024;
  t.month = 3;
  t.day = 5;
  t.hour = hour;
  t.minute = minute;
  CHECK(format_date_time(find_locale("zh-TW"), t) == "2024\u5E743\u67085\u65E5 " + expected);
}

TEST_CASE("12-hour clocks show midnight and noon as 12", "[locale]") {
  const locale_info us = find_locale("en-US");
  civil_time t;
  t.year = 2024;
  t.month = 1;
  t.day = 2;
  t.hour = 0;
  t.minute = 7;
  CHECK(format_date_time(us, t) == "January 2, 2024, 12:07\u202FAM");
  t.hour = 12;
  CHECK(format_date_time(us, t) == "January 2, 2024, 12:07\u202FPM");
  t.hour = 9;
  CHECK(format_date_time(find_locale("ar"), t) ==
        "2 \u064A\u0646\u0627\u064A\u0631 2024\u060C 9:07 \u0635");
}

TEST_CASE("find_locale matches exactly, then by language, then falls back to en-GB", "[locale]") {
  auto [tag, expected, known] = GENERATE(table<std::string, std::string, bool>({
      {"sv-SE", "sv-SE", true},
      {"SV-se", "sv-SE", true},
      {"sv_SE", "sv-SE", true},
      {"sv", "sv-SE", true},
      {"sv-FI", "sv-SE", true},
      {"de-AT", "de-DE", true},
      {"en", "en-GB", true},
      {"fr-CA", "fr-FR", true},
      {"pt-PT", "pt-BR", true},
      {"es-MX", "es-ES", true},
      {"ar-EG", "ar", true},
      {"he-IL", "he", true},
      {"zh-Hans-CN", "zh-CN", true},
      {"en_US", "en-US", true},
      {"EN_us", "en-US", true},
      // Chinese by script, named or implied by the region (CLDR's likely subtags).
      {"zh", "zh-CN", true},
      {"zh-SG", "zh-CN", true},
      {"zh-TW", "zh-TW", true},
      {"zh-HK", "zh-TW", true},
      {"zh_mo", "zh-TW", true},
      {"zh-Hant", "zh-TW", true},
      {"zh-Hant-CN", "zh-TW", true},
      {"ZH-HANT-HK", "zh-TW", true},
      {"zh-HK-u-ca-roc", "zh-TW", true},
      {"zh-Hans-HK", "zh-CN", true},
      {"zh-Hans", "zh-CN", true},
      {"zh-Latn", "zh-CN", true},
      {"sv-Hant", "sv-SE", true},
      // Matched through CLDR: the macrolanguage and its sibling, a deprecated code.
      {"no", "nb-NO", true},
      {"nn-NO", "nb-NO", true},
      {"iw", "he", true},
      {"ur", "en-GB", false},
      {"x", "en-GB", false},
      {"", "en-GB", false},
  }));
  CAPTURE(tag);
  bool found = !known;
  CHECK(find_locale(tag, &found).tag == expected);
  CHECK(found == known);
}
