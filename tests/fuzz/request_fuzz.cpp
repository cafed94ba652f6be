// libFuzzer harness for the server's request handling: arbitrary bytes go
// through Beast's request parser with the server's limits, and every request
// it accepts through handle_request against a throwaway site. No response may
// carry the sentinel file that sits outside the root, echo the target into an
// error body, or lack a valid status; nothing may crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http_handler.hpp"
#include "temp_site.hpp"

namespace http = boost::beast::http;
using namespace news_widget::http_server;

namespace {
std::unique_ptr<testing::temp_site> site;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  site = std::make_unique<testing::temp_site>();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(8192);  // as the server's sessions
  parser.body_limit(1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  const request& req = parser.get();
  const response res = handle_request({site->root, site->data}, req);
  const std::string& body = res.body();
  if (body.find(testing::sentinel_text) != std::string::npos) {
    std::fprintf(stderr, "a file outside the root was served\n");
    std::abort();
  }
  const unsigned status = res.result_int();
  if (status < 200 || status > 599) {
    std::fprintf(stderr, "invalid status %u\n", status);
    std::abort();
  }
  // Long enough that a match cannot be a coincidence with the fixed texts
  // ("llow" is in "Method Not Allowed").
  if (status >= 400 && req.target().size() >= 12 &&
      body.find(std::string(req.target())) != std::string::npos) {
    std::fprintf(stderr, "the request target was echoed into an error body\n");
    std::abort();
  }
  return 0;
}
