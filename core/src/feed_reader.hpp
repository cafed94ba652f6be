// The feed reader's helpers, shared by the readers of every accepted format
// (feed.cpp for news-widget v1, feed_formats.cpp for the others): typed
// field access that turns every problem into a diagnostic with a JSON path.
// Internal to the core.
#pragma once

#include <optional>
#include "news_widget/str.hpp"

#include "cold.hpp"
#include "news_widget/feed.hpp"
#include "news_widget/json.hpp"
#include "news_widget/text.hpp"
#include "news_widget/url.hpp"

namespace news_widget::detail {

using json_value = json::value;

inline const char* type_name(const json_value& v) {
  switch (v.type()) {
    case json::kind::null:
      return "null";
    case json::kind::object:
      return "an object";
    case json::kind::array:
      return "an array";
    case json::kind::string:
      return "a string";
    case json::kind::boolean:
      return "a boolean";
    case json::kind::number:
      return "a number";
  }
  return "an unsupported value";
}

// Where a value sits in the feed: a chain of steps from the root (nullptr),
// turned into a JSON pointer ("/related/3/title") only when a diagnostic needs it.
struct where {
  const where* parent;
  const char* key;        // a member's name; nullptr for an array item
  std::size_t index = 0;  // an array item's index
};

NW_COLD inline str pointer(const where* at) {
  if (!at) return {};
  str out = pointer(at->parent);
  out += '/';
  if (at->key) {
    out += at->key;
  } else {
    out += decimal(at->index);
  }
  return out;
}

NW_COLD inline str expected_got(const char* expected, const json_value& got) {
  str out = "expected ";
  out += expected;
  out += ", got ";
  out += type_name(got);
  return out;
}

// The member `key` of `obj`; found() is false when absent or null.
inline json_value member(const json_value& obj, const char* key) {
  const json_value v = obj.member(key);
  return v.is_null() ? json_value() : v;
}

// Reads the fields of one feed, type-checking each before use. Paths and
// messages are built only for the diagnostics (the NW_COLD members).
class feed_reader {
 public:
  feed_reader(diagnostics& diags, const feed_limits& limits) : diags_(diags), limits_(limits) {}

  // A cleaned string; "" (with a warning unless absent) when missing or not a string.
  str text(const json_value& obj, const where* parent, const char* key) {
    const json_value v = member(obj, key);
    if (!v.found()) return {};
    const where at{parent, key};
    return text_value(v, &at);
  }

  str text_value(const json_value& v, const where* at) {
    if (!v.is_string()) {
      type_warning(at, "a string", v);
      return {};
    }
    const std::string_view raw = v.string();
    if (raw.size() > limits_.max_string_bytes) {
      string_limit_warning(at, raw.size());
      std::size_t cut = limits_.max_string_bytes;
      while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
      return clean_text(raw.substr(0, cut));
    }
    return clean_text(raw);
  }

  // A URL resolved against `base_` and vetted; "" (with a warning) if refused.
  str url(const json_value& obj, const where* parent, const char* key) {
    const str raw = text(obj, parent, key);
    if (raw.empty()) return {};
    url_result r = resolve_url(raw, base_);
    if (!r.ok) {
      const where at{parent, key};
      warn("url.refused", &at, std::move(r.problem));
      return {};
    }
    return std::move(r.url);
  }

  // A whole number in [min, max]; nullopt (with a warning unless absent) otherwise.
  std::optional<long long> integer(const json_value& obj, const where* parent, const char* key,
                                   long long min, long long max) {
    const json_value v = member(obj, key);
    if (!v.found()) return std::nullopt;
    const where at{parent, key};
    if (!v.is_number()) {
      type_warning(&at, "a number", v);
      return std::nullopt;
    }
    std::int64_t n = 0;
    if (!v.whole_number(n) || n < min || n > max) {
      range_warning(&at, min, max);
      return std::nullopt;
    }
    return n;
  }

  // The object member `key`; found() false (with a warning if present but not an object).
  json_value object(const json_value& obj, const where* parent, const char* key) {
    const json_value v = member(obj, key);
    if (!v.found() || v.is_object()) return v;
    const where at{parent, key};
    type_warning(&at, "an object", v);
    return json_value();
  }

  // The array member `key` (the caller reads at most `max` items); found() false otherwise.
  json_value array(const json_value& obj, const where* parent, const char* key, std::size_t max) {
    const json_value v = member(obj, key);
    if (!v.found()) return v;
    const where at{parent, key};
    if (!v.is_array()) {
      type_warning(&at, "an array", v);
      return json_value();
    }
    if (v.size() > max) items_limit_warning(&at, v.size(), max);
    return v;
  }

