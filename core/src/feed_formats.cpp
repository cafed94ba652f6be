// JSON Feed, schema.org JSON-LD and WordPress REST API documents mapped onto
// the article model. One file on purpose: the three readers are short and
// share every helper (dates, images, names, the finishing of an article), and
// the mapping of each field is easiest to review side by side.
#include "feed_formats.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "feed_reader.hpp"
#include "news_widget/html_text.hpp"

namespace news_widget {

namespace detail {
namespace {

// True when `version` is JSON Feed's version URL ("https://jsonfeed.org/version/1.1").
bool is_json_feed_version(const json_value& version) {
  return version.is_string() &&
         version.string().find("jsonfeed.org/version/") != std::string_view::npos;
}

// Headlines made from a summary or the text (micro-posts have no title).
constexpr std::size_t made_title_chars = 80;
// An image no larger than this either way is an icon, not a lead photo.
constexpr int icon_max_px = 256;
// Items read from an array of names or images.
constexpr std::size_t max_candidates = 16;

// The string value's text, references decoded; "" for anything else.
str plain_value(const json_value& v) {
  return v.is_string() ? decode_entities(v.string()) : str();
}

// A whole number, or a string of digits, from 1 to 100000; 0 otherwise.
int dimension(const json_value& v) {
  std::int64_t n = 0;
  if (v.is_string()) {
    for (char c : v.string()) {
      if (c < '0' || c > '9' || n > 100000) return 0;
      n = n * 10 + (c - '0');
    }
  } else if (!v.whole_number(n)) {
    return 0;
  }
  return n >= 1 && n <= 100000 ? static_cast<int>(n) : 0;
}

// "Fri, 31 May 2019 12:17:58 -0700" (RFC 2822 section 3.3, with the zone
// names GMT, UT, UTC and Z) as "2019-05-31T12:17:58-0700"; "" when it is not one.
str rfc2822_as_iso(std::string_view s) {
  const std::size_t comma = s.find(',');
  if (comma != std::string_view::npos) s.remove_prefix(comma + 1);
  std::string_view part[5];
  for (std::string_view& p : part) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    const std::size_t end = std::min(s.find(' '), s.size());
    p = s.substr(0, end);
    s.remove_prefix(end);
  }
  constexpr std::string_view months = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const std::size_t month = part[1].size() == 3 ? months.find(part[1]) : std::string_view::npos;
  if (month == std::string_view::npos || month % 3 || part[0].empty() || part[0].size() > 2 ||
      part[2].size() != 4 || !s.empty()) {
    return {};
  }
  const std::string_view zone = part[4];
  const bool utc = zone == "GMT" || zone == "UT" || zone == "UTC" || zone == "Z";
  return concat({part[2], month < 27 ? "-0" : "-", decimal(static_cast<long long>(month / 3 + 1)),
                 part[0].size() == 1 ? "-0" : "-", part[0], "T", part[3], utc ? "Z" : zone});
}

// Code points of Japanese kana and CJK ideographs, which are read by the
// character rather than by the word.
int cjk_characters(std::string_view text) {
  int n = 0;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    // U+3040..U+9FFF and U+F900..U+FAFF are the three-byte sequences E3 81 80 .. E9 BF BF, EF
    // A4..AB.
    if ((b >= 0xE3 && b <= 0xE9) || (b == 0xEF && static_cast<unsigned char>(text[i + 1]) >= 0xA4 &&
                                     static_cast<unsigned char>(text[i + 1]) <= 0xAB)) {
      ++n;
      i += 2;
    }
  }
  return n;
}

// The words a reader reads in `text`: words between spaces, plus, for
// Japanese and Chinese, 2 for every 5 characters (500 characters a minute
// against 200 words).
int reading_words(std::string_view text) {
  return count_words(text) + cjk_characters(text) * 2 / 5;
}

// The nodes of a JSON-LD document by @id, for resolving {"@id": ...} references.
class node_index {
 public:
  void add(const json_value& node) {
    const json_value id = node.member("@id");
    if (id.is_string() && node.size() > 1) nodes_.emplace_back(id.string(), node);
  }
  // The node `v` refers to when it is a bare reference; `v` itself otherwise.
  json_value resolve(const json_value& v) const {
    if (!v.is_object() || v.size() != 1) return v;
    const json_value id = v.member("@id");
    if (!id.is_string()) return v;
    for (const auto& [key, node] : nodes_) {
      if (key == id.string()) return node;
    }
    return v;
  }

