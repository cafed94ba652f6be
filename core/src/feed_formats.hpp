// The readers of the publishers' own formats (JSON Feed, schema.org JSON-LD,
// the WordPress REST API), which map each onto the one article model.
// Internal to the core: callers use read_feed (feed.hpp).
#pragma once

#include <optional>

#include "news_widget/diagnostic.hpp"
#include "news_widget/feed.hpp"
#include "news_widget/json.hpp"

namespace news_widget::detail {

// Reads a document that is not news-widget v1, detecting its format from its
// shape; a "feed.format" error naming the accepted formats when it is none of them.
std::optional<feed> read_other_format(const json::value& root, const feed_request& request,
                                      diagnostics& diags, const feed_limits& limits);

}  // namespace news_widget::detail
