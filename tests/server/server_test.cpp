// The server over real sockets: an in-process server on an ephemeral port of
// 127.0.0.1, and Beast's client API on the other end.
#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <catch2/catch.hpp>

#include "handler_test_support.hpp"
#include "http_handler.hpp"
#include "server.hpp"
#include "temp_site.hpp"

namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace news_widget::http_server;
using news_widget::http_server::testing::fixture_article_id;
using news_widget::http_server::testing::site_directories;
using news_widget::http_server::testing::temp_site;
using namespace std::chrono_literals;

constexpr auto client_timeout = 5s;  // no test may hang on a silent server

server_options test_options(server_options options, std::ostream* log) {
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  options.access_log = log;
  return options;
}

// A server on an ephemeral port, run on its own thread; stopped on destruction.
struct running_server {
  explicit running_server(const temp_site& site, server_options options = {})
      : srv(site_directories(site), test_options(options, &log)), thread([this] { srv.run(); }) {}
  ~running_server() { stop_and_wait(); }

  // Stops gracefully; returns how long run() took to return.
  std::chrono::steady_clock::duration stop_and_wait() {
    if (!thread.joinable()) return {};
    const auto start = std::chrono::steady_clock::now();
    srv.stop();
    thread.join();
    return std::chrono::steady_clock::now() - start;
  }

  std::ostringstream log;  // read only once stopped
  server srv;
  std::thread thread;
};

// One connection, driven synchronously through async operations so that every
// read and write is bounded by client_timeout.
class client {
 public:
  explicit client(unsigned short port) {
    stream_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }

  void send(const request& req) {
    check(run([&](auto handler) { http::async_write(stream_, req, handler); }));
  }

  void send_raw(const std::string& bytes) {
    check(run([&](auto handler) { net::async_write(stream_, net::buffer(bytes), handler); }));
  }

  // `head`: the request was HEAD, so the Content-Length describes no body.
  response receive(bool head = false) {
    http::response_parser<http::string_body> parser;
    parser.skip(head);
    parser.body_limit(16 * 1024 * 1024);
    check(run([&](auto handler) { http::async_read(stream_, buffer_, parser, handler); }));
    return parser.release();
  }

  // A response, or nullopt when the connection fails or closes first.
  std::optional<response> try_receive() {
    http::response_parser<http::string_body> parser;
    const beast::error_code ec =
        run([&](auto handler) { http::async_read(stream_, buffer_, parser, handler); });
    if (ec) return std::nullopt;
    return parser.release();
  }

  // Reads a response's header only, for a test to read the body later.
  void read_header(http::response_parser<http::string_body>& parser) {
    check(run([&](auto handler) { http::async_read_header(stream_, buffer_, parser, handler); }));
  }

  // Reads the rest of the response read_header began.
  void read_rest(http::response_parser<http::string_body>& parser) {
    check(run([&](auto handler) { http::async_read(stream_, buffer_, parser, handler); }));
  }

  // The error of the next read: end_of_stream when the server has closed.
  beast::error_code next_read_error() {
    response res;
    return run([&](auto handler) { http::async_read(stream_, buffer_, res, handler); });
  }

 private:
  template <class Start>
  beast::error_code run(Start start) {
    beast::error_code result = net::error::would_block;
    stream_.expires_after(client_timeout);
    start([&](beast::error_code ec, std::size_t) { result = ec; });
    ioc_.restart();
    ioc_.run();
    return result;
  }

  static void check(const beast::error_code& ec) {
    INFO(ec.message());
    REQUIRE(!ec);
  }

  net::io_context ioc_;
  beast::tcp_stream stream_{ioc_};
  beast::flat_buffer buffer_;
};

// True when nothing listens on `port` any more (the connection is refused).
bool connection_refused(unsigned short port) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  beast::error_code ec;
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  return ec == net::error::connection_refused;
}

// Polls `condition` every 10 ms for up to `limit`; its last answer.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = 3s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

request get_request(const std::string& target, http::verb method = http::verb::get) {
  request req{method, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::user_agent, "news-widget-server-tests");
  return req;
}

}  // namespace

