// The readers of the publishers' own formats (JSON Feed, schema.org JSON-LD,
// the WordPress REST API), which map each onto the one article model.
// Internal to the core: callers use read_feed (feed.hpp).
#pragma once

#include <optional>

#include "news_widget/diagnostic.hpp"
#include "news_widget/feed.hpp"
#include "news_widget/json.hpp"

namespace news_widget::detail {

// Reads a document that is not news-widget v1 into `out` (default-constructed),
// detecting its format from its shape; false with an error when it cannot be
// shown ("feed.format", naming the accepted formats, when it is none of them).
bool read_other_format(const json::value& root, const feed_request& request, diagnostics& diags,
                       const feed_limits& limits, feed& out);

}  // namespace news_widget::detail