 private:
  std::vector<std::pair<std::string_view, json_value>> nodes_;
};

// Reads the fields every format shares, through the v1 reader's checks.
class mapper {
 public:
  mapper(feed_reader& r, const node_index& nodes) : r_(r), nodes_(nodes) {}

  // An HTML field's markup; "" (with a warning unless absent or null) when not a string.
  std::string_view markup(const json_value& obj, const where* at, const char* key) {
    const json_value v = member(obj, key);
    if (v.is_string() || !v.found()) return v.string();
    const where w{at, key};
    r_.type_warning(&w, "a string", v);
    return {};
  }

  // A plain-text field, references decoded.
  str plain(const json_value& obj, const where* at, const char* key) {
    return decode_entities(r_.text(obj, at, key));
  }

  // A URL string value resolved and vetted; "" (with a warning) otherwise.
  str url_value(const json_value& v, const where* at) {
    if (!v.is_string()) {
      if (v.found()) r_.type_warning(at, "a string", v);
      return {};
    }
    const str raw = clean_text(v.string());
    if (raw.empty()) return {};
    url_result u = resolve_url(raw, r_.base());
    if (!u.ok) r_.warn("url.refused", at, std::move(u.problem));
    return std::move(u.url);
  }

  str url(const json_value& obj, const where* at, const char* key) {
    const where w{at, key};
    return url_value(member(obj, key), &w);
  }

  // A date in any of the forms feeds use; nullopt (with a warning) for nonsense.
  // `utc`: a date without an offset is UTC by definition (WordPress *_gmt).
  std::optional<instant> date(const json_value& obj, const where* at, const char* key,
                              bool utc = false, bool* date_only = nullptr) {
    const str s = r_.text(obj, at, key);
    const where w{at, key};
    if (s.empty()) {
      if (member(obj, key).is_string()) r_.warn("time.format", &w, "an empty date: left out");
      return std::nullopt;
    }
    std::optional<instant> t = parse_iso8601(s);
    bool no_offset = false;
    if (!t) {
      str iso = s;
      if (s.size() == 10) {
        iso += "T00:00:00Z";  // a date only: its day, at midnight UTC
        if (date_only) *date_only = true;
      } else if (s.size() > 4 && s[4] == '-') {
        iso += 'Z';
        no_offset = !utc;
      } else {
        iso = rfc2822_as_iso(s);
      }
      t = parse_iso8601(iso);
    }
    if (!t) {
      r_.warn("time.format", &w,
              "not a date: expected RFC 3339, ISO 8601 or RFC 2822, like "
              "\"2024-10-28T16:40:00+01:00\"; left out");
    } else if (no_offset) {
      r_.warn("time.offset", &w, "no UTC offset: read as UTC");
    }
    return t;
  }

  // Considers the image(s) in `v` (a URL, an ImageObject, an @id reference or
  // an array of these), keeping in `best` the largest with a URL.
  void image_candidates(const json_value& value, const where* at, std::optional<image>& best,
                        int depth = 0) {
    const json_value v = nodes_.resolve(value);
    if (v.is_array() && depth == 0) {
      std::size_t i = 0;
      for (json_value item = v.first(); item.found() && i < max_candidates;
           item = item.next(), ++i) {
        const where w{at, nullptr, i};
        image_candidates(item, &w, best, 1);
      }
      return;
    }
    image img;
    if (v.is_object()) {
      const json_value u = member(v, v.member("url").found() ? "url" : "contentUrl");
      const where w{at, v.member("url").found() ? "url" : "contentUrl"};
      img.url = url_value(u.is_array() ? u.first() : u, &w);
      img.width_px = dimension(v.member("width"));
      img.height_px = dimension(v.member("height"));
      if (!img.width_px || !img.height_px) img.width_px = img.height_px = 0;
      img.caption = plain(v, at, "caption");
    } else {
      img.url = url_value(v, at);
    }
    if (img.url.empty()) return;
    const long long area = static_cast<long long>(img.width_px) * img.height_px;
    if (!best || area > static_cast<long long>(best->width_px) * best->height_px) {
      best = std::move(img);
    }
  }

