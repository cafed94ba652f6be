#include "news_widget/json.hpp"

#include "cold.hpp"
#include "news_widget/text.hpp"

namespace news_widget::json {

// ---- value ---------------------------------------------------------------------

kind value::type() const {
  return found() ? doc_->nodes_[index_].type : kind::null;
}

bool value::boolean() const {
  return found() && doc_->nodes_[index_].boolean;
}

std::string_view value::string() const {
  if (!is_string()) return {};
  const auto& n = doc_->nodes_[index_];
  return (n.in_arena ? std::string_view(doc_->arena_) : doc_->source_).substr(n.offset, n.length);
}

std::string_view value::number_text() const {
  if (!is_number()) return {};
  const auto& n = doc_->nodes_[index_];
  return doc_->source_.substr(n.offset, n.length);
}

bool value::whole_number(std::int64_t& out) const {
  const std::string_view t = number_text();
  if (t.empty()) return false;
  // The number as significant digits times a power of ten: the digits of the
  // integer part followed by those of the fraction, each fraction digit
  // lowering the power by one. Read in place (the grammar was checked by the
  // parser): no copy of the digits.
  const auto is_digit = [&](std::size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  const bool negative = t[0] == '-';
  std::size_t i = negative ? 1 : 0;
  const std::size_t int_begin = i;
  while (is_digit(i)) ++i;
  const std::size_t int_digits = i - int_begin;
  std::size_t frac_begin = i;
  if (i < t.size() && t[i] == '.') frac_begin = ++i;
  while (is_digit(i)) ++i;
  std::size_t count = int_digits + (i - frac_begin);  // significant digits so far
  long exponent = -static_cast<long>(i - frac_begin);
  if (i < t.size()) {  // 'e' or 'E', an optional sign, digits
    const bool negative_exp = t[++i] == '-';
    if (t[i] == '+' || negative_exp) ++i;
    long e = 0;
    for (; i < t.size(); ++i) {
      if (e < 100000) e = e * 10 + (t[i] - '0');
    }
    exponent += negative_exp ? -e : e;
  }
  const auto digit = [&](std::size_t k) {
    return t[k < int_digits ? int_begin + k : frac_begin + k - int_digits] - '0';
  };
  std::size_t first = 0;
  while (first < count && digit(first) == 0) ++first;
  if (first == count) {
    out = 0;  // any spelling of zero
    return true;
  }
  // Drop the digits a negative exponent moves behind the point: all must be
  // zero (digit(first) is not, so this stops there at the latest).
  for (; exponent < 0; ++exponent) {
    if (digit(--count) != 0) return false;
  }
  if (static_cast<long>(count - first) + exponent > 16) return false;  // beyond 2^53
  std::int64_t v = 0;
  for (std::size_t k = first; k < count; ++k) v = v * 10 + digit(k);
  for (; exponent > 0; --exponent) v *= 10;
  constexpr std::int64_t max_exact = std::int64_t{1} << 53;
  if (v > max_exact) return false;
  out = negative ? -v : v;
  return true;
}

std::size_t value::size() const {
  return (is_array() || is_object()) ? doc_->nodes_[index_].count : 0;
}

value value::first() const {
  if (!is_array() && !is_object()) return value(doc_, npos);
  return value(doc_, doc_->nodes_[index_].first_child);
}

value value::next() const {
  return found() ? value(doc_, doc_->nodes_[index_].next_sibling) : *this;
}

value value::member(std::string_view key) const {
  value match(doc_, npos);
  if (!is_object()) return match;
  for (value m = first(); m.found(); m = m.next()) {
    const auto& n = doc_->nodes_[m.index_];
    const std::string_view k = (n.key_in_arena ? std::string_view(doc_->arena_) : doc_->source_)
                                   .substr(n.key_offset, n.key_length);
    if (k == key) match = m;
  }
  return match;
}

// ---- parser --------------------------------------------------------------------

class document::parser {
 public:
  parser(document& doc, std::string_view text, int max_depth, parse_error& error)
      : doc_(doc), s_(text), max_depth_(max_depth), error_(error) {}

  bool run() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a byte order mark is no content
    skip_space();
    std::uint32_t root = 0;
    if (!parse_value(0, root)) return false;
    skip_space();
    if (pos_ != s_.size()) return unexpected();
    return true;
  }

 private:
  static constexpr std::uint32_t npos = 0xFFFFFFFFu;

  NW_COLD bool fail(std::size_t at, str message, bool too_deep = false) {
    error_.offset = at;
    error_.too_deep = too_deep;
    error_.message = std::move(message);
    return false;
  }

  NW_COLD bool too_deep() {
    return fail(pos_,
                concat({"nested deeper than ", decimal(max_depth_), " levels (at byte ",
                        decimal(pos_), ")"}),
                true);
  }

  NW_COLD bool invalid_utf8() {
    return fail(pos_, concat({"invalid UTF-8 at byte ", decimal(pos_)}));
  }

  // The error for the byte at pos_, whatever it is.
  NW_COLD bool unexpected() {
    static constexpr char hex[] = "0123456789abcdef";
    const bool at_end = pos_ >= s_.size();
    const auto c = at_end ? 0u : static_cast<unsigned char>(s_[pos_]);
    const bool control = !at_end && c < 0x20;
    const char code[] = {hex[c >> 4], hex[c & 0xF]};
    const std::size_t at = at_end ? s_.size() : pos_;
    return fail(at, concat({at_end    ? "unexpected end of input"
                            : control ? "control character 0x"
                                      : "syntax error",
                            std::string_view(code, control ? 2 : 0), " at byte ", decimal(at)}));
  }

  void skip_space() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    // Point at the first byte that differs.
    for (std::size_t k = 0; k < word.size() && pos_ < s_.size() && s_[pos_] == word[k]; ++k) ++pos_;
    return unexpected();
  }

