// Dynamic responses (/api, /render, /oembed) in the coding the client takes
// best, with Vary: Accept-Encoding; the same validators for every coding.
#include <brotli/decode.h>
#include <zlib.h>

#include <string>

#include <catch2/catch.hpp>

#include "body_coding.hpp"
#include "handler_test_support.hpp"
#include "http_handler.hpp"
#include "temp_site.hpp"

namespace {

using namespace news_widget::http_server;
using news_widget::http_server::testing::fixture_article_id;
using news_widget::http_server::testing::header;
using news_widget::http_server::testing::make_request;
using news_widget::http_server::testing::site_config;
using news_widget::http_server::testing::temp_site;
using news_widget::http_server::testing::write_bytes;

response get(const temp_site& site, const std::string& target, const std::string& accept_encoding,
             http::verb method = http::verb::get) {
  request req = make_request(method, target);
  if (!accept_encoding.empty()) req.set(http::field::accept_encoding, accept_encoding);
  return handle_request(site_config(site), req);
}

std::string gunzip(const std::string& coded) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(coded.data()));
  stream.avail_in = static_cast<uInt>(coded.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  CHECK(result == Z_STREAM_END);
  return out;
}

std::string unbrotli(const std::string& coded) {
  std::string out(1 << 20, '\0');
  std::size_t size = out.size();
  CHECK(BrotliDecoderDecompress(coded.size(), reinterpret_cast<const std::uint8_t*>(coded.data()),
                                &size, reinterpret_cast<std::uint8_t*>(out.data())) ==
        BROTLI_DECODER_RESULT_SUCCESS);
  out.resize(size);
  return out;
}

}  // namespace

TEST_CASE("/api, /render and /oembed answer in br or gzip as Accept-Encoding allows, with Vary",
          "[server][coding]") {
  temp_site site;
  const std::string target =
      GENERATE(std::string("/api/articles/") + fixture_article_id,
               std::string("/render/") + fixture_article_id + "?width=600&format=shadow-root",
               std::string("/oembed?url=https%3A%2F%2Fwidgets.example%2Fapi%2Farticles%2F") +
                   fixture_article_id);
  const auto [accept_encoding, coding] = GENERATE(table<std::string, std::string>({
      {"br, gzip", "br"},
      {"gzip, deflate, br, zstd", "br"},
      {"gzip", "gzip"},
      {"x-gzip", "gzip"},
      {"br;q=0, gzip", "gzip"},
      {"*", "br"},
      {"", ""},
      {"identity", ""},
      {"deflate", ""},
  }));
  CAPTURE(target, accept_encoding);
  const response plain = get(site, target, "");
  const response res = get(site, target, accept_encoding);
  REQUIRE(plain.result() == http::status::ok);
  REQUIRE(res.result() == http::status::ok);
  CHECK(header(res, http::field::vary).find("Accept-Encoding") != std::string::npos);
  CHECK(header(res, http::field::content_encoding) == coding);
  CHECK(header(res, http::field::etag) == header(plain, http::field::etag));
  CHECK(header(res, http::field::content_type) == header(plain, http::field::content_type));
  if (coding == "br") {
    CHECK(res.body().size() < plain.body().size() / 2);
    CHECK(unbrotli(res.body()) == plain.body());
  } else if (coding == "gzip") {
    CHECK(res.body().size() < plain.body().size() / 2);
    CHECK(gunzip(res.body()) == plain.body());
  } else {
    CHECK(res.body() == plain.body());
  }
  // HEAD: the length GET would send, in the same coding.
  const response head = get(site, target, accept_encoding, http::verb::head);
  CHECK(head.body().empty());
  CHECK(header(head, http::field::content_length) == std::to_string(res.body().size()));
  CHECK(header(head, http::field::content_encoding) == coding);
}

TEST_CASE("A coded response keeps its ETag, so If-None-Match gives 304 in any coding",
          "[server][coding]") {
  temp_site site;
  const std::string target = GENERATE(std::string("/api/articles/") + fixture_article_id,
                                      std::string("/render/") + fixture_article_id);
  CAPTURE(target);
  const std::string etag = header(get(site, target, "br"), http::field::etag);
  REQUIRE(!etag.empty());
  request req = make_request(http::verb::get, target);
  req.set(http::field::accept_encoding, "gzip");
  req.set(http::field::if_none_match, etag);
  const response res = handle_request(site_config(site), req);
  CHECK(res.result() == http::status::not_modified);
  CHECK(res.body().empty());
}

TEST_CASE("Short and partial dynamic responses go out as they are", "[server][coding]") {
  temp_site site;
  // A 404's short JSON: not worth a coding.
  const response missing = get(site, "/api/articles/nope", "br");
  CHECK(missing.result() == http::status::not_found);
  CHECK(header(missing, http::field::content_encoding).empty());
  // A range of the feed: bytes of the file as it is.
  request req = make_request(http::verb::get, "/api/articles/" + fixture_article_id);
  req.set(http::field::accept_encoding, "br");
  req.set(http::field::range, "bytes=0-399");
  const response part = handle_request(site_config(site), req);
  CHECK(part.result() == http::status::partial_content);
  CHECK(header(part, http::field::content_encoding).empty());
  CHECK(part.body().size() == 400);
  // A feed the core refuses: its diagnostics are coded like any answer.
  write_bytes(site.data / "untitled.json", R"({"version":1,"article":{"lead":"x"}})");
  const response refused = get(site, "/render/untitled", "gzip");
  CHECK(refused.result() == http::status::unprocessable_entity);
  CHECK(header(refused, http::field::vary).find("Accept-Encoding") != std::string::npos);
}

TEST_CASE("choose_body_coding prefers br, then gzip, and never refuses", "[server][coding]") {
  CHECK(choose_body_coding("gzip, br") == body_coding::br);
  CHECK(choose_body_coding("br;q=0.1, gzip;q=1") == body_coding::br);
  CHECK(choose_body_coding("gzip;q=0") == body_coding::identity);
  CHECK(choose_body_coding("*;q=0") == body_coding::identity);
  CHECK(coding_token(body_coding::gzip) == "gzip");
  CHECK(coding_token(body_coding::br) == "br");
}

TEST_CASE("/embed is the embed tool's page", "[server]") {
  temp_site site;
  write_bytes(site.root / "embed.html", "<!doctype html><title>Embed tool</title>");
  const response res = get(site, "/embed?url=https%3A%2F%2Fx.example%2Fa", "");
  CHECK(res.result() == http::status::ok);
  CHECK(header(res, http::field::content_type) == "text/html; charset=utf-8");
  CHECK(res.body() == "<!doctype html><title>Embed tool</title>");
}
