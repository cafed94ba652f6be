// Text handling: UTF-8 normalisation, escaping, word counts.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>
#include "news_widget/str.hpp"

namespace news_widget {

// Returns `in` as valid UTF-8 fit for display: each invalid sequence (including
// encoded surrogates and overlong forms) becomes U+FFFD, tab/CR/LF become a
// space, NUL and every other C0/C1 control and DEL are dropped, and ASCII
// white space is trimmed from both ends.
str clean_text(std::string_view in);

// Appends `text` with & < > " ' replaced by character references: safe both as
// element content and inside a double- or single-quoted attribute value.
void append_html_escaped(str& out, std::string_view text);

// Appends `text` as a JSON string literal (quotes included). `text` must be valid UTF-8.
void append_json_string(str& out, std::string_view text);

// Number of words: runs of characters other than white space (ASCII white
// space, U+00A0 and U+3000).
int count_words(std::string_view text);

// Length of the well-formed UTF-8 sequence starting at text[i] (1 to 4), or
// 0 if there is none (invalid, overlong, surrogate, truncated).
std::size_t utf8_sequence_at(std::string_view text, std::size_t i);

// Appends code point `cp` (<= U+10FFFF, not a surrogate) as UTF-8.
void append_utf8(str& out, char32_t cp);

// The value of a hexadecimal digit, or -1 if `c` is not one.
int hex_digit(char c);

// `v` in decimal digits, with a leading '-' when negative: the core's one
// integer formatter (std::to_string would bring one copy per integer type
// into the wasm).
str decimal(long long v);

// The pieces joined into one string. The core builds its messages with this
// rather than operator+, whose overloads are each a copy of code in the wasm.
str concat(std::initializer_list<std::string_view> pieces);

// Number of Unicode code points in valid UTF-8 `text`.
std::size_t count_code_points(std::string_view text);

// `text` if it has at most `max_chars` code points; otherwise cut at the last
// word boundary within the limit (or at the limit, for a single long word),
// with trailing punctuation and spaces removed and "…" appended. 0 = no limit.
str shorten_at_word(std::string_view text, std::size_t max_chars);

}  // namespace news_widget