  // Leaves `img` empty when it is icon-sized or one of the site's `icons`.
  void drop_icon(std::optional<image>& img, const where* at, const std::vector<str>& icons = {}) {
    if (!img) return;
    const bool small =
        img->width_px > 0 && img->width_px <= icon_max_px && img->height_px <= icon_max_px;
    if (small || std::find(icons.begin(), icons.end(), img->url) != icons.end()) {
      r_.warn("image.icon", at, "an icon-sized image: not shown as a photo");
      img.reset();
    }
  }

  // The names in `v` (a string, a Person or Organization whose name may be an
  // array, or an array of these), joined with ", ".
  void names(const json_value& value, str& out, int depth = 0) {
    const json_value v = nodes_.resolve(value);
    if (v.is_object() && depth < 4) {
      // One person's name given as an array holds that person's names: the first is used.
      const json_value name = v.member("name");
      names(name.is_array() ? name.first() : name, out, depth + 1);
    } else if (v.is_array() && depth < 4) {
      std::size_t i = 0;
      for (json_value item = v.first(); item.found() && i < max_candidates;
           item = item.next(), ++i) {
        names(item, out, depth + 1);
      }
    } else {
      const str name = plain_value(v);
      if (name.empty() || out.find(name) != str::npos) return;
      if (!out.empty()) out += ", ";
      out += name;
    }
  }

  // Tags from an array of strings or a string of comma-separated ones.
  void tags(const json_value& v, std::vector<str>& out) {
    if (v.is_array()) {
      for (json_value item = v.first(); item.found(); item = item.next()) tags(item, out);
      return;
    }
    std::string_view list = v.string();
    while (!list.empty() && out.size() < r_.limits().max_tags) {
      const std::size_t comma = std::min(list.find(','), list.size());
      str tag = decode_entities(list.substr(0, comma));
      if (!tag.empty()) out.push_back(std::move(tag));
      list.remove_prefix(std::min(comma + 1, list.size()));
    }
  }

  // The first string of a string or an array of strings, references decoded.
  static str first_text(const json_value& v) { return plain_value(v.is_array() ? v.first() : v); }

  // Completes `a` once its fields are read: a title made from the lead or the
  // text when there is none, and the reading time. A modification date
  // without a time of day is dropped: it cannot be ordered against a
  // publication time. A lead that is the start of the text (publishers'
  // summaries and excerpts often are; `lead_at` is where it came from) is
  // left out: the text has it. False (with the error) when there is nothing
  // to call it by.
  bool finish(article& a, const where* at, const char* title_key, const where& lead_at,
              bool updated_date_only) {
    if (updated_date_only) a.updated.reset();
    if (a.title.empty()) {
      a.title = shorten_at_word(!a.lead.empty()   ? a.lead
                                : !a.body.empty() ? a.body.front()
                                                  : std::string_view(),
                                made_title_chars);
    }
    if (a.title.empty()) {
      const where w{at, title_key};
      r_.fail("article.title", &w, "the article has no title and no text to make one from");
      return false;
    }
    if (a.word_count == 0) {
      for (const str& p : a.body) a.word_count += reading_words(p);
      if (a.body.empty()) a.word_count = reading_words(a.lead);
    }
    a.reading_minutes = reading_minutes_for(a.word_count);
    if (lead_repeats_body(a.lead, a.body)) {
      a.lead.clear();
      r_.warn("article.repeated", &lead_at, "the lead is the start of the text: left out");
    }
    return true;
  }

