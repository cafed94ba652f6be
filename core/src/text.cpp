#include "news_widget/text.hpp"

#include <cstdint>

namespace news_widget {
namespace {

constexpr std::string_view replacement_char = "\xEF\xBF\xBD";  // U+FFFD

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the valid UTF-8 sequence at in[i], and its code point; 0 if invalid.
// Follows the Unicode "well-formed UTF-8" table (Unicode 15, table 3-7).
std::size_t decode_utf8(std::string_view in, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(in[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > in.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char b = byte(i + k);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

}  // namespace

std::string clean_text(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(in, i, cp);
    if (len == 0) {
      out += replacement_char;
      ++i;
      continue;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      out += ' ';
    } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
      // dropped: controls have no visible form and NUL truncates C strings
    } else {
      out.append(in.substr(i, len));
    }
    i += len;
  }
  std::size_t begin = 0, end = out.size();
  while (begin < end && is_ascii_space(static_cast<unsigned char>(out[begin]))) ++begin;
  while (end > begin && is_ascii_space(static_cast<unsigned char>(out[end - 1]))) --end;
  return out.substr(begin, end - begin);
}

void append_html_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

int count_words(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      len = 1;
      cp = 0xFFFD;
    }
    const bool space = cp < 0x80 ? is_ascii_space(static_cast<unsigned char>(cp))
                                 : (cp == 0xA0 || cp == 0x3000);
    if (!space && !in_word) ++words;
    in_word = !space;
    i += len;
  }
  return words;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string shorten_at_word(std::string_view text, std::size_t max_chars) {
  if (max_chars == 0 || count_code_points(text) <= max_chars) return std::string(text);
  // Byte offset just past the max_chars-th code point.
  std::size_t cut = 0, seen = 0;
  while (cut < text.size()) {
    if ((static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80) {
      if (seen == max_chars) break;
      ++seen;
    }
    ++cut;
  }
  std::size_t end = cut;
  // Prefer the last space inside the limit, if it keeps at least half the text.
  const std::size_t space = text.substr(0, cut + 1).find_last_of(' ');
  if (space != std::string_view::npos && space >= cut / 2) end = space;
  while (end > 0) {
    const char c = text[end - 1];
    if (c == ' ' || c == ',' || c == ';' || c == ':' || c == '-' || c == '.') {
      --end;
    } else {
      break;
    }
  }
  std::string out(text.substr(0, end));
  out += "\xE2\x80\xA6";  // U+2026
  return out;
}

}  // namespace news_widget
