#include <catch2/catch.hpp>

#include "news_widget/locale.hpp"

using namespace news_widget;

TEST_CASE("dates and times are written the way each locale writes them", "[locale]") {
  civil_time t;
  t.year = 2024;
  t.month = 10;
  t.day = 28;
  t.hour = 16;
  t.minute = 5;
  auto [tag, date, date_time, minutes] =
      GENERATE(table<std::string, std::string, std::string, std::string>({
          {"en-GB", "28 October 2024", "28 October 2024, 16:05", "3 MIN READ"},
          {"en-US", "October 28, 2024", "October 28, 2024, 4:05 PM", "3 MIN READ"},
          {"sv-SE", "28 oktober 2024", "28 oktober 2024, 16:05", "3 MIN L\xC3\x84SNING"},
          {"de-DE", "28. Oktober 2024", "28. Oktober 2024, 16:05 Uhr", "3 MIN. LESEZEIT"},
      }));
  const locale_info& loc = find_locale(tag);
  CHECK(loc.tag == tag);
  CHECK(format_date(loc, t) == date);
  CHECK(format_date_time(loc, t) == date_time);
  CHECK(format_reading_time(loc, 3) == minutes);
}

TEST_CASE("each locale has its own texts", "[locale]") {
  const locale_info& gb = find_locale("en-GB");
  CHECK(gb.direction == "ltr");
  CHECK(gb.updated == "Updated:");
  CHECK(gb.published == "Published:");
  CHECK(gb.more_news == "More news");
  CHECK(gb.tags == "Tags");
  CHECK(gb.by == "By");
  CHECK(gb.photo == "Photo:");
  CHECK(gb.source == "Read on");
  CHECK(gb.time_suffix.empty());
  const locale_info& de = find_locale("de-DE");
  CHECK(de.updated == "Aktualisiert:");
  CHECK(de.published ==
        "Ver\xC3\xB6"
        "ffentlicht:");
  CHECK(de.more_news == "Weitere Nachrichten");
  CHECK(de.tags == "Schlagw\xC3\xB6rter");
  CHECK(de.by == "Von");
  CHECK(de.photo == "Foto:");
  CHECK(de.source == "Weiterlesen bei");
  CHECK(de.time_suffix == " Uhr");
  const locale_info& sv = find_locale("sv-SE");
  CHECK(sv.more_news == "Fler nyheter");
  CHECK(sv.source == "L\xC3\xA4s p\xC3\xA5");
}

TEST_CASE("each locale names all twelve months", "[locale]") {
  auto [tag, first, third, last] =
      GENERATE(table<std::string, std::string, std::string, std::string>({
          {"en-GB", "January", "March", "December"},
          {"en-US", "January", "March", "December"},
          {"sv-SE", "januari", "mars", "december"},
          {"de-DE", "Januar", "M\xC3\xA4rz", "Dezember"},
      }));
  const locale_info& loc = find_locale(tag);
  CHECK(loc.months[0] == first);
  CHECK(loc.months[2] == third);
  CHECK(loc.months[11] == last);
  for (int m = 0; m < 12; ++m) CHECK(!loc.months[m].empty());
}

TEST_CASE("12-hour clock shows midnight and noon as 12", "[locale]") {
  const locale_info& us = find_locale("en-US");
  civil_time t;
  t.year = 2024;
  t.month = 1;
  t.day = 2;
  t.hour = 0;
  t.minute = 7;
  CHECK(format_date_time(us, t) == "January 2, 2024, 12:07 AM");
  t.hour = 12;
  CHECK(format_date_time(us, t) == "January 2, 2024, 12:07 PM");
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
      {"fr-FR", "en-GB", false},
      {"", "en-GB", false},
  }));
  bool found = !known;
  CHECK(find_locale(tag, &found).tag == expected);
  CHECK(found == known);
}
