// URL policy: only http: and https: URLs ever reach the output.
#pragma once

#include <string>
#include <string_view>

namespace news_widget {

struct url_result {
  bool ok = false;
  std::string url;      // absolute http(s) URL, percent-encoded where needed; empty unless ok
  std::string problem;  // why the URL was refused; empty when ok
};

// Resolves `raw` (absolute, or relative to `base`) to an absolute http: or
// https: URL. Refuses every other scheme (javascript:, data:, vbscript:, ...),
// URLs without a host, and relative URLs when `base` is not itself an absolute
// http(s) URL. Spaces, controls, non-ASCII bytes and " < > \ ^ ` { | } are
// percent-encoded so the browser reads the URL exactly as resolved here.
url_result resolve_url(std::string_view raw, std::string_view base);

}  // namespace news_widget
