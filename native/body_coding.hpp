// body_coding: gzip and brotli for the server's dynamic responses (/api,
// /render, /oembed). Native only: the core stays free of third-party code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace news_widget::http_server {

// A content coding the server can send a body in.
enum class body_coding { identity, gzip, br };

// "gzip", "br" or "identity": the Content-Encoding token.
std::string_view coding_token(body_coding coding);

// The coding for a body given the request's Accept-Encoding: br when the
// client takes it, else gzip, else the body as it is (the server never
// answers 406).
body_coding choose_body_coding(std::string_view accept_encoding);

// `body` in `coding` (a gzip member, RFC 1952; a brotli stream, RFC 7932),
// at a level for responses made per request; nullopt if the library fails,
// and then the body goes out as it is.
std::optional<std::string> encode_body(std::string_view body, body_coding coding);

// Bodies shorter than this go out as they are: the coding's own framing and
// the header would eat the gain.
constexpr std::size_t min_coded_body_bytes = 256;

}  // namespace news_widget::http_server
