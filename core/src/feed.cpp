#include "news_widget/feed.hpp"

#include <algorithm>
#include "news_widget/str.hpp"

#include "feed_formats.hpp"
#include "feed_reader.hpp"

namespace news_widget {

int reading_minutes_for(int words) {
  if (words <= 0) return 1;
  return (words + words_per_minute - 1) / words_per_minute;
}

const char* format_name(feed_format format) {
  switch (format) {
    case feed_format::json_feed:
      return "json-feed";
    case feed_format::json_ld:
      return "json-ld";
    case feed_format::wordpress:
      return "wordpress";
    case feed_format::news_widget:
      break;
  }
  return "news-widget";
}

namespace {

using namespace detail;

void read_site(feed_reader& r, const json_value& root, site_info& site) {
  const json_value s = r.object(root, nullptr, "site");
  if (!s.found()) return;
  const where at{nullptr, "site"};
  site.name = r.text(s, &at, "name");
  site.url = r.url(s, &at, "url");
  site.locale = r.text(s, &at, "locale");
  site.time_zone = r.text(s, &at, "time_zone");
}

bool read_article(feed_reader& r, const json_value& root, std::string_view base_url, article& a) {
  const where at{nullptr, "article"};
  const json_value obj = member(root, "article");
  if (!obj.is_object()) {
    if (obj.found()) {
      r.fail("article.type", &at, expected_got("an object", obj));
    } else {
      r.fail("article.missing", &at, "the feed has no article");
    }
    return false;
  }
  const json_value title = member(obj, "title");
  const where title_at{&at, "title"};
  if (title.is_string()) a.title = r.text_value(title, &title_at);
  if (a.title.empty()) {
    r.fail("article.title", &title_at,
           !title.found()      ? "the article has no title"
           : title.is_string() ? "the article's title is empty"
                               : expected_got("a string", title));
    return false;
  }
  a.url = r.url(obj, &at, "url");
  // The article URL is the base for relative URLs when the feed's location is unknown.
  if (base_url.empty()) r.set_base(a.url);
  a.id = r.text(obj, &at, "id");
  a.section = r.text(obj, &at, "section");
  a.lead = r.text(obj, &at, "lead");
  a.published = r.timestamp(obj, &at, "published");
  a.updated = r.timestamp(obj, &at, "updated");
  r.read_image(obj, &at, "image", a.photo);
  r.strings(obj, &at, "body", r.limits().max_paragraphs, a.body);
  r.strings(obj, &at, "tags", r.limits().max_tags, a.tags);
  a.byline = r.text(obj, &at, "byline");
  a.note = r.text(obj, &at, "note");
  if (const auto words = r.integer(obj, &at, "word_count", 0, 10000000)) {
    a.word_count = static_cast<int>(*words);
  } else {
    for (const str& para : a.body) a.word_count += count_words(para);
  }
  a.reading_minutes = reading_minutes_for(a.word_count);
  return true;
}

void read_related(feed_reader& r, const json_value& root, std::vector<related_story>& out) {
  const std::size_t max = r.limits().max_related;
  const json_value list = r.array(root, nullptr, "related", max);
  const where list_at{nullptr, "related"};
  std::size_t i = 0;
  for (json_value item = list.first(); item.found() && i < max; item = item.next(), ++i) {
    const where at{&list_at, nullptr, i};
    if (!item.is_object()) {
      r.type_warning(&at, "an object", item);
      continue;
    }
    related_story s;
    const json_value title = member(item, "title");
    const where title_at{&at, "title"};
    if (title.found() && !title.is_string()) {
      r.type_warning(&title_at, "a string", title);
      continue;
    }
    if (title.found()) s.title = r.text_value(title, &title_at);
    if (s.title.empty()) {
      r.warn("related.title", &title_at, "related story without a title: left out");
      continue;
    }
    s.url = r.url(item, &at, "url");
    s.section = r.text(item, &at, "section");
    if (const auto minutes = r.integer(item, &at, "minutes", 1, 1000)) {
      s.reading_minutes = static_cast<int>(*minutes);
    } else if (const auto words = r.integer(item, &at, "word_count", 0, 10000000)) {
      s.reading_minutes = reading_minutes_for(static_cast<int>(*words));
    }
    r.read_image(item, &at, "image", s.thumbnail);
    out.push_back(std::move(s));
  }
}

NW_COLD std::optional<feed> refuse(diagnostics& diags, const char* id, const char* path,
                                   str message) {
  diags.fail(id, path, std::move(message));
  return std::nullopt;
}

}  // namespace

std::optional<feed> parse_feed(std::string_view json_text, std::string_view base_url,
                               diagnostics& diags, const feed_limits& limits) {
  feed_request request;
  request.base_url = base_url;
  return read_feed(json_text, request, diags, limits);
}

std::optional<feed> read_feed(std::string_view json_text, const feed_request& request,
                              diagnostics& diags, const feed_limits& limits) {
  if (json_text.size() > limits.max_input_bytes) {
    return refuse(diags, "limit.size", "",
                  concat({"feed of ", decimal(json_text.size()), " bytes is over the limit of ",
                          decimal(limits.max_input_bytes)}));
  }
  json::document doc;
  json::parse_error error;
  if (!doc.parse(json_text, limits.max_depth, error)) {
    if (error.too_deep) return refuse(diags, "limit.depth", "", std::move(error.message));
    return refuse(diags, "json.syntax", "", concat({"not valid JSON: ", error.message}));
  }
  const json_value root = doc.root();
  const json_value version = member(root, "version");
  // Our own format: an "article", or a version number (JSON Feed's and
  // oEmbed's versions are strings).
  const bool v1 = member(root, "article").found() || version.is_number();
  feed f;
  if (!v1) {
    if (!read_other_format(root, request, diags, limits, f)) return std::nullopt;
    return f;
  }
  feed_reader reader(diags, limits);
  if (version.found()) {
    const auto number = reader.integer(root, nullptr, "version", 0, 1000000);
    if (!number) {
      return refuse(diags, "feed.version", "/version", "expected the format version number 1");
    }
    if (*number != feed_format_version) {
      return refuse(diags, "feed.version", "/version",
                    concat({"format version ", decimal(*number),
                            " is not supported (this widget reads version 1)"}));
    }
  } else {
    diags.warn("field.missing", "/version", "no format version given: read as version 1");
  }
  reader.set_base(str(request.base_url));
  read_site(reader, root, f.site);
  if (!read_article(reader, root, request.base_url, f.story)) return std::nullopt;
  if (!request.card_only) read_related(reader, root, f.related);
  return f;
}

}  // namespace news_widget
