#include <catch2/catch.hpp>

#include "news_widget/time_zone.hpp"

using namespace news_widget;

TEST_CASE("parse_iso8601 reads date-times with an offset", "[time]") {
  auto [text, utc_s, offset_min] = GENERATE(table<std::string, std::int64_t, int>({
      {"1970-01-01T00:00:00Z", 0, 0},
      {"2024-10-28T16:40:00+01:00", 1730130000, 60},
      {"2024-10-28T16:40+01:00", 1730130000, 60},
      {"2024-10-28 15:40:00.123Z", 1730130000, 0},
      {"2024-10-28T10:40:00-0500", 1730130000, -300},
      {"2024-02-29T12:00:00Z", 1709208000, 0},
      {"2016-12-31T23:59:60Z", 1483228799, 0},
  }));
  const auto t = parse_iso8601(text);
  REQUIRE(t);
  CHECK(t->utc_s == utc_s);
  CHECK(t->offset_min == offset_min);
}

TEST_CASE("parse_iso8601 refuses anything that is not a full date-time with offset", "[time]") {
  const std::string text =
      GENERATE(as<std::string>{}, "", "2024-10-28", "2024-10-28T16:40:00", "2024-13-01T00:00Z",
               "2023-02-29T00:00Z", "2024-10-28T24:00Z", "2024-10-28T16:40:00+01:00 trailing",
               "28 October 2024", "2024-10-28T16:40:00+25:00", "0000-01-01T00:00Z");
  CHECK_FALSE(parse_iso8601(text));
}

TEST_CASE("Stockholm time follows the EU daylight-saving changes on both sides", "[time]") {
  const auto zone = time_zone::find("Europe/Stockholm");
  REQUIRE(zone);
  // EU rule: summer time from 01:00 UTC on the last Sunday of March to 01:00
  // UTC on the last Sunday of October (2024: 31 March and 27 October).
  auto [utc_text, local_text] = GENERATE(table<std::string, std::string>({
      {"2024-03-31T00:59:59Z", "2024-03-31T01:59:59+01:00"},
      {"2024-03-31T01:00:00Z", "2024-03-31T03:00:00+02:00"},
      {"2024-10-27T00:59:59Z", "2024-10-27T02:59:59+02:00"},
      {"2024-10-27T01:00:00Z", "2024-10-27T02:00:00+01:00"},
      {"2024-10-28T15:40:00Z", "2024-10-28T16:40:00+01:00"},
      {"2024-07-01T12:00:00Z", "2024-07-01T14:00:00+02:00"},
      {"2025-01-01T00:00:00Z", "2025-01-01T01:00:00+01:00"},
  }));
  const auto t = parse_iso8601(utc_text);
  REQUIRE(t);
  CHECK(format_rfc3339(zone->to_local(*t)) == local_text);
}

TEST_CASE("US, southern-hemisphere and fractional zones convert correctly", "[time]") {
  auto [zone_name, utc_text, local_text] = GENERATE(table<std::string, std::string, std::string>({
      // US: second Sunday in March 02:00 local, first Sunday in November 02:00 local.
      {"America/New_York", "2024-03-10T06:59:00Z", "2024-03-10T01:59:00-05:00"},
      {"America/New_York", "2024-03-10T07:00:00Z", "2024-03-10T03:00:00-04:00"},
      {"America/New_York", "2024-11-03T05:59:00Z", "2024-11-03T01:59:00-04:00"},
      {"America/New_York", "2024-11-03T06:00:00Z", "2024-11-03T01:00:00-05:00"},
      // Sydney: summer time from the first Sunday in October to the first Sunday in April.
      {"Australia/Sydney", "2024-01-15T00:00:00Z", "2024-01-15T11:00:00+11:00"},
      {"Australia/Sydney", "2024-07-15T00:00:00Z", "2024-07-15T10:00:00+10:00"},
      {"Asia/Kolkata", "2024-10-28T00:00:00Z", "2024-10-28T05:30:00+05:30"},
      {"Asia/Kathmandu", "2024-10-28T00:00:00Z", "2024-10-28T05:45:00+05:45"},
      {"UTC", "2024-10-28T00:00:00Z", "2024-10-28T00:00:00+00:00"},
      {"Europe/London", "2024-10-28T16:40:00Z", "2024-10-28T16:40:00+00:00"},
      {"Europe/London", "2024-06-28T16:40:00Z", "2024-06-28T17:40:00+01:00"},
  }));
  const auto zone = time_zone::find(zone_name);
  REQUIRE(zone);
  const auto t = parse_iso8601(utc_text);
  REQUIRE(t);
  CHECK(format_rfc3339(zone->to_local(*t)) == local_text);
}

