#include "news_widget/render.hpp"

#include <algorithm>
#include <iterator>

#include "cold.hpp"
#include "news_widget/locale.hpp"
#include "news_widget/text.hpp"
#include "news_widget/url.hpp"

namespace news_widget {
namespace {

// A query string's key or value, decoded and cleaned as text from a feed is.
str decode_query_text(std::string_view s) {
  return clean_text(form_decode(s));
}

NW_COLD void option_warning(diagnostics& diags, const char* id, const str& key,
                            const char* message) {
  diags.warn(id, concat({"?", key}), message);
}

NW_COLD void unknown_locale_warning(diagnostics& diags, bool from_options, std::string_view wanted,
                                    std::string_view shown) {
  diags.warn("locale.unknown", from_options ? "?locale" : "/site/locale",
             concat({"no texts for locale \"", wanted, "\": shown in ", shown}));
}

// The notice a card that cannot be shown gives in its place, with a slot
// for the partner's own fallback content (the element's children).
NW_COLD str error_notice(const locale_info& loc) {
  str out = "<div class=\"nw-error\" part=\"error\" role=\"status\" lang=\"";
  out += loc.tag;
  out += "\" dir=\"";
  out += loc.direction;
  out += "\"><p class=\"nw-error-text\">";
  append_html_escaped(out, loc.unavailable);
  out += "</p><slot></slot></div>";
  return out;
}

NW_COLD void unknown_zone_warning(diagnostics& diags, const str& zone) {
  diags.warn("site.time_zone", "/site/time_zone",
             concat({"unknown time zone \"", zone,
                     "\": times shown with the offsets they were given in"}));
}

NW_COLD void format_mismatch_warning(diagnostics& diags, const char* found, const str& said) {
  diags.warn("option.format", "?format", concat({"the feed is ", found, ", not ", said}));
}

NW_COLD void related_feed_warning(diagnostics& diags, const str& problem,
                                  const char* id = "related.unusable") {
  diags.warn(id, "?related-src",
             concat({"the related feed cannot be shown (", problem, "): no \"More news\""}));
}

// Sets `out` to `s` read as a whole number of at most 6 digits when it is
// one from `min` to `max`; false (and `out` as it was) otherwise.
bool read_int_option(std::string_view s, int min, int max, int& out) {
  if (s.empty() || s.size() > 6) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < min || v > max) return false;
  out = v;
  return true;
}

// The card's markup as it is written: appends kept out of line, so each of
// the writer's many pieces of markup costs a call, not a copy of the append.
class html_buffer {
 public:
  // A literal's length is known where it is written: no strlen, no view.
  template <std::size_t N>
  html_buffer& operator+=(const char (&literal)[N]) {
    return append(literal, N - 1);
  }
  html_buffer& operator+=(std::string_view s) { return append(s.data(), s.size()); }
  [[gnu::noinline]] html_buffer& append(const char* s, std::size_t n) {
    out_.append(s, n);
    return *this;
  }
  [[gnu::noinline]] html_buffer& operator+=(char c) {
    out_.push_back(c);
    return *this;
  }
  [[gnu::noinline]] void escaped(std::string_view s) { append_html_escaped(out_, s); }
  // The model's strings: one call site each, no inlined str -> view conversion.
  [[gnu::noinline]] void escaped(const str& s) { append_html_escaped(out_, s); }
  void reserve(std::size_t n) { out_.reserve(n); }
  str take() { return std::move(out_); }

 private:
  str out_;
};

// Writes the card's markup. Every string from the feed goes through
// append_html_escaped; every URL was vetted by the feed reader.
class card_writer {
 public:
  // `lead` is the article's lead as the layout shortens it.
  card_writer(const feed& f, const render_options& opt, const layout& lay, const locale_info& loc,
              const std::optional<time_zone>& zone, const str& lead)
      : f_(f), opt_(opt), lay_(lay), loc_(loc), zone_(zone), lead_(lead) {}

  // How many related stories the card lists.
  int related_shown() const {
    const int limit = opt_.show == show_parts::card ? 0
                      : opt_.max_related >= 0       ? opt_.max_related
                                                    : lay_.max_related;
    return std::min<int>(limit, static_cast<int>(f_.related.size()));
  }