TEST_CASE(
    "Over one keep-alive connection the server answers a GET and two pipelined requests, "
    "then stops gracefully",
    "[server]") {
  temp_site site;
  running_server server(site);
  REQUIRE(server.srv.port() != 0);
  CHECK(server.srv.url() == "http://127.0.0.1:" + std::to_string(server.srv.port()) + "/");
  client c(server.srv.port());

  c.send(get_request("/healthz"));
  const response health = c.receive();
  CHECK(health.result() == http::status::ok);
  CHECK(health.body() == "ok " + std::string(server_version()) + "\n");
  CHECK(health.keep_alive());
  CHECK(!health[http::field::date].empty());

  // Both requests leave before either response is read.
  c.send(get_request("/widget.wasm"));
  c.send(get_request("/api/articles/" + fixture_article_id));
  const response wasm = c.receive();
  const response article = c.receive();
  CHECK(wasm.result() == http::status::ok);
  CHECK(wasm[http::field::content_type] == "application/wasm");
  CHECK(wasm.body() == site.widget_wasm);
  CHECK(article.result() == http::status::ok);
  CHECK(article[http::field::content_type] == "application/json; charset=utf-8");
  CHECK(article.body() == site.fixture_article());

  // The connection is still open and idle: stopping must close it, not wait for it.
  CHECK(server.stop_and_wait() < 3s);
  CHECK(c.next_read_error() == http::error::end_of_stream);

  const std::string log = server.log.str();
  CHECK(std::count(log.begin(), log.end(), '\n') == 3);
  CHECK(log.find(" GET /healthz 200 ") != std::string::npos);
  CHECK(log.find(" GET /widget.wasm 200 8\n") != std::string::npos);
  CHECK(log.find(" 127.0.0.1:") != std::string::npos);
}