  // Sets the base for relative URLs: where the feed came from, else `fallback`.
  void base(std::string_view from_request, const json_value& fallback) {
    if (!from_request.empty()) {
      r_.set_base(str(from_request));
    } else if (fallback.is_string()) {
      const url_result u = resolve_url(clean_text(fallback.string()), "");
      if (u.ok) r_.set_base(u.url);
    }
  }

  feed_reader& reader() { return r_; }

 private:
  feed_reader& r_;
  const node_index& nodes_;
};

// True when `id` names the item `v`: its id (string or number), its url or its link.
bool is_item(const json_value& v, std::string_view id, const char* url_key) {
  const json_value own = v.member("id");
  return (own.is_string() && own.string() == id) || (own.is_number() && own.number_text() == id) ||
         (v.member(url_key).is_string() && v.member(url_key).string() == id);
}

// Picks the card's item from `items` (those for which `usable` holds): the one
// `request.item` names, else the first. Returns its index, or -1 (with the error).
template <typename Usable>
long pick_item(const json_value& items, const feed_request& request, const char* url_key,
               diagnostics& diags, Usable usable) {
  long i = 0;
  for (json_value v = items.first(); v.found(); v = v.next(), ++i) {
    if (usable(v) && (request.item.empty() || is_item(v, request.item, url_key))) return i;
  }
  if (request.item.empty()) {
    diags.fail("feed.empty", "", "the feed has no item to show");
  } else {
    diags.fail("feed.item", "?item", concat({"no item has the id or URL \"", request.item, "\""}));
  }
  return -1;
}

// The related stories: `read` maps each usable item of `items` (at `items_at`)
// after the card's (`skip`, -1 = none) until the limit.
template <typename Usable, typename Read>
void related_items(const json_value& items, const where* items_at, long skip, std::size_t max,
                   std::vector<related_story>& out, Usable usable, Read read) {
  long i = 0;
  for (json_value v = items.first(); v.found() && out.size() < max; v = v.next(), ++i) {
    if (i <= skip || !usable(v)) continue;
    const where at{items_at, nullptr, static_cast<std::size_t>(i)};
    related_story s = read(v, &at);
    if (!s.title.empty()) out.push_back(std::move(s));
  }
}

json_value nth(const json_value& list, long n) {
  json_value v = list.first();
  for (long k = 0; k < n; ++k) v = v.next();
  return v;
}

// ---- JSON Feed (https://www.jsonfeed.org/version/1.1/) ----

bool read_json_feed(mapper& m, const json_value& root, const feed_request& request,
                    diagnostics& diags, feed& f) {
  f.format = feed_format::json_feed;
  feed_reader& r = m.reader();
  m.base(request.base_url,
         root.member(root.member("feed_url").is_string() ? "feed_url" : "home_page_url"));
  f.site.name = m.plain(root, nullptr, "title");
  f.site.url = m.url(root, nullptr, "home_page_url");
  f.site.locale = r.text(root, nullptr, "language");
  // The site's own icons, which some feeds give as an item's image.
  std::vector<str> icons{m.url(root, nullptr, "icon"), m.url(root, nullptr, "favicon")};
  const json_value items = r.array(root, nullptr, "items", 1u << 20);
  const where items_at{nullptr, "items"};
  const auto usable = [](const json_value& v) { return v.is_object(); };
  const auto thumbnail = [&](const json_value& it, const where* at) {
    std::optional<image> img;
    const char* key = member(it, "image").found() ? "image" : "banner_image";
    const where w{at, key};
    m.image_candidates(member(it, key), &w, img);
    m.drop_icon(img, &w, icons);
    return img;
  };
  const long card = request.list_only ? -1 : pick_item(items, request, "url", diags, usable);
  if (card < 0 && !request.list_only) return false;
  if (card >= 0) {
    const json_value it = nth(items, card);
    const where at{&items_at, nullptr, static_cast<std::size_t>(card)};
    article& a = f.story;
    a.id = it.member("id").is_number() ? str(it.member("id").number_text()) : r.text(it, &at, "id");
    a.url = m.url(it, &at, "url");
    a.external_url = m.url(it, &at, "external_url");
    a.title = m.plain(it, &at, "title");
    a.lead = html_text(m.markup(it, &at, "summary"));
    const std::string_view content = m.markup(it, &at, "content_html");
    html_paragraphs(content.empty() ? m.markup(it, &at, "content_text") : content, content.empty(),
                    a.body, r.limits().max_paragraphs);
    a.published = m.date(it, &at, "date_published", false, &a.published_date_only);
    bool updated_date_only = false;
    a.updated = m.date(it, &at, "date_modified", false, &updated_date_only);
    a.photo = thumbnail(it, &at);
    // JSON Feed 1.1's "authors" over 1.0's "author"; the item's over the feed's.
    for (const json_value& owner : {it, root}) {
      if (a.byline.empty()) m.names(owner.member("authors"), a.byline);
      if (a.byline.empty()) m.names(owner.member("author"), a.byline);
    }
    m.tags(it.member("tags"), a.tags);
    const str language = r.text(it, &at, "language");
    if (!language.empty()) f.site.locale = language;
    if (!m.finish(a, &at, "title", where{&at, "summary"}, updated_date_only)) return false;
  }
  if (!request.card_only) {
    related_items(items, &items_at, card, r.limits().max_related, f.related, usable,
                  [&](const json_value& it, const where* at) {
                    related_story s;
                    s.url = m.url(it, at, "url");
                    s.title = m.plain(it, at, "title");
                    if (s.title.empty()) {
                      s.title =
                          shorten_at_word(html_text(m.markup(it, at, "summary")), made_title_chars);
                    }
                    if (s.title.empty()) {
                      std::vector<str> text;
                      const std::string_view html = m.markup(it, at, "content_html");
                      html_paragraphs(html.empty() ? m.markup(it, at, "content_text") : html,
                                      html.empty(), text, 1);
                      if (!text.empty()) s.title = shorten_at_word(text.front(), made_title_chars);
                    }
                    s.thumbnail = thumbnail(it, at);
                    return s;
                  });
  }
  if (request.list_only && !f.related.empty()) f.story.title = f.related.front().title;
  return true;
}

// ---- schema.org Article JSON-LD (https://schema.org/Article) ----

// Article and its subtypes: NewsArticle, ReportageNewsArticle, BlogPosting,
// LiveBlogPosting, ScholarlyArticle, Report, ... (with or without a prefix).
bool is_article_type(const json_value& type) {
  if (type.is_array()) {
    for (json_value t = type.first(); t.found(); t = t.next()) {
      if (is_article_type(t)) return true;
    }
    return false;
  }
  const std::string_view t = type.string();
  const auto ends_with = [&](std::string_view s) {
    return t.size() >= s.size() && t.substr(t.size() - s.size()) == s;
  };
  return ends_with("Article") || ends_with("Posting") || ends_with("Report");
}

bool is_article(const json_value& v) {
  return v.is_object() && is_article_type(v.member("@type"));
}

// `nodes`: the document's nodes (at `nodes_at`), or with `single` the one node it is.
bool read_json_ld(feed_reader& r, const json_value& nodes, bool single, const where* nodes_at,
                  const feed_request& request, diagnostics& diags, feed& f) {
  node_index index;
  if (!single) {
    for (json_value n = nodes.first(); n.found(); n = n.next()) index.add(n);
  }
  mapper m(r, index);
  f.format = feed_format::json_ld;
  r.set_base(str(request.base_url));
  const long card = request.list_only ? -1
                    : single          ? 0
                                      : pick_item(nodes, request, "url", diags, is_article);
  if (card < 0 && !request.list_only) return false;
  // The article's page: url, else mainEntityOfPage (a URL, a WebPage or an array of them).
  const auto page = [&](const json_value& n, const where* at) {
    str url = m.url(n, at, "url");
    const json_value main = index.resolve(n.member("mainEntityOfPage"));
    const json_value first = main.is_array() ? index.resolve(main.first()) : main;
    const json_value page_url =
        first.is_object() ? member(first, first.member("url").found() ? "url" : "@id") : first;
    const where w{at, "mainEntityOfPage"};
    if (url.empty() && page_url.is_string()) url = m.url_value(page_url, &w);
    return url;
  };
  if (card >= 0) {
    const json_value n = single ? nodes : nth(nodes, card);
    const where at{nodes_at, nullptr, static_cast<std::size_t>(card)};
    const where* in = single ? nullptr : &at;
    article& a = f.story;
    a.url = page(n, in);
    if (request.base_url.empty()) r.set_base(a.url);
    a.id = r.text(n, in, "@id");
    a.title = m.plain(n, in, "headline");
    if (a.title.empty()) a.title = m.plain(n, in, "name");
    a.lead = html_text(m.markup(n, in, "description"));
    const std::string_view body = m.markup(n, in, "articleBody");
    html_paragraphs(body, body.find('<') == std::string_view::npos, a.body,
                    r.limits().max_paragraphs);
    a.published = m.date(n, in, "datePublished", false, &a.published_date_only);
    bool updated_date_only = false;
    a.updated = m.date(n, in, "dateModified", false, &updated_date_only);
    const where image_at{in, "image"};
    m.image_candidates(n.member("image"), &image_at, a.photo);
    const where thumb_at{in, "thumbnailUrl"};
    if (!a.photo) m.image_candidates(n.member("thumbnailUrl"), &thumb_at, a.photo);
    m.drop_icon(a.photo, &image_at);
    m.names(n.member("author"), a.byline);
    a.section = mapper::first_text(n.member("articleSection"));
    m.tags(n.member("keywords"), a.tags);
    if (const auto words = r.integer(n, in, "wordCount", 0, 10000000)) {
      a.word_count = static_cast<int>(*words);
    }
    const json_value publisher = index.resolve(n.member("publisher"));
    m.names(publisher.member("name"), f.site.name);
    const where publisher_at{in, "publisher"};
    if (publisher.is_object()) f.site.url = m.url(publisher, &publisher_at, "url");
    f.site.locale = mapper::first_text(n.member("inLanguage"));
    if (!m.finish(a, in, "headline", where{in, "description"}, updated_date_only)) return false;
  }
  const auto related = [&](const json_value& n, const where* at) {
    related_story s;
    s.url = page(n, at);
    s.title = m.plain(n, at, "headline");
    const where image_at{at, "image"};
    m.image_candidates(n.member("image"), &image_at, s.thumbnail);
    m.drop_icon(s.thumbnail, &image_at);
    return s;
  };
  if (!single && !request.card_only) {
    related_items(nodes, nodes_at, card, r.limits().max_related, f.related, is_article, related);
  } else if (request.list_only) {
    f.related.push_back(related(nodes, nullptr));
  }
  if (request.list_only && !f.related.empty()) f.story.title = f.related.front().title;
  return true;
}

// ---- WordPress REST API posts (https://developer.wordpress.org/rest-api/reference/posts/) ----

bool is_wordpress_post(const json_value& v) {
  return v.is_object() && v.member("title").member("rendered").is_string();
}

// "https://host/" of an absolute URL, or "".
str origin_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const std::size_t path = url.find('/', scheme + 3);
  return concat({url.substr(0, path), "/"});
}

