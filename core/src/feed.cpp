#include "news_widget/feed.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "news_widget/text.hpp"
#include "news_widget/url.hpp"

namespace news_widget {

int reading_minutes_for(int words) {
  if (words <= 0) return 1;
  return (words + words_per_minute - 1) / words_per_minute;
}

namespace {

using json = nlohmann::json;

std::string_view type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of the \uXXXX escape whose 'u' is at text[i], or -1.
int unicode_escape_at(std::string_view text, std::size_t i) {
  if (i + 4 >= text.size() || text[i] != 'u') return -1;
  int v = 0;
  for (std::size_t k = 1; k <= 4; ++k) {
    const int d = hex_digit(text[i + k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// Checks what nlohmann would otherwise meet unprepared: raw control bytes
// (nlohmann stops quietly at a NUL after a number) and nesting deeper than the
// limit (recursion in parse, copy and destruction could exhaust the stack).
// Also finds \u escapes of lone surrogates, which nlohmann refuses: their
// offsets (of the backslash) go to `lone_surrogates`, to become U+FFFD.
// Returns false with a diagnostic.
bool prescan(std::string_view text, const feed_limits& limits, diagnostics& diags,
             std::vector<std::size_t>& lone_surrogates) {
  int depth = 0;
  bool in_string = false;
  std::size_t pending_high = std::string_view::npos;  // a high surrogate awaiting its low half
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      diags.fail("json.syntax", "",
                 "not valid JSON: control character 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
                     std::string(1, "0123456789abcdef"[c & 0xF]) + " at byte " + std::to_string(i));
      return false;
    }
    if (in_string) {
      int cp = -1;
      if (c == '\\' && i + 1 < text.size()) cp = unicode_escape_at(text, i + 1);
      const bool low = cp >= 0xDC00 && cp <= 0xDFFF;
      if (pending_high != std::string_view::npos && !low) {
        lone_surrogates.push_back(pending_high);
        pending_high = std::string_view::npos;
      }
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        pending_high = i;
      } else if (low) {
        if (pending_high == std::string_view::npos) lone_surrogates.push_back(i);
        pending_high = std::string_view::npos;
      }
      if (c == '\\') {
        i += cp >= 0 ? 5 : 1;  // skip the escape
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limits.max_depth) {
        diags.fail("limit.depth", "",
                   "nested deeper than " + std::to_string(limits.max_depth) + " levels (at byte " +
                       std::to_string(i) + ")");
        return false;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

// `text` with the 6-byte escapes at `offsets` (ascending) replaced by \uFFFD.
std::string replace_escapes(std::string_view text, const std::vector<std::size_t>& offsets) {
  std::string out(text);
  for (std::size_t offset : offsets) out.replace(offset, 6, "\\uFFFD");
  return out;
}

// Captures the first syntax error of a failed parse, with its byte position.
struct syntax_error_probe : nlohmann::json_sax<json> {
  std::size_t position = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception&) override {
    position = pos;
    return false;
  }
};

// Reads the fields of one feed, type-checking each before use.
class feed_reader {
 public:
  feed_reader(diagnostics& diags, const feed_limits& limits) : diags_(diags), limits_(limits) {}

  // The member `key` of `obj` if present and not null; else nullptr.
  static const json* member(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
  }

  // A cleaned string; "" (with a warning unless absent) when missing or not a string.
  std::string text(const json& obj, const char* key, const std::string& parent) {
    const json* v = member(obj, key);
    if (!v) return {};
    return text_value(*v, parent + "/" + key);
  }

  std::string text_value(const json& v, const std::string& path) {
    if (!v.is_string()) {
      type_warning(path, "a string", v);
      return {};
    }
    const std::string& raw = v.get_ref<const std::string&>();
    if (raw.size() > limits_.max_string_bytes) {
      diags_.warn("limit.string", path,
                  "string of " + std::to_string(raw.size()) + " bytes shortened to the limit of " +
                      std::to_string(limits_.max_string_bytes));
      std::size_t cut = limits_.max_string_bytes;
      while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
      return clean_text(std::string_view(raw).substr(0, cut));
    }
    return clean_text(raw);
  }

  // A URL resolved against `base_` and vetted; "" (with a warning) if refused.
  std::string url(const json& obj, const char* key, const std::string& parent) {
    const std::string raw = text(obj, key, parent);
    if (raw.empty()) return {};
    return url_value(raw, parent + "/" + key);
  }

  std::string url_value(const std::string& raw, const std::string& path) {
    url_result r = resolve_url(raw, base_);
    if (!r.ok) {
      diags_.warn("url.refused", path, r.problem);
      return {};
    }
    return std::move(r.url);
  }

  // A whole number in [min, max]; nullopt (with a warning unless absent) otherwise.
  std::optional<long long> integer(const json& obj, const char* key, const std::string& parent,
                                   long long min, long long max) {
    const json* v = member(obj, key);
    if (!v) return std::nullopt;
    const std::string path = parent + "/" + key;
    long long n = 0;
    if (v->is_number_unsigned()) {
      const auto u = v->get_ref<const json::number_unsigned_t&>();
      n = u > static_cast<json::number_unsigned_t>(max) ? max + 1 : static_cast<long long>(u);
    } else if (v->is_number_integer()) {
      n = v->get_ref<const json::number_integer_t&>();
    } else if (v->is_number_float()) {
      const double d = v->get_ref<const json::number_float_t&>();
      if (!(d == std::floor(d)) || d < static_cast<double>(min) || d > static_cast<double>(max)) {
        diags_.warn("field.range", path,
                    "expected a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max));
        return std::nullopt;
      }
      n = static_cast<long long>(d);
    } else {
      type_warning(path, "a number", *v);
      return std::nullopt;
    }
    if (n < min || n > max) {
      diags_.warn("field.range", path,
                  "expected a whole number from " + std::to_string(min) + " to " +
                      std::to_string(max));
      return std::nullopt;
    }
    return n;
  }

  // The object member `key`, or nullptr (with a warning if present but not an object).
  const json* object(const json& obj, const char* key, const std::string& parent) {
    const json* v = member(obj, key);
    if (!v) return nullptr;
    if (!v->is_object()) {
      type_warning(parent + "/" + key, "an object", *v);
      return nullptr;
    }
    return v;
  }

  // The array member `key` (at most `max` items are read), or nullptr.
  const json* array(const json& obj, const char* key, const std::string& parent, std::size_t max) {
    const json* v = member(obj, key);
    if (!v) return nullptr;
    const std::string path = parent + "/" + key;
    if (!v->is_array()) {
      type_warning(path, "an array", *v);
      return nullptr;
    }
    if (v->size() > max) {
      diags_.warn("limit.items", path,
                  std::to_string(v->size()) + " items; only the first " + std::to_string(max) +
                      " are used");
    }
    return v;
  }

  std::optional<instant> timestamp(const json& obj, const char* key, const std::string& parent) {
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

  std::optional<image> read_image(const json& obj, const char* key, const std::string& parent) {
    const json* v = object(obj, key, parent);
    if (!v) return std::nullopt;
    const std::string path = parent + "/" + key;
    image img;
    img.url = url(*v, "url", path);
    if (img.url.empty()) {
      if (!member(*v, "url")) diags_.warn("field.missing", path + "/url", "image without a url: left out");
      return std::nullopt;
    }
    img.alt = text(*v, "alt", path);
    img.caption = text(*v, "caption", path);
    img.credit = text(*v, "credit", path);
    const auto w = integer(*v, "width", path, 1, 100000);
    const auto h = integer(*v, "height", path, 1, 100000);
    if (w && h) {
      img.width_px = static_cast<int>(*w);
      img.height_px = static_cast<int>(*h);
    } else if (w || h) {
      diags_.warn("image.size", path, "width and height must be given together: size ignored");
    }
    if (const json* list = array(*v, "renditions", path, limits_.max_renditions)) {
      for (std::size_t i = 0; i < list->size() && i < limits_.max_renditions; ++i) {
        const std::string item_path = path + "/renditions/" + std::to_string(i);
        const json& item = (*list)[i];
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
      std::stable_sort(img.renditions.begin(), img.renditions.end(),
                       [](const image_rendition& a, const image_rendition& b) {
                         return a.width_px < b.width_px;
                       });
    }
    return img;
  }

  // Strings of an array member, cleaned; empty ones and non-strings skipped.
  std::vector<std::string> strings(const json& obj, const char* key, const std::string& parent,
                                   std::size_t max) {
    std::vector<std::string> out;
    const json* list = array(obj, key, parent, max);
    if (!list) return out;
    for (std::size_t i = 0; i < list->size() && i < max; ++i) {
      std::string s = text_value((*list)[i], parent + "/" + key + "/" + std::to_string(i));
      if (!s.empty()) out.push_back(std::move(s));
    }
    return out;
  }

  void set_base(std::string base) { base_ = std::move(base); }

  void type_warning(const std::string& path, std::string_view expected, const json& got) {
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

void read_site(feed_reader& r, const json& root, site_info& site) {
  const json* s = r.object(root, "site", "");
  if (!s) return;
  site.name = r.text(*s, "name", "/site");
  site.url = r.url(*s, "url", "/site");
  site.locale = r.text(*s, "locale", "/site");
  site.time_zone = r.text(*s, "time_zone", "/site");
}

bool read_article(feed_reader& r, const json& root, std::string_view base_url, article& a) {
  const json* obj = feed_reader::member(root, "article");
  if (!obj || !obj->is_object()) {
    if (obj) {
      r.diags().fail("article.type", "/article",
                     "expected an object, got " + std::string(type_name(*obj)));
    } else {
      r.diags().fail("article.missing", "/article", "the feed has no article");
    }
    return false;
  }
  const std::string p = "/article";
  const json* title = feed_reader::member(*obj, "title");
  if (title && title->is_string()) a.title = r.text_value(*title, p + "/title");
  if (a.title.empty()) {
    r.diags().fail("article.title", p + "/title",
                   !title ? "the article has no title"
                   : title->is_string() ? "the article's title is empty"
                                        : "expected a string, got " + std::string(type_name(*title)));
    return false;
  }
  a.url = r.url(*obj, "url", p);
  // The article URL is the base for relative URLs when the feed's location is unknown.
  if (base_url.empty()) r.set_base(a.url);
  a.id = r.text(*obj, "id", p);
  a.section = r.text(*obj, "section", p);
  a.lead = r.text(*obj, "lead", p);
  a.published = r.timestamp(*obj, "published", p);
  a.updated = r.timestamp(*obj, "updated", p);
  a.photo = r.read_image(*obj, "image", p);
  a.body = r.strings(*obj, "body", p, r.limits().max_paragraphs);
  a.tags = r.strings(*obj, "tags", p, r.limits().max_tags);
  a.byline = r.text(*obj, "byline", p);
  a.note = r.text(*obj, "note", p);
  if (const auto words = r.integer(*obj, "word_count", p, 0, 10000000)) {
    a.word_count = static_cast<int>(*words);
  } else {
    for (const std::string& para : a.body) a.word_count += count_words(para);
  }
  a.reading_minutes = reading_minutes_for(a.word_count);
  return true;
}

void read_related(feed_reader& r, const json& root, std::vector<related_story>& out) {
  const std::size_t max = r.limits().max_related;
  const json* list = r.array(root, "related", "", max);
  if (!list) return;
  for (std::size_t i = 0; i < list->size() && i < max; ++i) {
    const std::string p = "/related/" + std::to_string(i);
    const json& item = (*list)[i];
    if (!item.is_object()) {
      r.type_warning(p, "an object", item);
      continue;
    }
    related_story s;
    const json* title = feed_reader::member(item, "title");
    if (title && !title->is_string()) {
      r.type_warning(p + "/title", "a string", *title);
      continue;
    }
    if (title) s.title = r.text_value(*title, p + "/title");
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
  std::vector<std::size_t> lone_surrogates;
  if (!prescan(json_text, limits, diags, lone_surrogates)) return std::nullopt;
  std::string patched;
  if (!lone_surrogates.empty()) {
    patched = replace_escapes(json_text, lone_surrogates);
    json_text = patched;
  }
  const json root = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (root.is_discarded()) {
    syntax_error_probe probe;
    json::sax_parse(json_text.begin(), json_text.end(), &probe);
    // nlohmann counts the characters read, including the offending one.
    const std::size_t offset = std::min(probe.position > 0 ? probe.position - 1 : 0, json_text.size());
    diags.fail("json.syntax", "",
               offset >= json_text.size()
                   ? "not valid JSON: unexpected end of input at byte " + std::to_string(offset)
                   : "not valid JSON: syntax error at byte " + std::to_string(offset));
    return std::nullopt;
  }
  if (!root.is_object()) {
    diags.fail("feed.type", "", "expected an object, got " + std::string(type_name(root)));
    return std::nullopt;
  }
  feed f;
  feed_reader reader(diags, limits);
  if (feed_reader::member(root, "version")) {
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
