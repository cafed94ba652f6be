// libFuzzer harness for the core's render entry: arbitrary bytes as the feed
// (and a few as the width and options) must give either a card that passes
// the markup check, or no card and an error diagnostic; never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "markup_check.hpp"
#include "news_widget/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first byte picks a width, an option set and whether the feed is also
  // its own related feed (related-src); the rest is the feed.
  static const char* const options[] = {"",
                                        "locale=sv-SE&theme=dark",
                                        "layout=wide&max-related=50",
                                        "heading-level=6&locale=ar",
                                        "base=https%3A%2F%2Fapi.example%2Fv1%2Farticles%2Fx",
                                        "locale=pl&layout=narrow",
                                        "base=javascript%3Aalert(1)",
                                        "max-related=0&theme=auto",
                                        "show=related",
                                        "show=card&locale=sv-SE",
                                        "item=1",
                                        "item=https%3A%2F%2Fa.example%2Fx&show=related",
                                        "related-base=https%3A%2F%2Fr.example%2Fposts",
                                        "show=both&item=&max-related=50",
                                        "related-base=%2Frelative&base=%2Fapi%2Fa",
                                        "show=nonsense&layout=wide"};
  static const int widths[] = {0, 320, 479, 480, 600, 899, 900, 1400};
  unsigned selector = size > 0 ? data[0] : 0;
  const std::string_view feed(reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0),
                              size > 0 ? size - 1 : 0);
  const news_widget::render_result r =
      news_widget::render(feed, widths[selector & 7], options[(selector >> 3) & 15],
                          selector & 128 ? feed : std::string_view());
  if (r.ok) {
    const std::string problem = news_widget::testing::check_markup(r.html);
    if (!problem.empty()) {
      std::fprintf(stderr, "markup check failed: %s\n", problem.c_str());
      std::abort();
    }
  } else {
    bool has_error = false;
    for (const auto& d : r.diagnostics)
      has_error = has_error || d.level == news_widget::severity::error;
    // In the card's place, the notice: nothing of the feed in it.
    const std::string_view notice_start = "<div class=\"nw-error\" part=\"error\" role=\"status\"";
    const std::string_view notice_end = "</p><slot></slot></div>";
    const bool notice =
        r.html.compare(0, notice_start.size(), notice_start) == 0 &&
        r.html.size() > notice_end.size() &&
        r.html.compare(r.html.size() - notice_end.size(), notice_end.size(), notice_end) == 0;
    if (!has_error || !notice) {
      std::fprintf(stderr, "a refused feed must come with an error and the notice\n");
      std::abort();
    }
  }
  return 0;
}