// The featured image of a post read with ?_embed, its sizes as renditions.
std::optional<image> featured_media(mapper& m, const json_value& post, const where* at) {
  const where embedded_at{at, "_embedded"};
  const where media_at{&embedded_at, "wp:featuredmedia"};
  const where first_at{&media_at, nullptr, 0};
  const json_value media = post.member("_embedded").member("wp:featuredmedia").first();
  std::optional<image> img;
  if (!media.is_object()) return img;
  m.image_candidates(media.member("source_url"), &first_at, img);
  if (!img) return img;
  const json_value details = media.member("media_details");
  img->width_px = dimension(details.member("width"));
  img->height_px = img->width_px ? dimension(details.member("height")) : 0;
  if (!img->height_px) img->width_px = 0;
  img->alt = plain_value(media.member("alt_text"));
  img->caption = html_text(media.member("caption").member("rendered").string());
  const where sizes_at{&first_at, "media_details"};
  const std::size_t max = m.reader().limits().max_renditions;
  for (json_value size = details.member("sizes").first(); size.found(); size = size.next()) {
    image_rendition rendition;
    rendition.width_px = dimension(size.member("width"));
    // A size of another shape (WordPress's square "thumbnail" crop) is
    // another picture, not this one at another width, which is all a srcset
    // may offer: left out when both heights say so (each rounded to a pixel).
    const long long height = dimension(size.member("height"));
    long long off = height * img->width_px - 1LL * rendition.width_px * img->height_px;
    if (off < 0) off = -off;
    if (img->height_px && height && off > img->width_px) continue;
    rendition.url = m.url(size, &sizes_at, "source_url");
    if (rendition.url.empty() || !rendition.width_px || img->renditions.size() >= max) continue;
    img->renditions.push_back(std::move(rendition));
  }
  feed_reader::sort_renditions(img->renditions);
  m.drop_icon(img, &first_at);
  return img;
}

