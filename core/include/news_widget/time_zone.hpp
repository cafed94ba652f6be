// Instants, civil times and the time zones they are shown in. No I/O: the zone
// rules are compiled in (see src/time_zone.cpp), so a native and a wasm render
// of the same feed always show the same times.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include "news_widget/str.hpp"

namespace news_widget {

// A point in time, as read from an ISO 8601 timestamp with an offset.
struct instant {
  std::int64_t utc_s = 0;  // seconds since 1970-01-01T00:00:00Z
  int offset_min = 0;      // the offset it was written with, minutes east of UTC
};

// A wall-clock time somewhere.
struct civil_time {
  int year = 1970;
  int month = 1;       // 1..12
  int day = 1;         // 1..31
  int hour = 0;        // 0..23
  int minute = 0;      // 0..59
  int second = 0;      // 0..59
  int weekday = 4;     // 0 = Sunday .. 6 = Saturday
  int offset_min = 0;  // minutes east of UTC in effect at that time
};

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "+HH:MM"/"-HH:MM"
// ("T" may be a space, the offset's colon may be left out). Years 1..9999.
// nullopt for anything else, including out-of-range fields.
std::optional<instant> parse_iso8601(std::string_view text);

// A time zone given by rules in the POSIX TZ form ("CET-1CEST,M3.5.0,M10.5.0/3").
// Today's rules are applied to every date.
class time_zone {
 public:
  // When daylight saving time starts or ends: "Mm.w.d/time".
  struct transition_rule {
    int month = 0;      // 1..12
    int week = 0;       // 1..5, 5 = last
    int weekday = 0;    // 0 = Sunday
    int time_s = 7200;  // local wall-clock seconds after midnight (may be < 0 or > 24h)
  };
  // A zone's rules, as a POSIX TZ string gives them.
  struct rules {
    int std_offset_s = 0;  // east of UTC
    int dst_offset_s = 0;  // east of UTC, when has_dst
    bool has_dst = false;
    transition_rule start, end;
  };

  // Coordinated Universal Time.
  constexpr time_zone() = default;
  constexpr explicit time_zone(const rules& r) : rules_(r) {}

  // The zone for an IANA name such as "Europe/Stockholm", from the built-in
  // table (the common news-market zones); nullopt if the name is not in it.
  static std::optional<time_zone> find(std::string_view iana_name);
  // A zone from a POSIX TZ rule string; nullopt if it does not parse.
  static std::optional<time_zone> from_posix(std::string_view rule);
  // Coordinated Universal Time.
  static time_zone utc();

  // Minutes east of UTC in effect at `t`.
  int offset_min_at(instant t) const;
  // The wall-clock time in this zone at `t`.
  civil_time to_local(instant t) const;

 private:
  rules rules_;

  static std::int64_t transition_utc(int year, const transition_rule& r, int offset_before_s);
};

// A civil time with an offset, converted from an instant.
civil_time civil_from_utc(std::int64_t utc_s, int offset_min);

// "2024-10-28T16:40:00+01:00": RFC 3339, for the `datetime` attribute.
str format_rfc3339(const civil_time& t);

}  // namespace news_widget
