// Reading a feed: JSON text in, validated model and diagnostics out. Never throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "news_widget/diagnostic.hpp"
#include "news_widget/model.hpp"

namespace news_widget {

// Bounds on what a feed may contain; each is checked before the work it bounds.
struct feed_limits {
  std::size_t max_input_bytes = 1 << 20;     // whole JSON text
  int max_depth = 32;                        // nesting of arrays and objects
  std::size_t max_string_bytes = 16 * 1024;  // any one string value
  std::size_t max_paragraphs = 200;          // article.body
  std::size_t max_tags = 50;                 // article.tags
  std::size_t max_related = 50;              // related
  std::size_t max_renditions = 16;           // image.renditions
};

// The feed format version this core reads.
constexpr int feed_format_version = 1;

// Parses and validates a feed (format version 1, see schema/article-v1.schema.json).
// Relative URLs are resolved against `base_url` (where the feed was fetched
// from), or the article's own URL when that is empty.
// Returns nullopt if the feed cannot be shown (`diags` then holds an error);
// otherwise the model, with a warning in `diags` for each part left out.
std::optional<feed> parse_feed(std::string_view json_text, std::string_view base_url,
                               diagnostics& diags, const feed_limits& limits = {});

// What to read from a feed, beyond its text.
struct feed_request {
  std::string_view base_url;  // where the feed was fetched from; base for relative URLs
  std::string_view item;      // the item shown as the card: its id or URL; "" = the first
  bool list_only = false;     // every item is a related story (no item is the card)
  bool card_only = false;     // the related stories are not read (another feed gives them)
};

// Reads any accepted format, detected from the document's shape (see
// feed_format): news-widget v1 (an object with "article" or a numeric
// "version"), a JSON Feed (a "version" string naming jsonfeed.org), a
// WordPress post (a "title" object with "rendered") or an array of them, or
// JSON-LD (an object, array or @graph with a node whose @type is an Article,
// a NewsArticle, a BlogPosting, ...: any type ending in "Article" or "Posting",
// or "Report"). Anything else is a "feed.format" error naming these formats.
// The card's article is mapped in full, the related stories by title, URL and
// image only. With list_only, the card's article is the first item's (which is
// also the first related story) and nothing else of it is read.
//
// The core is linked in several forms (core/CMakeLists.txt): with every
// format (native programs, news-widget.wasm); with our own format only
// (news-widget-v1.wasm, the smaller module most partners need,
// src/own_format_only.cpp); and with our own format and one publisher's
// (news-widget-json-feed.wasm and the like, feed_formats.cpp built with
// NEWS_WIDGET_ONE_FORMAT). The smaller forms refuse a document in a format
// they leave out with the error "feed.other_format" (and a related feed with
// the warning "related.other_format"), which tells the loader to use the
// first instead.
std::optional<feed> read_feed(std::string_view json_text, const feed_request& request,
                              diagnostics& diags, const feed_limits& limits = {});

}  // namespace news_widget
