// The core's main entry: feed JSON in, safe HTML and diagnostics out.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>
#include "news_widget/str.hpp"

#include "news_widget/diagnostic.hpp"
#include "news_widget/feed.hpp"
#include "news_widget/layout.hpp"

namespace news_widget {

// Version of the contract between the core and its callers (the wasm bridge's
// exports and the options string). The web loader refuses a wasm with another.
constexpr int abi_version = 2;

enum class theme { light, dark, automatic };

// What the widget shows: the card, the "More news" list, or both.
enum class show_parts { both, card, related };

// How to render. Every field has a default that suits most hosts.
struct render_options {
  str locale;                 // BCP 47 tag; "" = the feed's site.locale, else en-GB
  bool force_layout = false;  // true = use `layout`, not the width's variant
  layout_variant forced_layout = layout_variant::regular;
  int max_related = -1;   // related stories shown at most; -1 = the layout's choice
  int heading_level = 2;  // level of the headline, 1..6; sub-headings one below
  theme colour_theme = theme::light;
  str base_url;  // where the feed came from; base for relative URLs
  show_parts show = show_parts::both;
  str item;  // the item shown as the card (its id or URL); "" = the first
  // A second feed (any accepted format) whose items fill "More news" in place
  // of the first feed's; the card's own article is left out of it. Not read
  // from the query string: the caller hands the document over. "" = none.
  std::string_view related_json;
  str related_base_url;  // where related_json came from
  // Why the related feed the host asked for could not be had (e.g. "HTTP 404");
  // "" = none. The card then shows without "More news" and a related.unusable
  // warning says why; the first feed's own list is not read either.
  str related_error;
  // The format the host says the feed is in (format_name: "news-widget",
  // "json-feed", "json-ld", "wordpress"); "" = not said. A feed in another
  // format is still read, with an option.format warning naming both.
  str format;
};

// The widget's options, in one table: the <news-widget> attributes the loader
// forwards to the core, the query keys /render passes on, and the keys
// parse_render_options reads ("base" and "related-base" are not: only the host sets them).
// The loader writes the names out (web/widget/news-widget.js: OPTION_ATTRIBUTES
// and observedAttributes, which a hostile page's patched Array methods must
// not reach); tests/js/options.test.mjs fails when either drifts from this table.
enum class option { locale, layout, max_related, heading_level, theme, show, item, format };
inline constexpr std::string_view option_names[] = {
    "locale", "layout", "max-related", "heading-level", "theme", "show", "item", "format"};
static_assert(sizeof option_names / sizeof option_names[0] ==
                  static_cast<std::size_t>(option::format) + 1,
              "one name per option");

// The option `key` names; false when it names none.
bool option_from_name(std::string_view key, option& out);

// Reads options from a URL query string, as the widget's attributes and the
// server's /render endpoint spell them:
// "locale=sv-SE&layout=wide&max-related=5&heading-level=3&theme=dark&base=https%3A%2F%2F...",
// plus show=card|related|both, item=ID-OR-URL, format=news-widget|json-feed|json-ld|wordpress,
// and from the host related-base=URL and
// related-error=WHY (see render_options).
// Unknown keys are ignored; a bad value is a warning in `diags` and keeps the default.
render_options parse_render_options(std::string_view query, diagnostics& diags);

struct render_result {
  bool ok = false;  // false = the feed could not be shown; `html` is the error notice
  str html;         // the card (or, when !ok, the notice in the option's locale: a
                    // <div class="nw-error"> with a <slot> for the element's children),
                    // safe to insert as markup
  std::vector<diagnostic> diagnostics;
  layout_variant variant = layout_variant::regular;  // the layout the card was given
  const char* format = "";      // the document's format (format_name); "" when it was not read
  int estimated_height_px = 0;  // the card's height at width_px from the layout's typographic
                                // scale (for oEmbed and space reservation); 0 when !ok
};

// Renders the feed in `json_text` for a container `width_px` wide (<= 0 = unknown).
render_result render(std::string_view json_text, int width_px, const render_options& options);

// As above, with the options as a query string (see parse_render_options), and
// `related_json` as options.related_json.
render_result render(std::string_view json_text, int width_px, std::string_view options_query,
                     std::string_view related_json = {});

// The card render() wrote (`card` must be ok) wrapped as declarative shadow
// DOM, for a page to put inside its <news-widget> element so the card shows
// before (or without) JavaScript:
// <template shadowrootmode="open"><link rel="stylesheet" href="STYLESHEET">
// <div class="nw-mount" part="container">CARD</div></template>.
// The loader later takes the mount over in place. A card estimated at least
// tall_card_px tall has the mount's class "nw-mount nw-tall": in a viewport
// up to 1,000 px high (three quarters of tall_card_px, so the estimate may be
// a quarter too high), the stylesheet lays out its top in the first frame
// and the rest in the next, while it holds the viewport's height.
inline constexpr int tall_card_px = 1334;
str declarative_shadow_root(const render_result& card, std::string_view stylesheet_url);

}  // namespace news_widget
