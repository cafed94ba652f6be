// URL policy: only http: and https: URLs ever reach the output.
#pragma once

#include <string>
#include <string_view>

namespace news_widget {

struct url_result {
  bool ok = false;
  std::string url;      // absolute http(s) URL (see resolve_url), percent-encoded; empty unless ok
  std::string problem;  // why the URL was refused; empty when ok
};

// Resolves `raw` (absolute, or relative to `base`) to an absolute http: or
// https: URL. Refuses every other scheme (javascript:, data:, vbscript:, ...),
// URLs without a host, and relative URLs when `base` is neither an absolute
// http(s) URL nor a path-absolute one. A path-absolute base ("/api/a", for
// markup rendered ahead for the feed's own origin) keeps relative URLs
// relative to the page's origin: "/media/p.jpg" or "//cdn.example/p.jpg",
// which a browser can only resolve to the page's own http(s) scheme. Spaces, controls, non-ASCII
// bytes and " < > \ ^ ` { | } are percent-encoded so the browser reads the URL exactly as resolved
// here.
url_result resolve_url(std::string_view raw, std::string_view base);

}  // namespace news_widget
