#include "static_files.hpp"

#include <boost/beast/http/field.hpp>

#include "http_fields.hpp"
#include "http_text.hpp"
#include "news_widget/text.hpp"
#include "responses.hpp"

namespace news_widget::http_server {
namespace {

namespace fs = std::filesystem;

// `length` bytes of `version` from `offset`: from memory when it is loaded.
std::optional<std::string> read_version(const file_version& version, std::uint64_t offset,
                                        std::uint64_t length) {
  if (!version.content) return read_file_range(version.path, offset, length);
  const std::string& content = *version.content;
  if (offset >= content.size()) return std::string();
  return content.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
}

// Types worth compressing: a cache in front of us must key them on Accept-Encoding.
bool is_compressible(std::string_view type) {
  return starts_with(type, "text/") || starts_with(type, "application/json") ||
         type == "application/wasm" || type == "image/svg+xml";
}

// The Cache-Control value for a file of `type` asked for as `request_name`.
std::string_view cache_control_for(cache_policy policy, std::string_view request_name,
                                   std::string_view type) {
  if (policy != cache_policy::static_file) return cache_shared;
  if (has_content_hash(request_name)) return cache_immutable;
  if (request_name == loader_file_name) return cache_loader;
  if (!starts_with(type, "text/html") && !starts_with(type, "application/json")) {
    return cache_hour;
  }
  return cache_revalidate;
}

// What to send of a file: itself or a precompressed sibling.
struct chosen_encoding {
  const file_version* selected = nullptr;
  std::string_view encoding;  // the Content-Encoding; "" for the file itself
};

// Content negotiation between the file and its precompressed siblings.
chosen_encoding choose_encoding(const static_file& found, std::string_view accept_encoding) {
  chosen_encoding chosen{&found.file, {}};
  // Identity competes only when the client lists it (or "*"): "br;q=0.5"
  // still means the client takes br, and a smaller file is the better answer.
  double best_quality = listed_quality(accept_encoding, "identity").value_or(0.0);
  if (found.gz) {
    const double q = coding_quality(accept_encoding, "gzip");
    if (q > 0 && q >= best_quality) {
      chosen = {&*found.gz, "gzip"};
      best_quality = q;
    }
  }
  if (found.br) {
    const double q = coding_quality(accept_encoding, "br");
    if (q > 0 && q >= best_quality) chosen = {&*found.br, "br"};  // >=: br wins a tie with gzip
  }
  return chosen;
}

// The answer to a Range `range` of `selected` (`size` bytes): 416 with the
// validators of `res`, 206 with the part, or 200 with the whole, each with
// `type`; 404 when the file cannot be read.
response answer_range(response res, const file_version& selected, std::uint64_t size,
                      const range_request& range, std::string_view type) {
  if (range.kind == range_request::unsatisfiable) {
    response refused = plain_response(http::status::range_not_satisfiable);
    for (const http::field f :
         {http::field::etag, http::field::last_modified, http::field::cache_control,
          http::field::accept_ranges, http::field::vary}) {
      if (res.find(f) != res.end()) refused.set(f, res[f]);
    }
    refused.set(http::field::content_range, "bytes */" + std::to_string(size));
    return refused;
  }
  const bool partial = range.kind == range_request::satisfiable;
  std::optional<std::string> body =
      partial ? read_version(selected, range.first, range.last - range.first + 1)
              : read_whole(selected);
  // Unreadable (permissions): answered as absent, as nothing useful can be said.
  if (!body) return plain_response(http::status::not_found);
  if (partial) {
    res.result(http::status::partial_content);
    res.set(http::field::content_range, "bytes " + std::to_string(range.first) + "-" +
                                            std::to_string(range.last) + "/" +
                                            std::to_string(size));
  }
  res.set(http::field::content_type, type);
  res.body() = std::move(*body);
  return res;
}

}  // namespace

std::string_view mime_type(std::string_view file_name) {
  const std::size_t slash = file_name.find_last_of('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  const std::size_t dot = file_name.find_last_of('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const std::string ext = to_lower(file_name.substr(dot + 1));

  struct entry {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr entry table[] = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},  // RFC 9239
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"wasm", "application/wasm"},  // required by WebAssembly.instantiateStreaming
      {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"webp", "image/webp"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
      {"ico", "image/x-icon"},
  };
  for (const entry& e : table) {
    if (e.ext == ext) return e.type;
  }
  return "application/octet-stream";
}

bool has_content_hash(std::string_view file_name) {
  // The segments between the first dot and the last one.
  const std::size_t first_dot = file_name.find('.');
  const std::size_t last_dot = file_name.rfind('.');
  if (first_dot == last_dot) return false;  // no dot, or one: no middle segment
  std::string_view middle = file_name.substr(first_dot + 1, last_dot - first_dot - 1);
  while (true) {
    const std::size_t dot = middle.find('.');
    const std::string_view s = middle.substr(0, dot);
    if (s.size() >= 8 &&
        std::all_of(s.begin(), s.end(), [](char c) { return hex_digit(c) >= 0; })) {
      return true;
    }
    if (dot == std::string_view::npos) return false;
    middle.remove_prefix(dot + 1);
  }
}

std::shared_ptr<const static_file> find_file(file_cache* cache, const fs::path& base_dir,
                                             const fs::path& rel, bool want_directory) {
  return cache ? cache->find(base_dir, rel, want_directory)
               : find_static_file(base_dir, rel, want_directory);
}

std::optional<std::string> read_whole(const file_version& version) {
  if (version.content) return *version.content;
  return read_file_range(version.path, 0, static_cast<std::uint64_t>(version.st.st_size));
}

response serve_file(file_cache* cache, const fs::path& base_dir, const fs::path& rel,
                    const request& req, cache_policy policy, bool want_directory) {
  const std::shared_ptr<const static_file> found = find_file(cache, base_dir, rel, want_directory);
  if (!found) return plain_response(http::status::not_found);
  const file_version& file = found->file;
  if (static_cast<std::uintmax_t>(file.st.st_size) > max_file_bytes) {
    return plain_response(http::status::internal_server_error);
  }
  // The name the URL used: a symlink "app.js" to "app.3fa9c2d1.js" is not versioned.
  const std::string request_name =
      found->directory_index ? std::string("index.html") : rel.filename().string();
  const std::string_view type = mime_type(file.path);
  const chosen_encoding chosen = choose_encoding(*found, req[http::field::accept_encoding]);

  const std::string& etag = chosen.selected->etag;
  const std::time_t mtime = file.st.st_mtime;
  response res{http::status::ok, 11};
  res.set(http::field::etag, etag);
  res.set(http::field::last_modified, found->last_modified);
  res.set(http::field::cache_control, cache_control_for(policy, request_name, type));
  res.set(http::field::accept_ranges, "bytes");
  if (found->br || found->gz || is_compressible(type)) add_vary(res, "Accept-Encoding");
  if (!chosen.encoding.empty()) res.set(http::field::content_encoding, chosen.encoding);
  if (is_not_modified(req, etag, mtime)) {
    res.result(http::status::not_modified);
    return res;
  }

  const auto size = static_cast<std::uint64_t>(chosen.selected->st.st_size);
  range_request range;
  if (const std::string_view header = req[http::field::range];
      !header.empty() && if_range_allows(req, etag, mtime)) {
    range = parse_range(header, size);
  }
  return answer_range(std::move(res), *chosen.selected, size, range, type);
}

}  // namespace news_widget::http_server
