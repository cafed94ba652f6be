// The core with our own format only: linked instead of feed_formats.cpp into
// news-widget-v1.wasm, the module for feeds in news-widget JSON (version 1).
// It leaves out the publishers' readers (JSON Feed, JSON-LD, WordPress) and
// the HTML-to-text they need, about a third of the module. A document of any
// other shape is refused with "feed.other_format": the loader then renders it
// with news-widget.wasm, which reads every format and gives the final verdict
// (a feed of no known format is a "feed.format" error there, as natively).
#include "feed_formats.hpp"

namespace news_widget {

namespace detail {

bool read_other_format(const json::value&, const feed_request&, diagnostics& diags,
                       const feed_limits&, feed&) {
  diags.fail("feed.other_format", "",
             "not news-widget JSON (version 1), the one format this build of the core reads");
  return false;
}

}  // namespace detail
}  // namespace news_widget