// `posts`: an array of posts, or with `single` the one post the document is.
bool read_wordpress(mapper& m, const json_value& posts, bool single, const feed_request& request,
                    diagnostics& diags, feed& f) {
  feed_reader& r = m.reader();
  f.format = feed_format::wordpress;
  const long card = request.list_only ? -1
                    : single          ? 0
                                      : pick_item(posts, request, "link", diags, is_wordpress_post);
  if (card < 0 && !request.list_only) return false;
  r.set_base(str(request.base_url));
  if (card >= 0) {
    const json_value p = single ? posts : nth(posts, card);
    const where at{nullptr, nullptr, static_cast<std::size_t>(card)};
    const where* in = single ? nullptr : &at;
    article& a = f.story;
    a.url = m.url(p, in, "link");
    if (request.base_url.empty()) r.set_base(a.url);
    a.id = str(p.member("id").number_text());
    const where title_at{in, "title"};
    a.title = html_text(m.markup(p.member("title"), &title_at, "rendered"));
    const where excerpt_at{in, "excerpt"};
    a.lead = html_text(without_more_link(m.markup(p.member("excerpt"), &excerpt_at, "rendered")));
    const where content_at{in, "content"};
    html_paragraphs(m.markup(p.member("content"), &content_at, "rendered"), false, a.body,
                    r.limits().max_paragraphs);
    // The *_gmt fields are UTC without saying so; the others are the site's wall clock.
    const bool gmt = member(p, "date_gmt").is_string();
    a.published = m.date(p, in, gmt ? "date_gmt" : "date", gmt);
    const bool modified_gmt = member(p, "modified_gmt").is_string();
    a.updated = m.date(p, in, modified_gmt ? "modified_gmt" : "modified", modified_gmt);
    a.photo = featured_media(m, p, in);
    const json_value embedded = p.member("_embedded");
    m.names(embedded.member("author"), a.byline);
    // wp:term: one array per taxonomy; the first category is the section.
    for (json_value list = embedded.member("wp:term").first(); list.found(); list = list.next()) {
      for (json_value term = list.first(); term.found(); term = term.next()) {
        const std::string_view taxonomy = term.member("taxonomy").string();
        str name = plain_value(term.member("name"));
        if (taxonomy == "category" && a.section.empty()) a.section = std::move(name);
        if (taxonomy == "post_tag" && !name.empty() && a.tags.size() < r.limits().max_tags) {
          a.tags.push_back(std::move(name));
        }
      }
    }
    if (!m.finish(a, in, "title", where{&excerpt_at, "rendered"}, false)) return false;
  }
  const auto related = [&](const json_value& p, const where* at) {
    related_story s;
    s.url = m.url(p, at, "link");
    s.title = html_text(p.member("title").member("rendered").string());
    s.thumbnail = featured_media(m, p, at);
    return s;
  };
  if (!single && !request.card_only) {
    related_items(posts, nullptr, card, r.limits().max_related, f.related, is_wordpress_post,
                  related);
  } else if (request.list_only) {
    f.related.push_back(related(posts, nullptr));
  }
  // The site is the host of the card's (or the first story's) link.
  f.site.url = origin_of(card >= 0 || f.related.empty() ? f.story.url : f.related.front().url);
  if (!f.site.url.empty()) {
    const std::size_t host = f.site.url.find("://") + 3;
    f.site.name = f.site.url.substr(host, f.site.url.size() - host - 1);
  }
  if (request.list_only && !f.related.empty()) f.story.title = f.related.front().title;
  return true;
}