  str write() {
    const article& a = f_.story;
    out_.reserve(4096 + a.body.size() * 512);
    out_ += "<article class=\"nw-card nw-card--";
    out_ += name_of(lay_.variant);
    out_ += " nw-theme-";
    out_ += opt_.colour_theme == theme::dark        ? "dark"
            : opt_.colour_theme == theme::automatic ? "auto"
                                                    : "light";
    out_ += "\" part=\"card\" lang=\"";
    escaped(loc_.tag);
    // Explicit, so the host page's direction is never inherited into the card.
    out_ += "\" dir=\"";
    out_ += loc_.direction;
    out_ += "\" data-layout=\"";
    out_ += name_of(lay_.variant);
    if (list_only()) {
      // Only the list: it names the card, under the site's name when known.
      out_ += "\" aria-labelledby=\"nw-related-heading\">";
      write_related();
      out_ += "</article>";
      return out_.take();
    }
    out_ += "\" aria-labelledby=\"nw-title\"><div class=\"nw-story\">";
    write_header();
    write_figure();
    write_body();
    write_footer();
    out_ += "</div>";
    write_related();
    out_ += "</article>";
    return out_.take();
  }

 private:
  bool list_only() const { return opt_.show == show_parts::related; }

  void escaped(std::string_view s) { out_.escaped(s); }
  void escaped(const str& s) { out_.escaped(s); }

  [[gnu::noinline]] void attr(std::string_view name, std::string_view value) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    escaped(value);
    out_ += '"';
  }

  [[gnu::noinline]] void attr(std::string_view name, const str& value) {
    attr(name, std::string_view(value));
  }

  void attr(std::string_view name, int value) { attr(name, decimal(value)); }

  // One of the locale's texts with `value` where its {0} is, all escaped.
  void with_placeholder(std::string_view text, const str& value) {
    const placeholder_split parts = split_at_placeholder(text);
    escaped(parts.before);
    escaped(value);
    escaped(parts.after);
  }

  // <hN class="name" id="name">: the id is what aria-labelledby points at.
  void open_heading(int level, std::string_view name) {
    out_ += "<h";
    out_ += static_cast<char>('0' + level);
    attr("class", name);
    attr("id", name);
    out_ += '>';
  }

  void close_heading(int level) {
    out_ += "</h";
    out_ += static_cast<char>('0' + level);
    out_ += '>';
  }

  int sub_level() const { return std::min(opt_.heading_level + 1, 6); }

  civil_time local(const instant& t) const {
    return zone_ ? zone_->to_local(t) : civil_from_utc(t.utc_s, t.offset_min);
  }

  void write_time(std::string_view cls, std::string_view label, const instant& t, bool with_time) {
    const civil_time c = local(t);
    out_ += "<li";
    attr("class", cls);
    out_ += '>';
    escaped(label);
    out_ += " <time";
    attr("datetime", format_rfc3339(c));
    out_ += '>';
    escaped(with_time ? format_date_time(loc_, c) : format_date(loc_, c));
    out_ += "</time></li>";
  }

  void write_header() {
    const article& a = f_.story;
    out_ += "<header class=\"nw-header\">";
    if (!f_.site.name.empty() || !a.section.empty()) {
      out_ += "<p class=\"nw-kicker\">";
      if (!f_.site.name.empty()) {
        out_ += "<span class=\"nw-site\">";
        escaped(f_.site.name);
        out_ += "</span>";
      }
      if (!a.section.empty()) {
        out_ += "<span class=\"nw-section\">";
        escaped(a.section);
        out_ += "</span>";
      }
      out_ += "</p>";
    }
    open_heading(opt_.heading_level, "nw-title");
    out_ += "<span part=\"title\" dir=\"auto\">";
    if (!a.url.empty()) {
      out_ += "<a class=\"nw-title-link\"";
      attr("href", a.url);
      out_ += '>';
      escaped(a.title);
      out_ += "</a>";
    } else {
      escaped(a.title);
    }
    out_ += "</span>";
    close_heading(opt_.heading_level);
    if (!lead_.empty()) {
      out_ += "<p class=\"nw-lead\" part=\"lead\" dir=\"auto\">";
      escaped(lead_);
      out_ += "</p>";
    }
    out_ += "<ul class=\"nw-meta\" part=\"meta\">";
    // As on the publisher's page: the update with its time, the first publication by date.
    const bool show_updated =
        a.updated && (!a.published || a.updated->utc_s / 60 != a.published->utc_s / 60);
    if (show_updated) write_time("nw-updated", loc_.updated, *a.updated, true);
    if (a.published) {
      write_time("nw-published", loc_.published, *a.published,
                 !show_updated && !a.published_date_only);
    }
    out_ += "<li class=\"nw-readtime\">";
    escaped(format_reading_time(loc_, a.reading_minutes));
    out_ += "</li></ul></header>";
  }

