#include "news_widget/html_text.hpp"

#include <cstring>

#include "news_widget/text.hpp"

namespace news_widget {
namespace {

// The names of U+00A0..U+00FF, in code point order.
constexpr std::string_view latin1_names =
    "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn "
    "sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave "
    "Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml "
    "ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN "
    "szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave "
    "iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute "
    "ucirc "
    "uuml yacute thorn yuml ";

struct named_reference {
  const char* name;
  char16_t code_point;
};

constexpr named_reference other_names[] = {
    {"amp", 38},      {"lt", 60},       {"gt", 62},       {"quot", 34},     {"apos", 39},
    {"OElig", 338},   {"oelig", 339},   {"Scaron", 352},  {"scaron", 353},  {"Yuml", 376},
    {"fnof", 402},    {"circ", 710},    {"tilde", 732},   {"ensp", 8194},   {"emsp", 8195},
    {"thinsp", 8201}, {"zwnj", 8204},   {"zwj", 8205},    {"lrm", 8206},    {"rlm", 8207},
    {"ndash", 8211},  {"mdash", 8212},  {"lsquo", 8216},  {"rsquo", 8217},  {"sbquo", 8218},
    {"ldquo", 8220},  {"rdquo", 8221},  {"bdquo", 8222},  {"dagger", 8224}, {"Dagger", 8225},
    {"bull", 8226},   {"hellip", 8230}, {"permil", 8240}, {"prime", 8242},  {"Prime", 8243},
    {"lsaquo", 8249}, {"rsaquo", 8250}, {"euro", 8364},   {"trade", 8482},  {"larr", 8592},
    {"rarr", 8594},
};

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Decodes the character reference at text[i] ('&') into `out`; returns the
// bytes it took, or 0 when there is none there.
std::size_t decode_reference(std::string_view text, std::size_t i, str& out) {
  std::size_t j = i + 1;
  if (j < text.size() && text[j] == '#') {
    const bool hex = j + 1 < text.size() && lower(text[j + 1]) == 'x';
    j += hex ? 2 : 1;
    const std::size_t digits_at = j;
    char32_t cp = 0;
    for (; j < text.size() && j - digits_at < 8; ++j) {
      const int d =
          hex ? hex_digit(text[j]) : (text[j] >= '0' && text[j] <= '9' ? text[j] - '0' : -1);
      if (d < 0) break;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
    }
    if (j == digits_at) return 0;
    if (j < text.size() && text[j] == ';') ++j;
    // As HTML: nothing, surrogates and beyond Unicode become U+FFFD.
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    append_utf8(out, cp);
    return j - i;
  }
  while (j < text.size() && j - i <= 7 && is_alnum(text[j])) ++j;
  if (j == i + 1 || j >= text.size() || text[j] != ';') return 0;
  const std::string_view name = text.substr(i + 1, j - i - 1);
  char32_t cp = 0;
  std::size_t start = 0;
  for (char32_t n = 0xA0; start < latin1_names.size(); ++n) {
    const std::size_t end = latin1_names.find(' ', start);
    if (latin1_names.substr(start, end - start) == name) cp = n;
    start = end + 1;
  }
  for (const named_reference& r : other_names) {
    if (name == r.name) cp = r.code_point;
  }
  if (cp == 0) return 0;
  append_utf8(out, cp);
  return j + 1 - i;
}

// Elements whose contents are never text for the reader.
constexpr std::string_view dropped_elements = " script style iframe noscript template ";
// Elements that start or end a paragraph.
constexpr std::string_view block_elements =
    " p br li ul ol h1 h2 h3 h4 h5 h6 blockquote div section article header footer aside nav "
    "main figure figcaption table tr td th pre hr dl dt dd address ";

bool listed(std::string_view list, std::string_view name) {
  if (name.empty() || name.size() > 12) return false;
  char key[16] = {' '};
  for (std::size_t k = 0; k < name.size(); ++k) key[k + 1] = name[k];
  key[name.size() + 1] = ' ';
  return list.find(std::string_view(key, name.size() + 2)) != std::string_view::npos;
}

// Where the tag starting at text[i] ('<') ends (one past its '>'), with its
// lower-case name; 0 when text[i] does not start a tag (a literal '<').
std::size_t tag_end(std::string_view text, std::size_t i, str& name, bool& closing) {
  std::size_t j = i + 1;
  closing = j < text.size() && text[j] == '/';
  if (closing) ++j;
  name.clear();
  if (j >= text.size()) return 0;
  if (!closing && (text[j] == '!' || text[j] == '?')) {
    if (text.substr(j, 3) == "!--") {
      const std::size_t end = text.find("-->", j + 3);
      return end == std::string_view::npos ? text.size() : end + 3;
    }
  } else {
    if (!((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z'))) return 0;
    for (; j < text.size() && is_alnum(text[j]); ++j) name += lower(text[j]);
  }
  char quote = 0;
  for (; j < text.size(); ++j) {
    if (quote) {
      if (text[j] == quote) quote = 0;
    } else if (text[j] == '"' || text[j] == '\'') {
      quote = text[j];
    } else if (text[j] == '>') {
      return j + 1;
    }
  }
  return text.size();
}

}  // namespace

str decode_entities(std::string_view text) {
  str out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t n = text[i] == '&' ? decode_reference(text, i, out) : 0;
    if (n) {
      i += n - 1;
    } else {
      out += text[i];
    }
  }
  return clean_text(out);
}

void html_paragraphs(std::string_view html, bool plain, std::vector<str>& out,
                     std::size_t max_paragraphs) {
  str para, name;
  bool space = false;
  const auto end_paragraph = [&] {
    if (!para.empty() && out.size() < max_paragraphs) {
      str text = clean_text(para);
      if (!text.empty()) out.push_back(std::move(text));
    }
    para.clear();
    space = false;
  };
  for (std::size_t i = 0; i < html.size() && out.size() < max_paragraphs;) {
    const char c = html[i];
    if (plain && c == '\n') {
      end_paragraph();
      ++i;
      continue;
    }
    if (!plain && c == '<') {
      bool closing = false;
      const std::size_t end = tag_end(html, i, name, closing);
      if (end) {
        i = end;
        if (!closing && listed(dropped_elements, name)) {
          // Skip to the matching end tag (these elements do not nest in HTML).
          std::size_t k = i;
          for (; k < html.size(); ++k) {
            if (html[k] != '<' || k + 1 >= html.size() || html[k + 1] != '/') continue;
            std::size_t m = 0;
            while (m < name.size() && k + 2 + m < html.size() && lower(html[k + 2 + m]) == name[m])
              ++m;
            if (m == name.size()) break;
          }
          i = k < html.size() ? tag_end(html, k, name, closing) : html.size();
        } else if (listed(block_elements, name)) {
          end_paragraph();
        }
        continue;
      }
    }
    if (is_space(c)) {
      space = !para.empty();
      ++i;
      continue;
    }
    if (space) para += ' ';
    space = false;
    const std::size_t n = c == '&' ? decode_reference(html, i, para) : 0;
    if (n) {
      i += n;
    } else {
      para += c;
      ++i;
    }
  }
  end_paragraph();
}

bool lead_repeats_body(std::string_view lead, const std::vector<str>& body) {
  const char* l = lead.data();
  const std::size_t whole = lead.size();
  // A closing ellipsis ("...", "…", in brackets or not) marks an excerpt: it
  // may end inside a word.
  std::size_t n = whole;
  while (n && (l[n - 1] == ' ' || l[n - 1] == ']')) --n;
  std::size_t dots = 0;
  for (; n && l[n - 1] == '.'; --n) ++dots;
  bool excerpt = dots >= 3;
  if (!excerpt && n >= 3 && l[n - 3] == '\xE2' && l[n - 2] == '\x80' && l[n - 1] == '\xA6') {
    n -= 3;
    excerpt = true;
  }
  if (!excerpt) n = whole;
  while (n && (l[n - 1] == ' ' || l[n - 1] == '[')) --n;
  std::size_t at = 0;
  for (const str& p : body) {
    const std::size_t rest = n - at;  // 0 only for an empty lead, which repeats nothing
    if (rest == 0 || std::memcmp(l + at, p.data(), rest < p.size() ? rest : p.size()) != 0) {
      return false;
    }
    // The lead ends inside this paragraph: at a word's end, or where its ellipsis says.
    if (rest < p.size()) return excerpt || p.data()[rest] == ' ';
    at += p.size();
    if (at == n) return true;
    if (l[at++] != ' ') return false;
  }
  return false;  // longer than the text
}

std::string_view without_more_link(std::string_view html) {
  // The last "<a " (searched by hand: rfind would add its own search code to the wasm).
  std::size_t open = html.size();
  while (open > 0 && !(html[open - 1] == '<' && html.substr(open, 2) == "a ")) --open;
  if (open == 0) return html;
  --open;  // at its '<'
  const std::size_t tag_close = html.find('>', open);
  const std::size_t close = html.find("</a>", open);
  if (close == std::string_view::npos ||
      html.substr(open, tag_close - open).find("more") == std::string_view::npos) {
    return html;
  }
  for (std::size_t i = close + 4; i < html.size(); ++i) {
    if (html[i] == '<') {
      i = html.find('>', i);
      if (i == std::string_view::npos) break;
    } else if (!is_space(html[i])) {
      return html;
    }
  }
  return html.substr(0, open);
}

str html_text(std::string_view html) {
  std::vector<str> paragraphs;
  html_paragraphs(html, false, paragraphs, 1000);
  str out;
  for (const str& p : paragraphs) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

}  // namespace news_widget