// The publishers' formats this build reads: every one (news_widget::core), or
// the one NEWS_WIDGET_ONE_FORMAT names by its feed_format value (the modules
// for a widget whose format attribute names it; see core/CMakeLists.txt).
#ifndef NEWS_WIDGET_ONE_FORMAT
#define NEWS_WIDGET_ONE_FORMAT 0
#endif
constexpr bool reads(feed_format format) {
  return NEWS_WIDGET_ONE_FORMAT == 0 || NEWS_WIDGET_ONE_FORMAT == static_cast<int>(format);
}

// A document in a publisher's format this build leaves out: the loader then
// renders it with the module that reads every format.
NW_COLD bool other_format(diagnostics& diags) {
  constexpr feed_format one = static_cast<feed_format>(NEWS_WIDGET_ONE_FORMAT);
  diags.fail("feed.other_format", "",
             concat({"not news-widget JSON (version 1) or ",
                     one == feed_format::json_feed ? "a JSON Feed"
                     : one == feed_format::json_ld ? "schema.org Article JSON-LD"
                                                   : "a WordPress REST API post or list of posts",
                     ", the formats this build of the core reads"}));
  return false;
}

NW_COLD bool unknown_format(diagnostics& diags) {
  diags.fail("feed.format", "",
             "not a feed this widget reads: expected news-widget JSON (version 1), a JSON Feed "
             "(1.0 or 1.1), a WordPress REST API post or list of posts, or schema.org Article "
             "JSON-LD (an object, an array or an @graph)");
  return false;
}

}  // namespace

