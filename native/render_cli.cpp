// news-widget-render: renders a feed file with the core, as the wasm build
// would in a browser. Used by the tests to compare native and wasm output, and
// by the build to pre-render the demo page.
//
//   news-widget-render [--shadow-root STYLESHEET_URL] [--related RELATED_FEED.json]
//                      FEED.json [WIDTH_PX] [OPTIONS_QUERY]
//
// --related gives the feed whose items fill "More news" (the related-src attribute).
// Writes the HTML to stdout (with --shadow-root: wrapped as declarative shadow
// DOM for a <news-widget> element) and the diagnostics (JSON) to stderr; exits
// 0 when the card rendered, 1 when the feed could not be shown, 2 on a usage error.
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "news_widget/render.hpp"
#include "parse_decimal.hpp"

namespace {

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "news-widget-render: cannot open " << path << "\n";
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

int usage(const char* problem) {
  std::cerr << "news-widget-render: " << problem << "\n"
            << "usage: news-widget-render [--shadow-root STYLESHEET_URL] [--related FEED.json] "
               "FEED.json [WIDTH_PX] [OPTIONS_QUERY]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int arg = 1;
  const char* stylesheet = nullptr;
  if (arg < argc && std::strcmp(argv[arg], "--shadow-root") == 0) {
    if (arg + 1 >= argc) return usage("--shadow-root needs the stylesheet's URL");
    stylesheet = argv[arg + 1];
    arg += 2;
  }
  std::string related;
  if (arg < argc && std::strcmp(argv[arg], "--related") == 0) {
    if (arg + 1 >= argc) return usage("--related needs a feed file");
    if (!read_file(argv[arg + 1], related)) return 2;
    arg += 2;
  }
  const int rest = argc - arg;
  if (rest < 1 || rest > 3)
    return usage("expected a feed file, then optionally a width and options");
  std::string text;
  if (!read_file(argv[arg], text)) return 2;
  int width_px = 0;
  if (rest >= 2) {
    const std::optional<int> value = news_widget::parse_decimal<int>(argv[arg + 1]);
    if (!value || *value > 100000) return usage("WIDTH_PX must be a whole number from 0 to 100000");
    width_px = *value;
  }
  const std::string options = rest >= 3 ? argv[arg + 2] : "";
  const news_widget::render_result r = news_widget::render(text, width_px, options, related);
  const std::string html =
      r.ok && stylesheet ? news_widget::declarative_shadow_root(r, stylesheet) : r.html;
  std::cout.write(html.data(), static_cast<std::streamsize>(html.size()));
  std::cerr << news_widget::to_json(r.diagnostics) << "\n";
  return r.ok ? 0 : 1;
}
