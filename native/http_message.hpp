// The request and response types every part of the server speaks.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

namespace news_widget::http_server {

namespace http = boost::beast::http;

using request = http::request<http::string_body>;
// Every response, files included, carries its body as a string: the served
// files are small (a page, the widget script, its wasm, article JSON).
using response = http::response<http::string_body>;

}  // namespace news_widget::http_server