TEST_CASE("Pipelined requests beyond the queue cap are all answered in order", "[server]") {
  temp_site site;
  server_options options;
  options.max_queued_responses = 2;
  running_server server(site, options);
  client c(server.srv.port());

  constexpr int count = 20;
  std::string burst;
  for (int i = 0; i < count; ++i) {
    burst += std::string("GET ") + (i % 2 == 0 ? "/app.js" : "/sub/") +
             " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }
  c.send_raw(burst);
  for (int i = 0; i < count; ++i) {
    CAPTURE(i);
    const response res = c.receive();
    CHECK(res.result() == http::status::ok);
    CHECK(res.body() == (i % 2 == 0 ? site.app_js : site.sub_index_html));
  }
}

TEST_CASE("A HEAD response is framed so that the next response on the connection reads correctly",
          "[server]") {
  temp_site site;
  running_server server(site);
  client c(server.srv.port());
  c.send(get_request("/app.js", http::verb::head));
  c.send(get_request("/app.js"));
  const response head = c.receive(true);
  const response get = c.receive();
  CHECK(head.result() == http::status::ok);
  CHECK(head[http::field::content_length] == std::to_string(site.app_js.size()));
  CHECK(head.body().empty());
  CHECK(get.body() == site.app_js);
}

TEST_CASE("Requests the parser or the handler refuses are answered and the connection closed",
          "[server]") {
  temp_site site;
  running_server server(site);
  const auto [raw, status] = GENERATE(table<std::string, http::status>({
      {"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n",
       http::status::request_header_fields_too_large},
      {"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b'),
       http::status::payload_too_large},
      {"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
       http::status::payload_too_large},
      {"NOT HTTP AT ALL\r\n\r\n", http::status::bad_request},
      {"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", http::status::bad_request},
      {"GET /../secret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
       http::status::bad_request},
  }));
  CAPTURE(raw.substr(0, 40));
  client c(server.srv.port());
  c.send_raw(raw);
  const response res = c.receive();
  CHECK(res.result() == status);
  CHECK_FALSE(res.keep_alive());
  CHECK(res[http::field::server] == "news-widget-server");
  CHECK(c.next_read_error() == http::error::end_of_stream);
}

TEST_CASE("A connection that sends nothing is closed after the header timeout", "[server]") {
  temp_site site;
  server_options options;
  options.header_timeout = 200ms;
  running_server server(site, options);
  client c(server.srv.port());
  const auto start = std::chrono::steady_clock::now();
  CHECK(c.next_read_error() == http::error::end_of_stream);
  CHECK(std::chrono::steady_clock::now() - start < 3s);
}

TEST_CASE("A server with no connections stops at once", "[server]") {
  temp_site site;
  running_server server(site);
  CHECK(server.stop_and_wait() < 1s);
}

TEST_CASE("A server cannot start on a port in use or a host that is not an IP address",
          "[server]") {
  temp_site site;
  running_server first(site);
  server_options same_port;
  same_port.port = first.srv.port();
  CHECK_THROWS_AS(server(site_directories(site), same_port), std::system_error);
  server_options bad_host;
  bad_host.host = "not-an-ip";
  bad_host.port = 0;
  CHECK_THROWS_AS(server(site_directories(site), bad_host), std::system_error);
}

TEST_CASE("Connections beyond max_connections are answered 503 and closed until a slot frees",
          "[server][connections]") {
  temp_site site;
  server_options options;
  options.max_connections = 2;
  running_server server(site, options);
  const unsigned short port = server.srv.port();

  // Two connections the server has certainly accepted: each has been answered.
  std::optional<client> first(std::in_place, port);
  client second(port);
  for (client* c : {&*first, &second}) {
    c->send(get_request("/healthz"));
    CHECK(c->receive().result() == http::status::ok);
  }

  for (int i = 0; i < 3; ++i) {
    client over(port);
    over.send(get_request("/healthz"));
    const response refused = over.receive();
    CHECK(refused.result() == http::status::service_unavailable);
    CHECK(refused[http::field::retry_after] == "1");
    CHECK_FALSE(refused.keep_alive());
    CHECK(refused.body() == "Service Unavailable\n");
    CHECK(over.next_read_error() == http::error::end_of_stream);
  }

  // The connections within the limit still work.
  second.send(get_request("/app.js"));
  CHECK(second.receive().body() == site.app_js);

  // Once one of them closes, a new connection is served again.
  first.reset();
  CHECK(eventually([&] {
    client again(port);
    again.send(get_request("/healthz"));
    const std::optional<response> res = again.try_receive();
    return res && res->result() == http::status::ok;
  }));

  server.stop_and_wait();
  const std::string log = server.log.str();
  CHECK(log.find(" - - 503 20\n") != std::string::npos);
}

TEST_CASE("At the limit a new connection takes the place of one slow to send its request",
          "[server][connections]") {
  temp_site site;
  server_options options;
  options.max_connections = 2;
  options.slow_request_grace = 100ms;
  running_server server(site, options);
  const unsigned short port = server.srv.port();

  // Slowloris: request headers begun and never finished.
  client slow_first(port);
  slow_first.send_raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: b\r\n");
  std::this_thread::sleep_for(50ms);
  client slow_second(port);
  slow_second.send_raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  std::this_thread::sleep_for(150ms);  // both past the grace

  client normal(port);
  normal.send(get_request("/healthz"));
  CHECK(normal.receive().result() == http::status::ok);
  // The one that had waited longer made room; the other is still open.
  CHECK(slow_first.next_read_error() == http::error::end_of_stream);
  normal.send(get_request("/app.js"));
  CHECK(normal.receive().body() == site.app_js);

  // A second newcomer takes the other slow connection's place.
  std::this_thread::sleep_for(150ms);
  client another(port);
  another.send(get_request("/healthz"));
  CHECK(another.receive().result() == http::status::ok);
  CHECK(slow_second.next_read_error() == http::error::end_of_stream);
}

TEST_CASE("At the limit connections within the grace or resting between requests keep their place",
          "[server][connections]") {
  temp_site site;
  server_options options;
  options.max_connections = 2;
  options.slow_request_grace = 10s;
  running_server server(site, options);
  const unsigned short port = server.srv.port();
  client slow(port);
  slow.send_raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");  // slow, but not for 10 s yet
  client resting(port);
  resting.send(get_request("/healthz"));
  CHECK(resting.receive().result() == http::status::ok);

  client over(port);
  over.send(get_request("/healthz"));
  CHECK(over.receive().result() == http::status::service_unavailable);

  // Both are still served.
  slow.send_raw("\r\n");
  CHECK(slow.receive().body() == site.index_html);
  resting.send(get_request("/app.js"));
  CHECK(resting.receive().body() == site.app_js);
}

TEST_CASE("A request header trickled in is cut off at the header timeout", "[server][timeouts]") {
  temp_site site;
  server_options options;
  options.header_timeout = 600ms;  // with room for a busy machine between the sends below
  running_server server(site, options);
  client c(server.srv.port());
  c.send(get_request("/healthz"));  // a first request, answered at once
  CHECK(c.receive().result() == http::status::ok);

  const auto start = std::chrono::steady_clock::now();
  c.send_raw("GET /app.js HTTP/1.1\r\n");
  for (int i = 0; i < 2; ++i) {  // a header line now and then, never the end
    std::this_thread::sleep_for(150ms);
    c.send_raw("X-Slow: " + std::to_string(i) + "\r\n");
  }
  CHECK(c.next_read_error() == http::error::end_of_stream);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(took >= 600ms);
  CHECK(took < 3s);
}

TEST_CASE("A keep-alive connection is closed after the idle timeout, not before",
          "[server][timeouts]") {
  temp_site site;
  server_options options;
  // The header timeout also bounds the wait for a new connection's first
  // request: wide enough that a busy machine does not trip it.
  options.header_timeout = 400ms;
  options.idle_timeout = 1500ms;
  running_server server(site, options);
  client c(server.srv.port());
  for (int i = 0; i < 3; ++i) {  // resting longer than the header timeout between requests
    c.send(get_request("/healthz"));
    CHECK(c.receive().result() == http::status::ok);
    std::this_thread::sleep_for(600ms);
  }
  const auto start = std::chrono::steady_clock::now();
  CHECK(c.next_read_error() == http::error::end_of_stream);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(took >= 600ms);  // 1,500 ms after the last request, 600 of them slept above
  CHECK(took < 4s);
}

TEST_CASE(
    "Stopping with a large response in flight finishes it and the pipelined one, and refuses "
    "new connections",
    "[server][shutdown]") {
  temp_site site;
  // Far more than the socket buffers hold: the server is still writing when
  // stop() is called, as the client reads nothing but the header until then.
  std::string big(48u * 1024 * 1024, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + (i * 7) % 26);
  news_widget::http_server::testing::write_bytes(site.root / "big.bin", big);
  running_server server(site);
  const unsigned short port = server.srv.port();

  client c(port);
  c.send_raw(
      "GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
      "GET /app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  http::response_parser<http::string_body> parser;
  parser.body_limit(64u * 1024 * 1024);
  c.read_header(parser);
  REQUIRE(parser.get().result() == http::status::ok);
  REQUIRE(parser.content_length().value_or(0) == big.size());

  server.srv.stop();
  CHECK(eventually([&] { return connection_refused(port); }));

  c.read_rest(parser);
  const response in_flight = parser.release();
  CHECK(in_flight.body().size() == big.size());
  const bool complete = in_flight.body() == big;  // not CHECKed directly: no 48 MiB expansion
  CHECK(complete);
  const response pipelined = c.receive();
  CHECK(pipelined.result() == http::status::ok);
  CHECK(pipelined.body() == site.app_js);
  CHECK(c.next_read_error() == http::error::end_of_stream);
  CHECK(server.stop_and_wait() < 3s);
}

TEST_CASE("The public URL defaults to the address the server is bound to", "[server][oembed]") {
  temp_site site;
  running_server server(site);
  client c(server.srv.port());
  c.send(get_request("/oembed?url=http%3A%2F%2Fx.example%2F" + fixture_article_id));
  const response res = c.receive();
  CHECK(res.result() == http::status::ok);
  const std::string origin = "http://127.0.0.1:" + std::to_string(server.srv.port());
  CHECK(res.body().find("\"provider_url\":\"" + origin + "\"") != std::string::npos);
  CHECK(res.body().find("<news-widget src=\\\"" + origin + "/api/articles/" + fixture_article_id) !=
        std::string::npos);
}
