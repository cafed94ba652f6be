// Diagnostics: every problem the core finds in a feed becomes data, never a crash.
#pragma once

#include <vector>
#include "news_widget/str.hpp"

namespace news_widget {

enum class severity {
  warning,  // the card still renders; the affected part is left out or normalised
  error,    // the card cannot render; the widget shows its error state
};

// One problem found while reading a feed or its options.
struct diagnostic {
  severity level = severity::warning;
  str id;       // stable machine-readable id, e.g. "field.type" (see README)
  str path;     // JSON pointer of the offending value, e.g. "/related/3/title"; "" = whole input
  str message;  // human-readable, e.g. "expected a string, got a number"
};

// Collects diagnostics while a feed is read.
class diagnostics {
 public:
  // `id` is one of the stable ids listed in the README (a string literal).
  void warn(const char* id, str path, str message);
  void fail(const char* id, str path, str message);

  bool has_errors() const { return errors_ > 0; }
  const std::vector<diagnostic>& items() const { return items_; }
  std::vector<diagnostic> take() { return std::move(items_); }

 private:
  void add(severity level, const char* id, str&& path, str&& message);

  std::vector<diagnostic> items_;
  int errors_ = 0;
};

// "path: message" (or just the message for the whole input), as shown to developers.
str describe(const diagnostic& d);

// The diagnostics as a JSON array of {"level","id","path","message"} objects.
str to_json(const std::vector<diagnostic>& items);

}  // namespace news_widget