  // `slot_px`: the width the image is shown at, or with `up_to_viewport` at
  // most (the article column, which a phone may make narrower).
  void write_srcset(const image& img, int slot_px, bool up_to_viewport) {
    if (img.renditions.empty()) return;
    out_ += " srcset=\"";
    bool first = true;
    for (const image_rendition& r : img.renditions) {
      if (!first) out_ += ", ";
      first = false;
      // A srcset parser drops a URL's trailing commas (HTML "parse a srcset
      // attribute", step 8): encode them so the URL survives intact.
      std::string_view url = r.url;
      std::size_t trailing = 0;
      while (trailing < url.size() && url[url.size() - 1 - trailing] == ',') ++trailing;
      escaped(url.substr(0, url.size() - trailing));
      for (std::size_t i = 0; i < trailing; ++i) out_ += "%2C";
      out_ += ' ';
      out_ += decimal(r.width_px);
      out_ += 'w';
    }
    const str px = decimal(slot_px);
    out_ += "\" sizes=\"";
    if (up_to_viewport) {
      // The column, or the viewport where that is narrower: a card rendered
      // ahead of time (the server's embed codes) for a wider column than a
      // phone gives it still gets the phone's rendition.
      out_ += "(max-width: ";
      out_ += px;
      out_ += "px) 100vw, ";
    }
    out_ += px;
    out_ += "px\"";
  }

  void write_figure() {
    if (!f_.story.photo) return;
    const image& img = *f_.story.photo;
    out_ += "<figure class=\"nw-figure\" part=\"figure\"><img class=\"nw-image\"";
    attr("src", img.url);
    write_srcset(img, lay_.main_column_px, true);
    attr("alt", img.alt);
    if (img.width_px > 0) {
      attr("width", img.width_px);
      attr("height", img.height_px);
    }
    // The lead image is above the fold: no lazy loading, but decode off the main thread.
    out_ += " decoding=\"async\">";
    if (!img.caption.empty() || !img.credit.empty()) {
      out_ += "<figcaption class=\"nw-caption\">";
      if (!img.caption.empty()) {
        out_ += "<span class=\"nw-caption-text\" dir=\"auto\">";
        escaped(img.caption);
        out_ += "</span>";
      }
      if (!img.credit.empty()) {
        out_ += "<span class=\"nw-credit\">";
        with_placeholder(loc_.photo, img.credit);
        out_ += "</span>";
      }
      out_ += "</figcaption>";
    }
    out_ += "</figure>";
  }

  void write_body() {
    if (f_.story.body.empty()) return;
    out_ += "<div class=\"nw-body\" part=\"body\">";
    for (const str& para : f_.story.body) {
      out_ += "<p dir=\"auto\">";
      escaped(para);
      out_ += "</p>";
    }
    out_ += "</div>";
  }

  void write_footer() {
    const article& a = f_.story;
    const bool source = !a.url.empty() && !f_.site.name.empty();
    if (a.tags.empty() && a.byline.empty() && a.note.empty() && !source) return;
    out_ += "<footer class=\"nw-footer\">";
    if (!a.tags.empty()) {
      out_ += "<section class=\"nw-tags\" aria-labelledby=\"nw-tags-heading\">";
      open_heading(sub_level(), "nw-tags-heading");
      escaped(loc_.tags);
      close_heading(sub_level());
      out_ += "<ul class=\"nw-tag-list\">";
      for (const str& tag : a.tags) {
        out_ += "<li class=\"nw-tag\" dir=\"auto\">";
        escaped(tag);
        out_ += "</li>";
      }
      out_ += "</ul></section>";
    }
    if (!a.byline.empty()) {
      const placeholder_split by = split_at_placeholder(loc_.by);
      out_ += "<p class=\"nw-byline\">";
      escaped(by.before);
      out_ += "<span class=\"nw-author\" dir=\"auto\">";
      escaped(a.byline);
      out_ += "</span>";
      escaped(by.after);
      out_ += "</p>";
    }
    if (!a.note.empty()) {
      out_ += "<p class=\"nw-note\" dir=\"auto\">";
      escaped(a.note);
      out_ += "</p>";
    }
    if (source) {
      out_ += "<p class=\"nw-source\"><a class=\"nw-source-link\"";
      attr("href", a.url);
      out_ += '>';
      with_placeholder(loc_.source, f_.site.name);
      out_ += "</a></p>";
    }
    out_ += "</footer>";
  }

