// One connection: reads a request, answers it with handle_request and writes
// the responses back in order (pipelining allowed, with a cap on the queue),
// with a deadline on every read and write; and the header serializer the
// writes use. Internal to the server.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "http_message.hpp"
#include "server_state.hpp"

namespace news_widget::http_server {

// `res`'s status line and fields as HTTP/1.x sends them, up to and
// including the empty line, into `out` (replacing what it held, keeping its
// capacity): byte for byte what Beast's serializer writes before the body of
// a message that is not chunked, for the session to send with the body as a
// second buffer.
void serialize_header(const response& res, std::string& out);

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket&& socket, std::shared_ptr<shared_state> state);
  ~session();

  // Registered with the server as `id`: starts reading.
  void start(std::uint64_t id);

  // The server is stopping: finish the responses already due, read no more.
  void shutdown();

  // Since when (steady clock, ns) the connection has been waiting for a
  // request it has not completed: its first one, or one whose header has
  // begun and needs more bytes. 0 when it is not (answering, or resting
  // between requests after at least one). Any thread.
  std::int64_t waiting_since_ns() const { return waiting_since_.load(std::memory_order_relaxed); }

  // At the connection limit, the listener makes room by closing this slow
  // one. Any thread; true the first time only.
  bool evict();
  bool evicted() const { return evicted_.load(); }

 private:
  using clock = std::chrono::steady_clock;
  static constexpr clock::time_point never = clock::time_point::max();

  // The connection's life, in order; it only ever moves down the list
  // (reading and open alternate while requests keep coming).
  enum class phase {
    open,  // requests may still be read; no read is pending (between reads, or the queue is full)
    reading,    // a read of the next request is pending
    read_done,  // no more requests are read; the responses due are being written
    lingering,  // all written and sending shut down: reading until the client closes
    closed,     // the socket is closed
  };

  struct outgoing {
    response res;
    bool close;  // the connection ends after this one
  };

  static std::int64_t now_ns();

  void set_read_deadline(clock::duration timeout);
  void set_write_deadline(clock::duration timeout);
  void arm_timer();
  void on_timer(beast::error_code ec, std::uint64_t generation);

  void do_read();
  void on_first_bytes(beast::error_code ec, std::size_t bytes);
  void parse_buffered();
  void on_read(beast::error_code ec, std::size_t);
  response answer(const request& req);
  void enqueue(response&& res, bool close);
  void do_write();
  void on_write(beast::error_code ec, std::size_t);
  void on_shutdown();

  // No more requests are read (a phase past reading is kept).
  void stop_reading();
  void close_if_done();
  void close_now();

  tcp::socket socket_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::shared_ptr<shared_state> state_;
  const server_options& options_;
  std::string client_;
  std::uint64_t id_ = 0;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::deque<outgoing> queue_;  // responses not yet written, in request order
  std::string head_;            // the serialized header of queue_.front() while it is written
  std::size_t requests_read_ = 0;
  phase phase_ = phase::open;
  clock::time_point read_deadline_ = never;   // a read is pending until then at most
  clock::time_point write_deadline_ = never;  // a write is pending until then at most
  clock::time_point timer_due_ = never;       // when timer_ fires, if timer_armed_
  std::uint64_t timer_generation_ = 0;        // of the last wait started on timer_
  bool timer_armed_ = false;
  std::atomic<std::int64_t> waiting_since_{0};  // see waiting_since_ns()
  std::atomic<bool> evicted_{false};
};

}  // namespace news_widget::http_server
