// The router: checks the method and the target, then hands the request to
// an endpoint (endpoints.hpp) or to the static files; handle_request adds what
// every response carries.
#include "http_handler.hpp"

#include <algorithm>
#include <filesystem>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include "article_index.hpp"
#include "body_coding.hpp"
#include "endpoints.hpp"
#include "http_text.hpp"
#include "news_widget/text.hpp"
#include "responses.hpp"
#include "static_files.hpp"

namespace news_widget::http_server {
namespace {

namespace fs = std::filesystem;

response route(const server_config& config, file_cache* cache, article_index& articles,
               const request& req) {
  switch (req.method()) {
    case http::verb::get:
    case http::verb::head:
      break;
    case http::verb::options:
      return preflight_response();
    default: {
      response res = plain_response(http::status::method_not_allowed);
      res.set(http::field::allow, allowed_methods);
      return res;
    }
  }
  // Nothing here takes a body; a small one reaches us (larger ones are
  // stopped by the session's parser limit) and is refused the same way.
  if (!req.body().empty() || req.chunked()) return plain_response(http::status::payload_too_large);

  const std::string_view target = req.target();
  if (target.empty() || target.front() != '/') return plain_response(http::status::bad_request);
  const std::size_t path_end = target.find_first_of("?#");
  const std::optional<std::string> decoded = percent_decode_path(target.substr(0, path_end));
  if (!decoded) return plain_response(http::status::bad_request);
  std::string_view query;
  if (path_end != std::string_view::npos && target[path_end] == '?') {
    query = target.substr(path_end + 1);
    query = query.substr(0, query.find('#'));
  }
  const std::string_view path = *decoded;
  const bool has_bad_char = std::any_of(path.begin(), path.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || c == '\\';
  });
  if (has_bad_char) return plain_response(http::status::bad_request);

  // Calls `visit` with each '/'-separated segment of the path (after the
  // first '/') until it returns false; false then.
  const auto each_segment = [&path](auto&& visit) {
    for (std::size_t start = 1; start <= path.size();) {
      const std::size_t end = std::min(path.find('/', start), path.size());
      if (!visit(path.substr(start, end - start))) return false;
      start = end + 1;
    }
    return true;
  };
  if (!each_segment([](std::string_view segment) { return segment != ".."; })) {
    return plain_response(http::status::bad_request);
  }

  if (path == "/healthz") {
    response res{http::status::ok, 11};
    res.set(http::field::content_type, text_plain);
    res.set(http::field::cache_control, "no-store");
    res.body() = "ok " + std::string(server_version()) + "\n";
    return res;
  }
  if (path == "/api" || starts_with(path, "/api/")) return serve_api(config, cache, path, req);
  if (path == "/render" || starts_with(path, render_prefix)) {
    return serve_render(config, cache, path.substr(std::min(path.size(), render_prefix.size())),
                        query, req);
  }
  if (path == "/oembed") return serve_oembed(config, cache, articles, query);
  // The embed tool: a static page that asks /oembed for what it shows.
  if (path == "/embed") {
    return serve_file(cache, config.root, fs::path("embed.html"), req, cache_policy::static_file);
  }

  std::string rel;  // the path below the root: its segments joined by '/'
  rel.reserve(path.size());
  const bool no_dotfile = each_segment([&rel](std::string_view segment) {
    if (segment.empty()) return true;  // "//a" and "/a/" name what "/a" names
    // Dotfiles (.git, .env, .htpasswd, "." itself) are never served.
    if (segment.front() == '.') return false;
    if (!rel.empty()) rel += '/';
    rel.append(segment.data(), segment.size());
    return true;
  });
  if (!no_dotfile) return plain_response(http::status::not_found);
  return serve_file(cache, config.root, fs::path(std::move(rel)), req, cache_policy::static_file,
                    path.back() == '/');
}

// The responses made per request: /api, /render/..., /oembed.
bool is_dynamic(std::string_view target) {
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  return starts_with(path, "/api/") || starts_with(path, render_prefix) || path == "/oembed";
}

// A dynamic response's body in the coding the client takes best (br, gzip),
// and Vary: Accept-Encoding for any cache in between. Bodies too short to
// gain, parts of a body (206) and bodies already coded (a precompressed
// sibling) go out as they are.
void encode_dynamic(response& res, const request& req) {
  const auto status = res.result();
  if (status != http::status::ok && status != http::status::unprocessable_entity) return;
  add_vary(res, "Accept-Encoding");
  if (res.count(http::field::content_encoding) || res.count(http::field::content_range) ||
      res.body().size() < min_coded_body_bytes) {
    return;
  }
  const body_coding coding = choose_body_coding(req[http::field::accept_encoding]);
  if (coding == body_coding::identity) return;
  std::optional<std::string> coded = encode_body(res.body(), coding);
  if (!coded) return;
  res.body() = std::move(*coded);
  res.set(http::field::content_encoding, coding_token(coding));
}

}  // namespace

response handle_request(const server_config& config, const request& req, file_cache* cache,
                        article_index* articles) {
  std::optional<article_index> own_index;
  if (!articles) articles = &own_index.emplace(config.data);
  response res = route(config, cache, *articles, req);
  if (is_dynamic(req.target())) encode_dynamic(res, req);
  add_common_headers(res, config, req[http::field::origin]);
  res.version(req.version());
  // After a refused body the client may still be sending: do not read on.
  res.keep_alive(req.keep_alive() && res.result() != http::status::payload_too_large);
  const auto status = res.result();
  if (status == http::status::no_content || status == http::status::not_modified) {
    res.body().clear();
    res.erase(http::field::content_length);
  } else if (req.method() == http::verb::head) {
    const std::size_t size = res.body().size();
    res.body().clear();
    res.content_length(size);  // what GET would send
  } else {
    res.prepare_payload();
  }
  return res;
}

std::optional<std::string> percent_decode_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      out.push_back(path[i]);
      continue;
    }
    if (i + 2 >= path.size()) return std::nullopt;  // "%" or "%2" at the end
    const int high = hex_digit(path[i + 1]);
    const int low = hex_digit(path[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    const int value = high * 16 + low;
    if (value == 0) return std::nullopt;
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

}  // namespace news_widget::http_server
