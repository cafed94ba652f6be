// HTML from feed fields turned into plain text. Nothing here produces markup:
// the results are text, escaped like every other string when the card is written.
//
// Character references decoded: numeric ones (&#8217; &#x2019;, with or
// without the closing ';'), and named ones, with their ';', from this set:
// the HTML 4 Latin-1 entities (&nbsp; to &yuml;, U+00A0-U+00FF), the HTML 4
// special ones (&amp; &lt; &gt; &quot; &OElig; &oelig; &Scaron; &scaron;
// &Yuml; &circ; &tilde; &ensp; &emsp; &thinsp; &zwnj; &zwj; &lrm; &rlm;
// &ndash; &mdash; &lsquo; &rsquo; &sbquo; &ldquo; &rdquo; &bdquo; &dagger;
// &Dagger; &permil; &lsaquo; &rsaquo; &euro;) and &apos; &fnof; &bull;
// &hellip; &prime; &Prime; &trade; &larr; &rarr;. Any other '&' stays as written.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>
#include "news_widget/str.hpp"

namespace news_widget {

// A plain-text field (a title, a name) with its character references decoded
// once, then cleaned (clean_text). Tag-like text such as "<i>" stays text.
str decode_entities(std::string_view text);

// Appends the paragraphs of `html` to `out` (at most `max_paragraphs` in all):
// tags removed; p, br, li, headings, blockquote, div and the other block
// elements end a paragraph; the contents of script, style, iframe, noscript
// and template dropped, like comments; references decoded; white space
// collapsed; each paragraph cleaned (clean_text), none empty. Malformed markup
// is read as far as it goes: an unclosed tag or comment ends the text.
// With `plain`, the input is text, not markup: only references are decoded,
// and each line break ends a paragraph.
void html_paragraphs(std::string_view html, bool plain, std::vector<str>& out,
                     std::size_t max_paragraphs);

// The text of `html` as one paragraph: html_paragraphs joined by spaces.
str html_text(std::string_view html);

// `html` without the "read more" link that ends it: a link whose opening tag
// says "more" (WordPress themes' class="more-link", "link-more", "read-more")
// with nothing but tags and white space after it. WordPress excerpts end
// with one ("Continue reading “Title”"): words about the page, not from it.
std::string_view without_more_link(std::string_view html);

// Whether a lead (a summary, an excerpt, a description) is the start of the
// text `body`: its first paragraphs joined by spaces, or a shorter start of
// them that ends at a word's end or with an ellipsis ("…", "...", "[…]",
// "[...]"), as excerpts do. Both as html_text and html_paragraphs give them
// (white space collapsed), compared byte for byte.
bool lead_repeats_body(std::string_view lead, const std::vector<str>& body);

}  // namespace news_widget
