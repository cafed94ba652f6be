#include "body_coding.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include "http_fields.hpp"

namespace news_widget::http_server {
namespace {

// Levels for bodies compressed on every request: most of the gain at a
// small part of the highest levels' time.
constexpr int brotli_quality = 5;
constexpr int gzip_level = 6;

std::optional<std::string> gzip(std::string_view body) {
  z_stream stream{};
  // windowBits 15 + 16: a gzip header and trailer around the deflate data.
  if (deflateInit2(&stream, gzip_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  const std::size_t written = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

std::optional<std::string> brotli(std::string_view body) {
  std::size_t size = BrotliEncoderMaxCompressedSize(body.size());
  if (size == 0) return std::nullopt;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(brotli_quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, body.size(),
                             reinterpret_cast<const std::uint8_t*>(body.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data()))) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

}  // namespace

body_coding choose_body_coding(std::string_view accept_encoding) {
  if (coding_quality(accept_encoding, "br") > 0) return body_coding::br;
  if (coding_quality(accept_encoding, "gzip") > 0) return body_coding::gzip;
  return body_coding::identity;
}

std::string_view coding_token(body_coding coding) {
  switch (coding) {
    case body_coding::gzip:
      return "gzip";
    case body_coding::br:
      return "br";
    case body_coding::identity:
      break;
  }
  return "identity";
}

std::optional<std::string> encode_body(std::string_view body, body_coding coding) {
  switch (coding) {
    case body_coding::gzip:
      return gzip(body);
    case body_coding::br:
      return brotli(body);
    case body_coding::identity:
      break;
  }
  return std::string(body);
}

}  // namespace news_widget::http_server
