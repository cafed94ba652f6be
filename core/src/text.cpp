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

str clean_text(std::string_view in) {
  str out;
  out.reserve(in.size());
  std::size_t run = 0;  // start of the pending run of bytes kept as they are
  for (std::size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b >= 0x20 && b < 0x7F) {  // printable ASCII: kept
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode_utf8(in, i, cp);
    if (len > 1 && cp > 0x9F) {  // valid and not a C1 control: kept
      i += len;
      continue;
    }
    out.append(in.data() + run, i - run);
    if (len == 0) {
      out += replacement_char;
      i += 1;
    } else {
      // tab/CR/LF become a space; other controls (C0, DEL, C1) are dropped.
      if (cp == '\t' || cp == '\n' || cp == '\r') out += ' ';
      i += len;
    }
    run = i;
  }
  out.append(in.data() + run, in.size() - run);
  std::size_t begin = 0, end = out.size();
  while (begin < end && is_ascii_space(static_cast<unsigned char>(out[begin]))) ++begin;
  while (end > begin && is_ascii_space(static_cast<unsigned char>(out[end - 1]))) --end;
  return out.substr(begin, end - begin);
}

void append_html_escaped(str& out, std::string_view text) {
  // Runs of ordinary characters are copied at once: this is the render's hot loop.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(text.data() + run, i - run);
    out.append(entity);
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

void append_json_string(str& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
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

str decimal(long long v) {
  char text[20];  // a sign and up to 19 digits
  char* const end = text + sizeof text;
  char* p = end;
  // Negated as unsigned, so the most negative value works too.
  unsigned long long u = static_cast<unsigned long long>(v);
  if (v < 0) u = 0 - u;
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0) *--p = '-';
  return str(p, end);
}

str concat(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (const std::string_view piece : pieces) size += piece.size();
  str out;
  out.reserve(size);
  for (const std::string_view piece : pieces) out.append(piece.data(), piece.size());
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::size_t utf8_sequence_at(std::string_view text, std::size_t i) {
  char32_t cp = 0;
  return decode_utf8(text, i, cp);
}

void append_utf8(str& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
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
    const bool space =
        cp < 0x80 ? is_ascii_space(static_cast<unsigned char>(cp)) : (cp == 0xA0 || cp == 0x3000);
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

str shorten_at_word(std::string_view text, std::size_t max_chars) {
  if (max_chars == 0 || count_code_points(text) <= max_chars) return str(text);
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
  str out(text.substr(0, end));
  out += "\xE2\x80\xA6";  // U+2026
  return out;
}

}  // namespace news_widget