  void write_related() {
    const int limit = related_shown();
    if (limit <= 0) return;
    out_ += "<nav class=\"nw-related\" part=\"related\" aria-labelledby=\"nw-related-heading\">";
    const bool own_heading = list_only() && !f_.site.name.empty();
    open_heading(list_only() ? opt_.heading_level : sub_level(), "nw-related-heading");
    escaped(own_heading ? std::string_view(f_.site.name) : loc_.more_news);
    close_heading(list_only() ? opt_.heading_level : sub_level());
    out_ += "<ol class=\"nw-related-list\">";
    for (int i = 0; i < limit; ++i) {
      const related_story& s = f_.related[static_cast<std::size_t>(i)];
      out_ += "<li class=\"nw-related-item\">";
      if (lay_.related_thumbnails && s.thumbnail) {
        // Decorative: the title next to it says the same, so alt is empty.
        out_ += "<img class=\"nw-related-thumb\"";
        attr("src", s.thumbnail->url);
        // Its smallest rendition that fills the box, not the full photo.
        write_srcset(*s.thumbnail, 96, false);
        out_ += " alt=\"\" width=\"96\" height=\"64\"";
        out_ += " loading=\"lazy\" decoding=\"async\">";
      }
      out_ += s.url.empty() ? "<span class=\"nw-related-title\" dir=\"auto\">"
                            : "<a class=\"nw-related-title\" dir=\"auto\"";
      if (!s.url.empty()) {
        attr("href", s.url);
        out_ += '>';
      }
      escaped(s.title);
      out_ += s.url.empty() ? "</span>" : "</a>";
      if (s.reading_minutes > 0) {
        out_ += "<span class=\"nw-readtime\">";
        escaped(format_reading_time(loc_, s.reading_minutes));
        out_ += "</span>";
      }
      out_ += "</li>";
    }
    out_ += "</ol></nav>";
  }

  const feed& f_;
  const render_options& opt_;
  const layout& lay_;
  const locale_info& loc_;
  const std::optional<time_zone>& zone_;
  const str& lead_;
  html_buffer out_;
};

// The card's height from the typographic scale of news-widget.css: line
// heights, font sizes and spacing per layout, and an average glyph width of
// half an em for the text fonts. An estimate, good to a few lines. Whole
// numbers throughout, lengths in tenths of a pixel: exact where a text just
// fills its lines, and less code in the wasm than floating point.
class height_estimate {
 public:
  height_estimate(const layout& lay, int width_px)
      : narrow_(lay.variant == layout_variant::narrow),
        wide_(lay.variant == layout_variant::wide),
        width_(width_px > 0 ? std::min(width_px, 100000) * 10LL : 6400),
        pad_(narrow_ ? 160 : 240),
        gap_(narrow_ ? 240 : 320),
        column_(std::max(1200LL, width_ - 2 * pad_ - (wide_ ? sidebar + gap_ : 0))) {}

  // The height of `text` set in `font` with lines `leading` percent of it, in `col`.
  static long long block(std::string_view text, long long font, long long leading, long long col) {
    // Glyphs half an em wide: a line holds col / (font / 2) of them, at least one.
    const long long glyphs = static_cast<long long>(count_code_points(text));
    const long long lines = 2 * col >= font ? (glyphs * font + 2 * col - 1) / (2 * col) : glyphs;
    return lines * font * leading / 100;
  }