  std::uint32_t add(kind type) {
    doc_.nodes_.emplace_back();
    doc_.nodes_.back().type = type;
    return static_cast<std::uint32_t>(doc_.nodes_.size() - 1);
  }

  bool parse_value(int depth, std::uint32_t& index) {
    if (pos_ >= s_.size()) return unexpected();
    switch (s_[pos_]) {
      case '{':
      case '[':
        return parse_container(depth + 1, index);
      case '"': {
        index = add(kind::string);
        std::uint32_t offset, length;
        bool in_arena;
        if (!parse_string(offset, length, in_arena)) return false;
        auto& n = doc_.nodes_[index];
        n.offset = offset;
        n.length = length;
        n.in_arena = in_arena;
        return true;
      }
      case 't':
        index = add(kind::boolean);
        doc_.nodes_[index].boolean = true;
        return literal("true");
      case 'f':
        index = add(kind::boolean);
        return literal("false");
      case 'n':
        index = add(kind::null);
        return literal("null");
      default:
        index = add(kind::number);
        return parse_number(index);
    }
  }

  bool parse_container(int depth, std::uint32_t& index) {
    if (depth > max_depth_) return too_deep();
    const bool object = s_[pos_] == '{';
    const char close = object ? '}' : ']';
    index = add(object ? kind::object : kind::array);
    ++pos_;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == close) {
      ++pos_;
      return true;
    }
    std::uint32_t last = npos, count = 0;
    while (true) {
      std::uint32_t key_offset = 0, key_length = 0;
      bool key_in_arena = false;
      if (object) {
        if (pos_ >= s_.size() || s_[pos_] != '"') return unexpected();
        if (!parse_string(key_offset, key_length, key_in_arena)) return false;
        skip_space();
        if (pos_ >= s_.size() || s_[pos_] != ':') return unexpected();
        ++pos_;
        skip_space();
      }
      std::uint32_t child = 0;
      if (!parse_value(depth, child)) return false;
      auto& c = doc_.nodes_[child];
      c.key_offset = key_offset;
      c.key_length = key_length;
      c.key_in_arena = key_in_arena;
      if (last == npos) {
        doc_.nodes_[index].first_child = child;
      } else {
        doc_.nodes_[last].next_sibling = child;
      }
      last = child;
      ++count;
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        skip_space();
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == close) {
        ++pos_;
        doc_.nodes_[index].count = count;
        return true;
      }
      return unexpected();
    }
  }

  // Reads the four hex digits of a \u escape at pos_ (just past the 'u').
  bool read_hex4(char32_t& out) {
    out = 0;
    for (int k = 0; k < 4; ++k) {
      if (pos_ >= s_.size()) return unexpected();
      const int d = hex_digit(s_[pos_]);
      if (d < 0) return unexpected();
      out = (out << 4) | static_cast<char32_t>(d);
      ++pos_;
    }
    return true;
  }

  // A string at pos_ (on its opening quote). Without escapes it stays in the
  // source; with them it is decoded into the arena.
  bool parse_string(std::uint32_t& offset, std::uint32_t& length, bool& in_arena) {
    ++pos_;
    const std::size_t start = pos_;
    // Fast path: plain bytes up to the closing quote.
    while (pos_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        offset = static_cast<std::uint32_t>(start);
        length = static_cast<std::uint32_t>(pos_ - start);
        in_arena = false;
        ++pos_;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return unexpected();
      if (c < 0x80) {
        ++pos_;
      } else {
        const std::size_t len = utf8_sequence_at(s_, pos_);
        if (len == 0) return invalid_utf8();
        pos_ += len;
      }
    }
    if (pos_ >= s_.size()) return unexpected();
    // Slow path: decode from the start into the arena.
    str& arena = doc_.arena_;
    const std::size_t arena_start = arena.size();
    arena.append(s_.substr(start, pos_ - start));
    while (pos_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        offset = static_cast<std::uint32_t>(arena_start);
        length = static_cast<std::uint32_t>(arena.size() - arena_start);
        in_arena = true;
        ++pos_;
        return true;
      }
      if (c < 0x20) return unexpected();
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size()) return unexpected();
        const char e = s_[pos_++];
        switch (e) {
          case '"':
            arena += '"';
            break;
          case '\\':
            arena += '\\';
            break;
          case '/':
            arena += '/';
            break;
          case 'b':
            arena += '\b';
            break;
          case 'f':
            arena += '\f';
            break;
          case 'n':
            arena += '\n';
            break;
          case 'r':
            arena += '\r';
            break;
          case 't':
            arena += '\t';
            break;
          case 'u': {
            char32_t cp;
            if (!read_hex4(cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(pos_, 2) == "\\u") {
              // A high surrogate: paired only if a low one follows at once.
              const std::size_t save = pos_;
              pos_ += 2;
              char32_t low;
              if (!read_hex4(low)) return false;
              if (low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              } else {
                pos_ = save;  // read the second escape on its own
              }
            }
            // A surrogate left unpaired has no character: U+FFFD stands in.
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
            append_utf8(arena, cp);
            break;
          }
          default:
            --pos_;
            return unexpected();
        }
        continue;
      }
      if (c < 0x80) {
        arena += static_cast<char>(c);
        ++pos_;
      } else {
        const std::size_t len = utf8_sequence_at(s_, pos_);
        if (len == 0) return invalid_utf8();
        arena.append(s_.substr(pos_, len));
        pos_ += len;
      }
    }
    return unexpected();
  }

  bool digits() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool parse_number(std::uint32_t index) {
    const std::size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size()) return unexpected();
    if (s_[pos_] == '0') {
      ++pos_;
    } else if (s_[pos_] >= '1' && s_[pos_] <= '9') {
      digits();
    } else {
      return unexpected();
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits()) return unexpected();
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) return unexpected();
    }
    auto& n = doc_.nodes_[index];
    n.offset = static_cast<std::uint32_t>(start);
    n.length = static_cast<std::uint32_t>(pos_ - start);
    return true;
  }

  document& doc_;
  std::string_view s_;
  std::size_t pos_ = 0;
  int max_depth_;
  parse_error& error_;
};

bool document::parse(std::string_view text, int max_depth, parse_error& error) {
  source_ = text;
  arena_.clear();
  nodes_.clear();
  nodes_.reserve(text.size() / 16 + 8);
  parser p(*this, text, max_depth, error);
  if (!p.run()) {
    nodes_.clear();
    return false;
  }
  return true;
}

}  // namespace news_widget::json
