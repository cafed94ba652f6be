// A strict checker for the core's HTML output, shared by the unit tests and
// the fuzz harness. The core writes a narrow dialect (double-quoted, escaped
// attributes; escaped text), so anything outside it is a bug:
// - tags balance (img is the only void element) and nest properly;
// - only known elements and attributes appear: no on* handlers, no style,
//   no srcdoc, no script/iframe/object/...;
// - href, src and every srcset URL are http(s) URLs (or relative to the page's origin);
// - text and attribute values contain no raw < > " and every & starts an entity.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace news_widget::testing {

inline bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// http(s), or relative to the page's own origin ("/x", "//host/x": markup
// rendered ahead with a path-absolute base), which resolves to http(s) only.
inline bool is_http_url(std::string_view v) {
  return starts_with(v, "http://") || starts_with(v, "https://") || starts_with(v, "/");
}

// Checks an escaped run of text (element content or attribute value).
inline std::string check_escaped(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<' || c == '>' || c == '"') return "raw '" + std::string(1, c) + "' in text";
    if (c == '&') {
      const std::size_t semi = text.find(';', i);
      if (semi == std::string_view::npos) return "bare '&' in text";
      const std::string_view entity = text.substr(i, semi - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
          entity != "&#39;") {
        return "unexpected entity " + std::string(entity);
      }
    }
  }
  return {};
}

// "" when `html` is well-formed and safe; otherwise what is wrong and where.
inline std::string check_markup(std::string_view html) {
  static const std::vector<std::string_view> elements = {
      "article", "div", "header",     "p",      "span",    "h1", "h2", "h3",
      "h4",      "h5",  "h6",         "a",      "ul",      "ol", "li", "time",
      "figure",  "img", "figcaption", "footer", "section", "nav"};
  static const std::vector<std::string_view> attributes = {
      "class",          "part", "lang",  "dir",    "id",      "href",     "src",      "srcset",
      "sizes",          "alt",  "width", "height", "loading", "decoding", "datetime", "data-layout",
      "aria-labelledby"};
  // ("dir" is listed above: the card and its titles carry it.)
  std::vector<std::string> open;
  std::size_t pos = 0;
  while (pos < html.size()) {
    const std::size_t lt = html.find('<', pos);
    const std::string text_problem = check_escaped(
        html.substr(pos, lt == std::string_view::npos ? std::string_view::npos : lt - pos));
    if (!text_problem.empty()) return text_problem + " at byte " + std::to_string(pos);
    if (lt == std::string_view::npos) break;
    const std::size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) return "unterminated tag at byte " + std::to_string(lt);
    std::string_view tag = html.substr(lt + 1, gt - lt - 1);
    const std::string where = " at byte " + std::to_string(lt);
    if (starts_with(tag, "/")) {
      const std::string name(tag.substr(1));
      if (open.empty() || open.back() != name) return "unbalanced </" + name + ">" + where;
      open.pop_back();
    } else {
      const std::size_t name_end = tag.find(' ');
      const std::string name(tag.substr(0, name_end));
      bool known = false;
      for (std::string_view e : elements) known = known || e == name;
      if (!known) return "element <" + name + "> not allowed" + where;
      std::string_view rest = name_end == std::string_view::npos ? "" : tag.substr(name_end);
      while (!rest.empty()) {
        if (rest[0] != ' ') return "malformed attributes in <" + name + ">" + where;
        rest.remove_prefix(1);
        const std::size_t eq = rest.find("=\"");
        if (eq == std::string_view::npos)
          return "attribute without a quoted value in <" + name + ">" + where;
        const std::string attr(rest.substr(0, eq));
        const std::size_t close = rest.find('"', eq + 2);
        if (close == std::string_view::npos)
          return "unterminated attribute in <" + name + ">" + where;
        const std::string_view value = rest.substr(eq + 2, close - eq - 2);
        rest.remove_prefix(close + 1);
        bool allowed = false;
        for (std::string_view a : attributes) allowed = allowed || a == attr;
        if (!allowed) return "attribute " + attr + " not allowed" + where;
        const std::string value_problem = check_escaped(value);
        if (!value_problem.empty()) return value_problem + " in " + attr + where;
        if ((attr == "href" || attr == "src") && !is_http_url(value)) {
          return attr + " is not an http(s) URL" + where;
        }
        if (attr == "srcset") {
          std::string_view list = value;
          while (!list.empty()) {
            if (!is_http_url(list)) return "srcset entry is not an http(s) URL" + where;
            const std::size_t comma = list.find(", ");
            list = comma == std::string_view::npos ? "" : list.substr(comma + 2);
          }
        }
      }
      if (name != "img") open.push_back(name);
    }
    pos = gt + 1;
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  return {};
}

}  // namespace news_widget::testing
