// The validated article model: what a feed says, after every field has been
// type-checked, cleaned and its URLs vetted. Empty strings mean "not given".
#pragma once

#include <optional>
#include <vector>
#include "news_widget/str.hpp"

#include "news_widget/time_zone.hpp"

namespace news_widget {

// One size of an image, for srcset.
struct image_rendition {
  str url;           // absolute http(s)
  int width_px = 0;  // > 0
};

struct image {
  str url;  // absolute http(s); an image without one is dropped
  str alt;  // alternative text; "" = decorative
  str caption;
  str credit;        // e.g. "KCNA/Korea News Service via AP/TT"
  int width_px = 0;  // intrinsic size, 0 = unknown
  int height_px = 0;
  std::vector<image_rendition> renditions;  // sorted by width, ascending
};

struct site_info {
  str name;       // "Sweden Herald"
  str url;        // absolute http(s)
  str locale;     // BCP 47 tag as given, e.g. "en-GB"; "" = default
  str time_zone;  // IANA name as given, e.g. "Europe/Stockholm"; "" = UTC
};

struct article {
  str id;
  str url;           // absolute http(s)
  str external_url;  // what the item is about, elsewhere (JSON Feed external_url); not shown
  str section;       // "World"
  str title;         // never empty in a valid feed
  str lead;
  std::optional<instant> published;
  bool published_date_only = false;  // `published` was given as a date without a time of day
  std::optional<instant> updated;
  std::optional<image> photo;
  std::vector<str> body;    // paragraphs, none empty
  std::vector<str> tags;    // none empty
  str byline;               // "TT" (the card adds "By")
  str note;                 // e.g. the translation note
  int word_count = 0;       // given, or counted from the body
  int reading_minutes = 1;  // ceil(word_count / 200), at least 1
};

struct related_story {
  str title;  // never empty
  str url;    // absolute http(s); "" = shown without a link
  str section;
  int reading_minutes = 0;  // 0 = unknown (not shown)
  std::optional<image> thumbnail;
};

// The shapes of document the core reads, detected from the document itself.
enum class feed_format : unsigned char {
  news_widget,  // our own format, version 1 (schema/article-v1.schema.json)
  json_feed,    // JSON Feed 1.0 or 1.1
  json_ld,      // schema.org Article (and subtypes) JSON-LD: an object, an array or an @graph
  wordpress,    // a WordPress REST API post, or a list of posts
};

// The format's name in render results and events: "news-widget", "json-feed",
// "json-ld" or "wordpress".
const char* format_name(feed_format format);

struct feed {
  int version = 1;
  feed_format format = feed_format::news_widget;
  site_info site;
  article story;
  std::vector<related_story> related;
};

// Reading speed behind every "N MIN READ".
constexpr int words_per_minute = 200;

// ceil(words / 200), at least 1.
int reading_minutes_for(int words);

}  // namespace news_widget
