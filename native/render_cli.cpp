// news-widget-render: renders a feed file with the core, as the wasm build
// would in a browser. Used by the tests to compare native and wasm output.
//
//   news-widget-render FEED.json [WIDTH_PX] [OPTIONS_QUERY]
//
// Writes the HTML to stdout and the diagnostics (JSON) to stderr; exits 0 when
// the card rendered, 1 when the feed could not be shown, 2 on a usage error.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "news_widget/render.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: news-widget-render FEED.json [WIDTH_PX] [OPTIONS_QUERY]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "news-widget-render: cannot open " << argv[1] << "\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  int width_px = 0;
  if (argc >= 3) {
    char* end = nullptr;
    const long w = std::strtol(argv[2], &end, 10);
    if (*argv[2] == '\0' || *end != '\0' || w < 0 || w > 100000) {
      std::cerr << "news-widget-render: WIDTH_PX must be a whole number from 0 to 100000\n";
      return 2;
    }
    width_px = static_cast<int>(w);
  }
  const std::string options = argc >= 4 ? argv[3] : "";
  const news_widget::render_result r = news_widget::render(text.str(), width_px, options);
  std::fwrite(r.html.data(), 1, r.html.size(), stdout);
  std::cerr << news_widget::to_json(r.diagnostics) << "\n";
  return r.ok ? 0 : 1;
}