  int of(const feed& f, const str& lead, int related_shown, bool list_only) const {
    const article& a = f.story;
    const long long body = narrow_ ? 160 : 170;
    const long long title = narrow_ ? 260 : std::min(400LL, std::max(260LL, width_ * 42 / 1000));
    long long main = 0;
    if (!f.site.name.empty() || !a.section.empty()) main += 300;
    main += block(a.title, title, 115, column_);
    if (!lead.empty()) {
      main += 140 + block(lead, body * (narrow_ ? 108 : 118) / 100, 150, column_);
    }
    main += 400;  // the meta line
    if (a.photo) {
      const long long image_w = narrow_ ? width_ : column_;
      main += 500 + (a.photo->width_px > 0 ? image_w * a.photo->height_px / a.photo->width_px
                                           : image_w * 9 / 16);
    }
    if (!a.body.empty()) {
      main += 220 - body;
      for (const str& p : a.body) main += block(p, body, 160, column_) + body;
    }
    main += 460 + (a.tags.empty() ? 0 : 420) + (a.byline.empty() ? 0 : 220) +
            (a.note.empty() ? 0 : 260) + (a.url.empty() || f.site.name.empty() ? 0 : 340);
    long long related = 0;
    if (related_shown > 0) {
      related = 340;
      for (int i = 0; i < related_shown; ++i) {
        related += 460 + block(f.related[static_cast<std::size_t>(i)].title, 150, 135,
                               wide_ ? sidebar : column_);
      }
    }
    if (list_only) main = 0;
    const long long content =
        wide_ ? std::max(main, related) : main + (related > 0 ? gap_ + related : 0);
    return static_cast<int>(std::min((content + 2 * pad_ + 5) / 10, 10000000LL));
  }

 private:
  static constexpr long long sidebar = 3200;
  const bool narrow_, wide_;
  const long long width_, pad_, gap_, column_;
};

// Replaces `f`'s related stories by the items of options.related_json, but
// the card's own article; a warning (and no list) when that feed is unusable.
void read_related_feed(const render_options& options, feed& f, diagnostics& diags) {
  diagnostics related_diags;
  feed_request request;
  request.base_url = options.related_base_url;
  request.list_only = true;
  std::optional<feed> related = read_feed(options.related_json, request, related_diags);
  if (!related) {
    const diagnostic& why = related_diags.items().back();
    // A build with our own format only names the case apart: the loader then
    // renders with the module that reads the related feed's format.
    related_feed_warning(
        diags, why.message,
        why.id == "feed.other_format" ? "related.other_format" : "related.unusable");
    return;
  }
  for (related_story& s : related->related) {
    if (s.url.empty() || s.url != f.story.url) f.related.push_back(std::move(s));
  }
}

// The render, adding to `diags` (which may already hold the options' diagnostics).
render_result render_with(std::string_view json_text, int width_px, const render_options& options,
                          diagnostics& diags) {
  render_result result;
  feed_request request;
  request.base_url = options.base_url;
  request.item = options.item;
  request.list_only = options.show == show_parts::related && options.related_json.empty();
  request.card_only = !options.related_json.empty() || !options.related_error.empty();
  std::optional<feed> f = read_feed(json_text, request, diags);
  const layout_variant variant =
      options.force_layout ? options.forced_layout : variant_for_width(width_px);
  result.variant = variant;
  if (f && !options.related_json.empty()) read_related_feed(options, *f, diags);
  if (f && !options.related_error.empty()) related_feed_warning(diags, options.related_error);
  // A list-only widget with nothing to list (no items, or max-related=0, as the
  // loader asks when related-src failed) is an error, not an empty card.
  if (f && options.show == show_parts::related &&
      (f->related.empty() || options.max_related == 0)) {
    diags.fail("feed.empty", "", "the feed has no item to show");
    f.reset();
  }
  if (!f) {
    // Without a feed, the language is the option's, else en-GB.
    result.html = error_notice(find_locale(options.locale));
    result.diagnostics = diags.take();
    return result;
  }
  result.format = format_name(f->format);
  if (!options.format.empty() && options.format != result.format) {
    format_mismatch_warning(diags, result.format, options.format);
  }
  // The option's language, else the content's (site.locale), else en-GB.
  bool option_known = false;
  bool site_known = false;
  locale_info loc;
  if (!options.locale.empty()) loc = find_locale(options.locale, &option_known);
  if (!option_known && !f->site.locale.empty()) loc = find_locale(f->site.locale, &site_known);
  if (!option_known && !site_known) loc = find_locale({});
  if (!option_known && !options.locale.empty()) {
    unknown_locale_warning(diags, true, options.locale, loc.tag);
  }
  if (!option_known && !site_known && !f->site.locale.empty()) {
    unknown_locale_warning(diags, false, f->site.locale, loc.tag);
  }
  // Without a known zone, times are shown with the offsets they were written with.
  std::optional<time_zone> zone;
  if (!f->site.time_zone.empty()) {
    zone = time_zone::find(f->site.time_zone);
    if (!zone) unknown_zone_warning(diags, f->site.time_zone);
  }
  const layout lay = layout_for(variant, width_px);
  // Shortened once: the card shows it and the height estimate measures it.
  const str lead = shorten_at_word(f->story.lead, lay.lead_max_chars);
  card_writer writer(*f, options, lay, loc, zone, lead);
  result.html = writer.write();
  result.estimated_height_px =
      height_estimate(lay, width_px)
          .of(*f, lead, writer.related_shown(), options.show == show_parts::related);
  result.ok = true;
  result.diagnostics = diags.take();
  return result;
}

}  // namespace