bool read_other_format(const json_value& root, const feed_request& request, diagnostics& diags,
                       const feed_limits& limits, feed& f) {
  feed_reader r(diags, limits);
  const node_index no_nodes;
  mapper m(r, no_nodes);
  if (root.is_object() && is_json_feed_version(root.member("version"))) {
    if (!reads(feed_format::json_feed)) return other_format(diags);
    return read_json_feed(m, root, request, diags, f);
  }
  const bool list = root.is_array();
  if (is_wordpress_post(list ? root.first() : root)) {
    if (!reads(feed_format::wordpress)) return other_format(diags);
    return read_wordpress(m, root, !list, request, diags, f);
  }
  if (is_article(root)) {
    if (!reads(feed_format::json_ld)) return other_format(diags);
    return read_json_ld(r, root, true, nullptr, request, diags, f);
  }
  const json_value graph = root.member("@graph");
  const json_value nodes = graph.is_array() ? graph : root;
  const where graph_at{nullptr, "@graph"};
  for (json_value n = nodes.is_array() ? nodes.first() : json_value(); n.found(); n = n.next()) {
    if (is_article(n)) {
      if (!reads(feed_format::json_ld)) return other_format(diags);
      return read_json_ld(r, nodes, false, graph.is_array() ? &graph_at : nullptr, request, diags,
                          f);
    }
  }
  return unknown_format(diags);
}

}  // namespace detail
}  // namespace news_widget
