#include "news_widget/diagnostic.hpp"

#include "news_widget/text.hpp"

namespace news_widget {

void diagnostics::add(severity level, const char* id, str&& path, str&& message) {
  items_.push_back({level, id, std::move(path), std::move(message)});
  if (level == severity::error) ++errors_;
}

void diagnostics::warn(const char* id, str path, str message) {
  add(severity::warning, id, std::move(path), std::move(message));
}

void diagnostics::fail(const char* id, str path, str message) {
  add(severity::error, id, std::move(path), std::move(message));
}

str describe(const diagnostic& d) {
  if (d.path.empty()) return d.message;
  return concat({d.path, ": ", d.message});
}

str to_json(const std::vector<diagnostic>& items) {
  str out = "[";
  for (const diagnostic& d : items) {
    if (out.size() > 1) out += ',';
    out += "{\"level\":";
    append_json_string(out, d.level == severity::error ? "error" : "warning");
    out += ",\"id\":";
    append_json_string(out, d.id);
    out += ",\"path\":";
    append_json_string(out, d.path);
    out += ",\"message\":";
    append_json_string(out, d.message);
    out += '}';
  }
  out += ']';
  return out;
}

}  // namespace news_widget