render_options parse_render_options(std::string_view query, diagnostics& diags) {
  render_options opt;
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    const str key = decode_query_text(pair.substr(0, eq));
    const str value = eq == std::string_view::npos ? str() : decode_query_text(pair.substr(eq + 1));
    option which;
    if (key == "base") {
      opt.base_url = value;
      continue;
    }
    if (key == "related-base") {  // set by the host, like base
      opt.related_base_url = value;
      continue;
    }
    if (key == "related-error") {  // set by the host, like base
      opt.related_error = value;
      continue;
    }
    if (!option_from_name(key, which)) continue;
    switch (which) {
      case option::locale:
        opt.locale = value;
        break;
      case option::layout:
        if (value.empty() || value == "auto") {
          opt.force_layout = false;
        } else if (variant_from_name(value, opt.forced_layout)) {
          opt.force_layout = true;
        } else {
          option_warning(diags, "option.layout", key, "expected auto, narrow, regular or wide");
        }
        break;
      case option::max_related:
        if (!read_int_option(value, 0, 50, opt.max_related)) {
          option_warning(diags, "option.max-related", key, "expected a whole number from 0 to 50");
        }
        break;
      case option::heading_level:
        if (!read_int_option(value, 1, 6, opt.heading_level)) {
          option_warning(diags, "option.heading-level", key, "expected a whole number from 1 to 6");
        }
        break;
      case option::theme:
        if (value == "light" || value.empty()) {
          opt.colour_theme = theme::light;
        } else if (value == "dark") {
          opt.colour_theme = theme::dark;
        } else if (value == "auto") {
          opt.colour_theme = theme::automatic;
        } else {
          option_warning(diags, "option.theme", key, "expected light, dark or auto");
        }
        break;
      case option::show: {
        constexpr const char* names[] = {"both", "card", "related"};
        int found = -1;
        for (int i = 0; i < 3; ++i) {
          if (value == names[i]) found = i;
        }
        if (found >= 0 || value.empty()) {
          opt.show = static_cast<show_parts>(found < 0 ? 0 : found);
        } else {
          option_warning(diags, "option.show", key, "expected card, related or both");
        }
        break;
      }
      case option::item:
        opt.item = value;
        break;
      case option::format: {
        constexpr feed_format formats[] = {feed_format::news_widget, feed_format::json_feed,
                                           feed_format::json_ld, feed_format::wordpress};
        bool known = value.empty();
        for (const feed_format f : formats) known = known || value == format_name(f);
        if (known) {
          opt.format = value;
        } else {
          option_warning(diags, "option.format", key,
                         "expected news-widget, json-feed, json-ld or wordpress");
        }
        break;
      }
    }
  }
  return opt;
}

bool option_from_name(std::string_view key, option& out) {
  for (std::size_t i = 0; i < std::size(option_names); ++i) {
    if (option_names[i] == key) {
      out = static_cast<option>(i);
      return true;
    }
  }
  return false;
}

render_result render(std::string_view json_text, int width_px, const render_options& options) {
  diagnostics diags;
  return render_with(json_text, width_px, options, diags);
}

render_result render(std::string_view json_text, int width_px, std::string_view options_query,
                     std::string_view related_json) {
  diagnostics diags;  // the options' first, then the feed's
  render_options options = parse_render_options(options_query, diags);
  options.related_json = related_json;
  return render_with(json_text, width_px, options, diags);
}

str declarative_shadow_root(const render_result& card, std::string_view stylesheet_url) {
  str out = "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"";
  append_html_escaped(out, stylesheet_url);
  out += card.estimated_height_px >= tall_card_px ? "\"><div class=\"nw-mount nw-tall\""
                                                  : "\"><div class=\"nw-mount\"";
  out += " part=\"container\">";
  out += card.html;
  out += "</div></template>";
  return out;
}

}  // namespace news_widget
