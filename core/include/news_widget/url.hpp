// URL policy: only http: and https: URLs ever reach the output.
#pragma once

#include <string_view>
#include "news_widget/str.hpp"

namespace news_widget {

struct url_result {
  bool ok = false;
  str url;      // absolute http(s) URL (see resolve_url), percent-encoded; empty unless ok
  str problem;  // why the URL was refused; empty when ok
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

// Decodes one key or value of an application/x-www-form-urlencoded query
// string: '+' is a space, %XX a byte; a malformed escape stays as it is. The
// bytes come out as decoded (not checked as UTF-8). The one query decoder:
// the core's options and the native server's endpoints both read with it.
str form_decode(std::string_view text);

}  // namespace news_widget