  std::optional<instant> timestamp(const json_value& obj, const where* parent, const char* key) {
    const str raw = text(obj, parent, key);
    if (raw.empty()) return std::nullopt;
    const std::optional<instant> t = parse_iso8601(raw);
    if (!t) {
      const where at{parent, key};
      warn("time.format", &at,
           "expected an ISO 8601 date-time with an offset, like \"2024-10-28T16:40:00+01:00\"");
    }
    return t;
  }

  // Reads the image `key` into `out`, which stays empty when there is none or it has no URL.
  void read_image(const json_value& obj, const where* parent, const char* key,
                  std::optional<image>& out) {
    const json_value v = object(obj, parent, key);
    if (!v.found()) return;
    const where at{parent, key};
    str image_url = url(v, &at, "url");
    if (image_url.empty()) {
      if (!member(v, "url").found()) {
        const where url_at{&at, "url"};
        warn("field.missing", &url_at, "image without a url: left out");
      }
      return;
    }
    image& img = out.emplace();
    img.url = std::move(image_url);
    img.alt = text(v, &at, "alt");
    img.caption = text(v, &at, "caption");
    img.credit = text(v, &at, "credit");
    const auto w = integer(v, &at, "width", 1, 100000);
    const auto h = integer(v, &at, "height", 1, 100000);
    if (w && h) {
      img.width_px = static_cast<int>(*w);
      img.height_px = static_cast<int>(*h);
    } else if (w || h) {
      warn("image.size", &at, "width and height must be given together: size ignored");
    }
    const json_value list = array(v, &at, "renditions", limits_.max_renditions);
    const where list_at{&at, "renditions"};
    std::size_t i = 0;
    for (json_value item = list.first(); item.found() && i < limits_.max_renditions;
         item = item.next(), ++i) {
      const where item_at{&list_at, nullptr, i};
      if (!item.is_object()) {
        type_warning(&item_at, "an object", item);
        continue;
      }
      image_rendition r;
      r.url = url(item, &item_at, "url");
      const auto rw = integer(item, &item_at, "width", 1, 100000);
      if (r.url.empty() || !rw) {
        warn("field.missing", &item_at, "rendition needs a url and a width: left out");
        continue;
      }
      r.width_px = static_cast<int>(*rw);
      img.renditions.push_back(std::move(r));
    }
    sort_renditions(img.renditions);
  }

  // Sorts renditions by width. Insertion sort: stable, and a few items at most
  // (std::stable_sort would add kilobytes of merge code to the wasm for them).
  static void sort_renditions(std::vector<image_rendition>& renditions) {
    for (std::size_t k = 1; k < renditions.size(); ++k) {
      for (std::size_t j = k; j > 0 && renditions[j].width_px < renditions[j - 1].width_px; --j) {
        std::swap(renditions[j], renditions[j - 1]);
      }
    }
  }

  // Appends the strings of an array member to `out`, cleaned; empty ones and non-strings skipped.
  void strings(const json_value& obj, const where* parent, const char* key, std::size_t max,
               std::vector<str>& out) {
    const json_value list = array(obj, parent, key, max);
    const where list_at{parent, key};
    std::size_t i = 0;
    for (json_value item = list.first(); item.found() && i < max; item = item.next(), ++i) {
      const where item_at{&list_at, nullptr, i};
      str s = text_value(item, &item_at);
      if (!s.empty()) out.push_back(std::move(s));
    }
  }

  void set_base(str base) { base_ = std::move(base); }
  const str& base() const { return base_; }

  NW_COLD void warn(const char* id, const where* at, str message) {
    diags_.warn(id, pointer(at), std::move(message));
  }

  NW_COLD void fail(const char* id, const where* at, str message) {
    diags_.fail(id, pointer(at), std::move(message));
  }

  NW_COLD void type_warning(const where* at, const char* expected, const json_value& got) {
    warn("field.type", at, expected_got(expected, got));
  }

  const feed_limits& limits() const { return limits_; }

 private:
  NW_COLD void range_warning(const where* at, long long min, long long max) {
    warn("field.range", at,
         concat({"expected a whole number from ", decimal(min), " to ", decimal(max)}));
  }

  NW_COLD void string_limit_warning(const where* at, std::size_t size) {
    warn("limit.string", at,
         concat({"string of ", decimal(size), " bytes shortened to the limit of ",
                 decimal(limits_.max_string_bytes)}));
  }

  NW_COLD void items_limit_warning(const where* at, std::size_t size, std::size_t max) {
    warn("limit.items", at,
         concat({decimal(size), " items; only the first ", decimal(max), " are used"}));
  }

  diagnostics& diags_;
  const feed_limits& limits_;
  str base_;
};

}  // namespace news_widget::detail