TEST_CASE("time_zone::find knows the common zones and nothing else", "[time]") {
  CHECK(time_zone::find("Europe/Berlin"));
  CHECK_FALSE(time_zone::find("Mars/Olympus_Mons"));
  CHECK_FALSE(time_zone::find("europe/stockholm"));
  CHECK_FALSE(time_zone::find(""));
  // The table's first and last entries, and no partial or overlong names.
  CHECK(time_zone::find("UTC"));
  const auto honolulu = time_zone::find("Pacific/Honolulu");
  REQUIRE(honolulu);
  CHECK(format_rfc3339(honolulu->to_local(*parse_iso8601("2024-10-28T12:00:00Z"))) ==
        "2024-10-28T02:00:00-10:00");
  CHECK_FALSE(time_zone::find("Europe/Stock"));
  CHECK_FALSE(time_zone::find("Europe/Stockholm "));
  CHECK_FALSE(time_zone::find("Europe/Stockholm CET-1CEST,M3.5.0,M10.5.0/3"));
  CHECK_FALSE(time_zone::find("UTC0"));
}

TEST_CASE("built-in zones have the rules of their table line", "[time]") {
  // The table is read at compile time, with zones that share a rule sharing
  // one copy: each of these must still get its own.
  auto [zone_name, rule] = GENERATE(table<std::string, std::string>({
      {"Africa/Cairo", "EET-2EEST,M4.5.5/0,M10.5.4/24"},
      {"America/Anchorage", "AKST9AKDT,M3.2.0,M11.1.0"},
      {"America/Argentina/Buenos_Aires", "<-03>3"},
      {"Asia/Jerusalem", "IST-2IDT,M3.4.4/26,M10.5.0"},
      {"Asia/Tehran", "<+0330>-3:30"},
      {"Australia/Adelaide", "ACST-9:30ACDT,M10.1.0,M4.1.0/3"},
      {"Europe/Athens", "EET-2EEST,M3.5.0/3,M10.5.0/4"},
      {"Europe/Dublin", "GMT0IST,M3.5.0/1,M10.5.0"},
      {"Europe/Moscow", "MSK-3"},
      {"Europe/Zurich", "CET-1CEST,M3.5.0,M10.5.0/3"},
      {"Pacific/Auckland", "NZST-12NZDT,M9.5.0,M4.1.0/3"},
  }));
  const auto zone = time_zone::find(zone_name);
  const auto expected = time_zone::from_posix(rule);
  REQUIRE(zone);
  REQUIRE(expected);
  for (int month = 1; month <= 12; ++month) {
    for (const char* day : {"-01T00:30:00Z", "-15T12:00:00Z", "-28T23:30:00Z"}) {
      const std::string text =
          std::string("2024-") + (month < 10 ? "0" : "") + std::to_string(month) + day;
      const auto t = parse_iso8601(text);
      REQUIRE(t);
      INFO(zone_name << " at " << text);
      CHECK(zone->offset_min_at(*t) == expected->offset_min_at(*t));
    }
  }
}

TEST_CASE("time_zone::from_posix refuses malformed rules", "[time]") {
  const std::string rule =
      GENERATE(as<std::string>{}, "", "X", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0",
               "CET-1CEST,J60,J300", "CET-1CEST,M3.5.0,M10.5.0/3junk");
  CHECK_FALSE(time_zone::from_posix(rule));
}
