#include "news_widget/feed.hpp"

#include <algorithm>
#include <string>

#include "news_widget/json.hpp"
#include "news_widget/text.hpp"
#include "news_widget/url.hpp"

namespace news_widget {

int reading_minutes_for(int words) {
  if (words <= 0) return 1;
  return (words + words_per_minute - 1) / words_per_minute;
}

namespace {

using json_value = json::value;

std::string_view type_name(const json_value& v) {
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

// Reads the fields of one feed, type-checking each before use.
class feed_reader {
 public:
  feed_reader(diagnostics& diags, const feed_limits& limits) : diags_(diags), limits_(limits) {}

  // The member `key` of `obj`; found() is false when absent or null.
  static json_value member(const json_value& obj, const char* key) {
    const json_value v = obj.member(key);
    return v.is_null() ? json_value() : v;
  }

  // A cleaned string; "" (with a warning unless absent) when missing or not a string.
  std::string text(const json_value& obj, const char* key, const std::string& parent) {
    const json_value v = member(obj, key);
    if (!v.found()) return {};
    return text_value(v, parent + "/" + key);
  }

  std::string text_value(const json_value& v, const std::string& path) {
    if (!v.is_string()) {
      type_warning(path, "a string", v);
      return {};
    }
    const std::string_view raw = v.string();
    if (raw.size() > limits_.max_string_bytes) {
      diags_.warn("limit.string", path,
                  "string of " + std::to_string(raw.size()) + " bytes shortened to the limit of " +
                      std::to_string(limits_.max_string_bytes));
      std::size_t cut = limits_.max_string_bytes;
      while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
      return clean_text(raw.substr(0, cut));
    }
    return clean_text(raw);
  }

  // A URL resolved against `base_` and vetted; "" (with a warning) if refused.
  std::string url(const json_value& obj, const char* key, const std::string& parent) {
    const std::string raw = text(obj, key, parent);
    if (raw.empty()) return {};
    url_result r = resolve_url(raw, base_);
    if (!r.ok) {
      diags_.warn("url.refused", parent + "/" + key, r.problem);
      return {};
    }
    return std::move(r.url);
  }

  // A whole number in [min, max]; nullopt (with a warning unless absent) otherwise.
  std::optional<long long> integer(const json_value& obj, const char* key,
                                   const std::string& parent, long long min, long long max) {
    const json_value v = member(obj, key);
    if (!v.found()) return std::nullopt;
    const std::string path = parent + "/" + key;
    if (!v.is_number()) {
      type_warning(path, "a number", v);
      return std::nullopt;
    }
    std::int64_t n = 0;
    if (!v.whole_number(n) || n < min || n > max) {
      diags_.warn(
          "field.range", path,
          "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return n;
  }

  // The object member `key`; found() false (with a warning if present but not an object).
  json_value object(const json_value& obj, const char* key, const std::string& parent) {
    const json_value v = member(obj, key);
    if (!v.found()) return v;
    if (!v.is_object()) {
      type_warning(parent + "/" + key, "an object", v);
      return json_value();
    }
    return v;
  }

  // The array member `key` (the caller reads at most `max` items); found() false otherwise.
  json_value array(const json_value& obj, const char* key, const std::string& parent,
                   std::size_t max) {
    const json_value v = member(obj, key);
    if (!v.found()) return v;
    const std::string path = parent + "/" + key;
    if (!v.is_array()) {
      type_warning(path, "an array", v);
      return json_value();
    }
    if (v.size() > max) {
      diags_.warn(
          "limit.items", path,
          std::to_string(v.size()) + " items; only the first " + std::to_string(max) + " are used");
    }
    return v;
  }

  std::optional<instant> timestamp(const json_value& obj, const char* key,
                                   const std::string& parent) {
    const std::string raw = text(obj, key, parent);
    if (raw.empty()) return std::nullopt;
    const std::optional<instant> t = parse_iso8601(raw);
    if (!t) {
      diags_.warn("time.format", parent + "/" + key,
                  "expected an ISO 8601 date-time with an offset, like "
                  "\"2024-10-28T16:40:00+01:00\"");
    }
    return t;
  }

  std::optional<image> read_image(const json_value& obj, const char* key,
                                  const std::string& parent) {
    const json_value v = object(obj, key, parent);
    if (!v.found()) return std::nullopt;
    const std::string path = parent + "/" + key;
    image img;
    img.url = url(v, "url", path);
    if (img.url.empty()) {
      if (!member(v, "url").found()) {
        diags_.warn("field.missing", path + "/url", "image without a url: left out");
      }
      return std::nullopt;
    }
    img.alt = text(v, "alt", path);
    img.caption = text(v, "caption", path);
    img.credit = text(v, "credit", path);
    const auto w = integer(v, "width", path, 1, 100000);
    const auto h = integer(v, "height", path, 1, 100000);
    if (w && h) {
      img.width_px = static_cast<int>(*w);
      img.height_px = static_cast<int>(*h);
    } else if (w || h) {
      diags_.warn("image.size", path, "width and height must be given together: size ignored");
    }
    const json_value list = array(v, "renditions", path, limits_.max_renditions);
    std::size_t i = 0;
    for (json_value item = list.first(); item.found() && i < limits_.max_renditions;
         item = item.next(), ++i) {
      const std::string item_path = path + "/renditions/" + std::to_string(i);
      if (!item.is_object()) {
        type_warning(item_path, "an object", item);
        continue;
      }
      image_rendition r;
      r.url = url(item, "url", item_path);
      const auto rw = integer(item, "width", item_path, 1, 100000);
      if (r.url.empty() || !rw) {
        diags_.warn("field.missing", item_path, "rendition needs a url and a width: left out");
        continue;
      }
      r.width_px = static_cast<int>(*rw);
      img.renditions.push_back(std::move(r));
    }
    // Insertion sort: stable, and a few items at most (std::stable_sort would
    // add kilobytes of merge code to the wasm for them).
    for (std::size_t k = 1; k < img.renditions.size(); ++k) {
      for (std::size_t j = k; j > 0 && img.renditions[j].width_px < img.renditions[j - 1].width_px;
           --j) {
        std::swap(img.renditions[j], img.renditions[j - 1]);
      }
    }
    return img;
  }

  // Strings of an array member, cleaned; empty ones and non-strings skipped.
  std::vector<std::string> strings(const json_value& obj, const char* key,
                                   const std::string& parent, std::size_t max) {
    std::vector<std::string> out;
    const json_value list = array(obj, key, parent, max);
    std::size_t i = 0;
    for (json_value item = list.first(); item.found() && i < max; item = item.next(), ++i) {
      std::string s = text_value(item, parent + "/" + key + "/" + std::to_string(i));
      if (!s.empty()) out.push_back(std::move(s));
    }
    return out;
  }

  void set_base(std::string base) { base_ = std::move(base); }

  void type_warning(const std::string& path, std::string_view expected, const json_value& got) {
    diags_.warn("field.type", path,
                "expected " + std::string(expected) + ", got " + std::string(type_name(got)));
  }

  diagnostics& diags() { return diags_; }
  const feed_limits& limits() const { return limits_; }

 private:
  diagnostics& diags_;
  const feed_limits& limits_;
  std::string base_;
};

void read_site(feed_reader& r, const json_value& root, site_info& site) {
  const json_value s = r.object(root, "site", "");
  if (!s.found()) return;
  site.name = r.text(s, "name", "/site");
  site.url = r.url(s, "url", "/site");
  site.locale = r.text(s, "locale", "/site");
  site.time_zone = r.text(s, "time_zone", "/site");
}

bool read_article(feed_reader& r, const json_value& root, std::string_view base_url, article& a) {
  const json_value obj = feed_reader::member(root, "article");
  if (!obj.is_object()) {
    if (obj.found()) {
      r.diags().fail("article.type", "/article",
                     "expected an object, got " + std::string(type_name(obj)));
    } else {
      r.diags().fail("article.missing", "/article", "the feed has no article");
    }
    return false;
  }
  const std::string p = "/article";
  const json_value title = feed_reader::member(obj, "title");
  if (title.is_string()) a.title = r.text_value(title, p + "/title");
  if (a.title.empty()) {
    r.diags().fail("article.title", p + "/title",
                   !title.found()      ? "the article has no title"
                   : title.is_string() ? "the article's title is empty"
                                       : "expected a string, got " + std::string(type_name(title)));
    return false;
  }
  a.url = r.url(obj, "url", p);
  // The article URL is the base for relative URLs when the feed's location is unknown.
  if (base_url.empty()) r.set_base(a.url);
  a.id = r.text(obj, "id", p);
  a.section = r.text(obj, "section", p);
  a.lead = r.text(obj, "lead", p);
  a.published = r.timestamp(obj, "published", p);
  a.updated = r.timestamp(obj, "updated", p);
  a.photo = r.read_image(obj, "image", p);
  a.body = r.strings(obj, "body", p, r.limits().max_paragraphs);
  a.tags = r.strings(obj, "tags", p, r.limits().max_tags);
  a.byline = r.text(obj, "byline", p);
  a.note = r.text(obj, "note", p);
  if (const auto words = r.integer(obj, "word_count", p, 0, 10000000)) {
    a.word_count = static_cast<int>(*words);
  } else {
    for (const std::string& para : a.body) a.word_count += count_words(para);
  }
  a.reading_minutes = reading_minutes_for(a.word_count);
  return true;
}

void read_related(feed_reader& r, const json_value& root, std::vector<related_story>& out) {
  const std::size_t max = r.limits().max_related;
  const json_value list = r.array(root, "related", "", max);
  std::size_t i = 0;
  for (json_value item = list.first(); item.found() && i < max; item = item.next(), ++i) {
    const std::string p = "/related/" + std::to_string(i);
    if (!item.is_object()) {
      r.type_warning(p, "an object", item);
      continue;
    }
    related_story s;
    const json_value title = feed_reader::member(item, "title");
    if (title.found() && !title.is_string()) {
      r.type_warning(p + "/title", "a string", title);
      continue;
    }
    if (title.found()) s.title = r.text_value(title, p + "/title");
    if (s.title.empty()) {
      r.diags().warn("related.title", p + "/title", "related story without a title: left out");
      continue;
    }
    s.url = r.url(item, "url", p);
    s.section = r.text(item, "section", p);
    if (const auto minutes = r.integer(item, "minutes", p, 1, 1000)) {
      s.reading_minutes = static_cast<int>(*minutes);
    } else if (const auto words = r.integer(item, "word_count", p, 0, 10000000)) {
      s.reading_minutes = reading_minutes_for(static_cast<int>(*words));
    }
    s.thumbnail = r.read_image(item, "image", p);
    out.push_back(std::move(s));
  }
}

}  // namespace

std::optional<feed> parse_feed(std::string_view json_text, std::string_view base_url,
                               diagnostics& diags, const feed_limits& limits) {
  if (json_text.size() > limits.max_input_bytes) {
    diags.fail("limit.size", "",
               "feed of " + std::to_string(json_text.size()) + " bytes is over the limit of " +
                   std::to_string(limits.max_input_bytes));
    return std::nullopt;
  }
  json::document doc;
  json::parse_error error;
  if (!doc.parse(json_text, limits.max_depth, error)) {
    if (error.too_deep) {
      diags.fail("limit.depth", "", error.message);
    } else {
      diags.fail("json.syntax", "", "not valid JSON: " + error.message);
    }
    return std::nullopt;
  }
  const json_value root = doc.root();
  if (!root.is_object()) {
    diags.fail("feed.type", "", "expected an object, got " + std::string(type_name(root)));
    return std::nullopt;
  }
  feed f;
  feed_reader reader(diags, limits);
  if (feed_reader::member(root, "version").found()) {
    const auto version = reader.integer(root, "version", "", 0, 1000000);
    if (!version) {
      diags.fail("feed.version", "/version", "expected the format version number 1");
      return std::nullopt;
    }
    if (*version != feed_format_version) {
      diags.fail("feed.version", "/version",
                 "format version " + std::to_string(*version) +
                     " is not supported (this widget reads version 1)");
      return std::nullopt;
    }
  } else {
    diags.warn("field.missing", "/version", "no format version given: read as version 1");
  }
  reader.set_base(std::string(base_url));
  read_site(reader, root, f.site);
  if (!read_article(reader, root, base_url, f.story)) return std::nullopt;
  read_related(reader, root, f.related);
  return f;
}

}  // namespace news_widget
