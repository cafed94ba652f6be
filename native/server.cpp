// Shaped like Boost.Beast's advanced_server example: a listener accepting
// connections, and a session that reads a request, answers it with
// handle_request and writes the responses back in order (pipelining allowed,
// with a cap on the queue), with a deadline on every read and write. Unlike
// the example, each I/O thread runs its own io_context (as nginx runs one
// event loop per worker): a connection lives on one thread, so its handlers
// need no strand and the threads share no lock per request.
#include "server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "access_log.hpp"
#include "http_handler.hpp"

namespace news_widget::http_server {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using control_strand = net::strand<net::io_context::executor_type>;

// After the last response on a connection, how long to read and discard what
// the client still sends before closing. Closing with unread input makes the
// kernel send RST, which can destroy the response before the client reads it.
constexpr std::chrono::milliseconds linger_time = std::chrono::seconds(1);
constexpr std::size_t first_read_bytes = 4096;
// A connection over the limit gets this long to take its 503, in all.
constexpr std::chrono::milliseconds refusal_time = std::chrono::seconds(1);
// Refusals in progress at most; beyond them a connection is closed unanswered,
// so that a flood cannot hold more descriptors than the limit plus this.
constexpr std::size_t max_refusals = 64;
// The access log gathers this many bytes before it writes (one write per
// few hundred requests at full load), and is flushed this often.
constexpr std::size_t access_log_buffer_bytes = 64 * 1024;
constexpr std::chrono::milliseconds access_log_flush_interval = std::chrono::seconds(1);

// The Date header's value for now. Formatted once a second per thread: a busy
// server answers many requests within one second.
const std::string& http_date_now() {
  thread_local std::chrono::system_clock::time_point::rep cached_second = -1;
  thread_local std::string text;
  const auto now = std::chrono::system_clock::now();
  const auto second = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  if (second.count() != cached_second) {
    text = format_http_date(now);
    cached_second = second.count();
  }
  return text;
}

class session;

// What the listener, the sessions and the server share.
struct shared_state {
  shared_state(server_config c, server_options o, control_strand strand)
      : config(std::move(c)),
        options(std::move(o)),
        log(options.access_log, access_log_buffer_bytes),
        files(options.cache_files ? std::make_unique<file_cache>(options.cache_limits) : nullptr),
        control(strand) {}

  server_config config;  // set before run(), read-only after
  const server_options options;
  access_log log;
  const std::unique_ptr<file_cache> files;  // null: options.cache_files is false
  control_strand control;                   // the listener, the signals and the shutdown run here
  std::atomic<bool> stopping{false};
  std::atomic<bool> abandoned{false};    // the io_context is stopped: post nothing more
  std::atomic<std::size_t> refusals{0};  // refused_connection objects alive
  std::function<void()> on_drained;      // run on `control` when the last session ends after stop

  std::uint64_t add_session(const std::shared_ptr<session>& s) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const std::uint64_t id = next_id_++;
    sessions_.emplace(id, s);
    return id;
  }

  // Called from the session's destructor, on any thread.
  void remove_session(std::uint64_t id) {
    bool drained = false;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      sessions_.erase(id);
      drained = sessions_.empty() && stopping;
    }
    if (drained && !abandoned && on_drained) net::post(control, on_drained);
  }

  std::size_t session_count() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return sessions_.size();
  }

  std::vector<std::shared_ptr<session>> live_sessions() {
    std::vector<std::shared_ptr<session>> live;
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& entry : sessions_) {
      if (auto s = entry.second.lock()) live.push_back(std::move(s));
    }
    return live;
  }

 private:
  std::mutex mutex_;
  std::uint64_t next_id_ = 0;
  std::unordered_map<std::uint64_t, std::weak_ptr<session>> sessions_;
};

std::string endpoint_text(const tcp::endpoint& ep) {
  const net::ip::address address = ep.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(ep.port());
}

// The status to answer a request that failed to parse, if any: none for a
// connection that closed or timed out, where there is nobody to tell.
std::optional<http::status> status_for_read_error(const beast::error_code& ec) {
  if (ec == http::error::header_limit) return http::status::request_header_fields_too_large;
  if (ec == http::error::body_limit) return http::status::payload_too_large;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return std::nullopt;
  // Any other HTTP parse error: a malformed request line, field or length.
  if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
    return http::status::bad_request;
  }
  return std::nullopt;
}

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket&& socket, std::shared_ptr<shared_state> state)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        state_(std::move(state)),
        options_(state_->options) {
    beast::error_code ec;
    const tcp::endpoint remote = socket_.remote_endpoint(ec);
    client_ = ec ? "-" : endpoint_text(remote);
    waiting_since_.store(now_ns());  // for its first request
  }
  ~session() { state_->remove_session(id_); }

  void start(std::uint64_t id) {
    id_ = id;
    net::dispatch(socket_.get_executor(),
                  beast::bind_front_handler(&session::do_read, shared_from_this()));
  }

  // The server is stopping: finish the responses already due, read no more.
  void shutdown() {
    net::post(socket_.get_executor(), [self = shared_from_this()] { self->on_shutdown(); });
  }

  // Since when (steady clock, ns) the connection has been waiting for a
  // request it has not completed: its first one, or one whose header has
  // begun and needs more bytes. 0 when it is not (answering, or resting
  // between requests after at least one). Any thread.
  std::int64_t waiting_since_ns() const { return waiting_since_.load(std::memory_order_relaxed); }

  // At the connection limit, the listener makes room by closing this slow
  // one. Any thread; true the first time only.
  bool evict() {
    if (evicted_.exchange(true)) return false;
    net::post(socket_.get_executor(), [self = shared_from_this()] { self->close_now(); });
    return true;
  }
  bool evicted() const { return evicted_.load(); }

 private:
  using clock = std::chrono::steady_clock;
  static constexpr clock::time_point never = clock::time_point::max();

  struct outgoing {
    response res;
    bool close;  // the connection ends after this one
  };

  static std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now().time_since_epoch())
        .count();
  }

  // Timeouts. One timer per connection, armed for the earlier of the read
  // and the write deadline. A deadline that moves later (the usual case: one
  // more request on a keep-alive connection) does not touch the timer; when
  // it fires early it looks at the deadlines again and waits for the next
  // one. Re-arming on every read and write, as beast::tcp_stream does, took
  // about a tenth of the server's instructions per request for a small file.
  void set_read_deadline(clock::duration timeout) {
    read_deadline_ = clock::now() + timeout;
    arm_timer();
  }
  void set_write_deadline(clock::duration timeout) {
    write_deadline_ = clock::now() + timeout;
    arm_timer();
  }

  void arm_timer() {
    const clock::time_point due = std::min(read_deadline_, write_deadline_);
    if (due == never || closed_ || (timer_armed_ && timer_due_ <= due)) return;
    timer_armed_ = true;
    timer_due_ = due;
    timer_.expires_at(due);  // cancels the wait for a later time, if one is pending
    timer_.async_wait(
        [weak = weak_from_this(), generation = ++timer_generation_](beast::error_code ec) {
          if (const auto self = weak.lock()) self->on_timer(ec, generation);
        });
  }

  void on_timer(beast::error_code ec, std::uint64_t generation) {
    if (generation != timer_generation_) return;  // replaced by an earlier wait
    timer_armed_ = false;
    if (ec || closed_) return;
    const clock::time_point now = clock::now();
    if (now >= read_deadline_ || now >= write_deadline_) {
      // Out of time: the pending operations end with operation_aborted, and
      // their handlers close the connection without an answer.
      close_now();
      return;
    }
    arm_timer();
  }

  void do_read() {
    // Stopping: a pipelined request already in the buffer is still answered
    // (with Connection: close); nothing more is read from the socket for it.
    if (read_closed_ || (state_->stopping && buffer_.size() == 0)) {
      read_closed_ = true;
      close_if_done();
      return;
    }
    // A fresh parser per request: its limits and state never leak from one
    // request into the next.
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options_.header_limit_bytes));
    parser_->body_limit(options_.body_limit_bytes);
    parser_->eager(true);
    reading_ = true;
    if (buffer_.size() > 0) {  // a pipelined request is already here
      parse_buffered();
      return;
    }
    // Wait for the first byte of the next request under the idle timeout (a
    // keep-alive connection may rest between requests); a new connection
    // gets only the header timeout.
    set_read_deadline(requests_read_ == 0 ? options_.header_timeout : options_.idle_timeout);
    socket_.async_read_some(
        buffer_.prepare(first_read_bytes),
        beast::bind_front_handler(&session::on_first_bytes, shared_from_this()));
  }

  void on_first_bytes(beast::error_code ec, std::size_t bytes) {
    buffer_.commit(bytes);
    if (ec) {
      on_read(ec, 0);
      return;
    }
    parse_buffered();
  }

  // Usually a whole request arrives in one piece: it is parsed here at once.
  // Otherwise the rest is read, and all of it must arrive within the header
  // timeout: a client trickling bytes cannot hold the connection longer.
  void parse_buffered() {
    beast::error_code ec;
    const std::size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    if (ec == http::error::need_more) ec = {};
    if (ec || parser_->is_done()) {
      on_read(ec, used);
      return;
    }
    if (waiting_since_.load(std::memory_order_relaxed) == 0) waiting_since_.store(now_ns());
    set_read_deadline(options_.header_timeout);
    http::async_read(socket_, buffer_, *parser_,
                     beast::bind_front_handler(&session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    reading_ = false;
    read_deadline_ = never;
    if (ec) {
      read_closed_ = true;
      const std::optional<http::status> status = closed_ ? std::nullopt : status_for_read_error(ec);
      if (!status) {
        close_if_done();
        return;
      }
      // The stream is out of step with the message boundaries: answer and close.
      response res = error_response(state_->config, *status, 11, false);
      const bool have_header = parser_ && parser_->is_header_done();
      log(have_header ? parser_->get().method_string() : "-",
          have_header ? parser_->get().target() : "-", res);
      enqueue(std::move(res), true);
      return;
    }
    ++requests_read_;
    waiting_since_.store(0, std::memory_order_relaxed);
    const request req = parser_->release();
    response res = answer(req);
    if (state_->stopping) res.keep_alive(false);  // tell the client before we close
    const bool close = res.need_eof();
    log(req.method_string(), req.target(), res);
    enqueue(std::move(res), close);
    if (close) read_closed_ = true;
    if (!read_closed_ && queue_.size() < options_.max_queued_responses) do_read();
    // else: reading resumes in on_write once the queue has room
  }

  response answer(const request& req) {
    try {
      return handle_request(state_->config, req, state_->files.get());
    } catch (const std::exception&) {  // e.g. bad_alloc: answer, keep serving others
      return error_response(state_->config, http::status::internal_server_error, req.version(),
                            false);
    }
  }

  void log(std::string_view method, std::string_view target, const response& res) {
    if (!state_->log.enabled()) return;
    access_log_entry entry;
    entry.time = std::chrono::system_clock::now();
    entry.client = client_;
    entry.method = method;
    entry.target = target;
    entry.status = res.result_int();
    entry.body_bytes = res.body().size();
    state_->log.write(entry);
  }

  void enqueue(response&& res, bool close) {
    res.set(http::field::date, http_date_now());
    queue_.push_back(outgoing{std::move(res), close});
    if (queue_.size() == 1) do_write();
  }

  void do_write() {
    const response& res = queue_.front().res;
    set_write_deadline(options_.write_timeout);
    if (res.chunked()) {  // handle_request never answers so; kept correct all the same
      http::async_write(socket_, queue_.front().res,
                        beast::bind_front_handler(&session::on_write, shared_from_this()));
      return;
    }
    // The header as one piece of text, then the body as it is: two buffers
    // for one sendmsg. Beast's serializer presents every field as four
    // buffers and walks them several times per write, which cost more than
    // all the rest of answering a small file.
    serialize_header(res, head_);
    const std::array<net::const_buffer, 2> buffers = {net::buffer(head_), net::buffer(res.body())};
    net::async_write(socket_, buffers,
                     beast::bind_front_handler(&session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    write_deadline_ = never;
    if (ec) {
      queue_.clear();
      read_closed_ = true;
      close_now();
      return;
    }
    const bool close = queue_.front().close;
    queue_.pop_front();
    if (close) {
      queue_.clear();
      read_closed_ = true;
      close_if_done();
      return;
    }
    if (!queue_.empty()) do_write();
    if (reading_) return;
    if (read_closed_ || state_->stopping) {
      read_closed_ = true;
      close_if_done();
    } else if (queue_.size() < options_.max_queued_responses) {
      do_read();  // it had paused on a full queue
    }
  }

  void on_shutdown() {
    if (closing_) return;
    if (reading_) {
      // Ends the pending read with end-of-stream and leaves writes alone;
      // on_read then closes once the queue is written.
      beast::error_code ec;
      socket_.shutdown(tcp::socket::shutdown_receive, ec);
      if (ec) close_now();
      return;
    }
    read_closed_ = true;  // writing: on_write closes when the queue is empty
    close_if_done();
  }

  void close_if_done() {
    if (closing_ || reading_ || !queue_.empty()) return;
    closing_ = true;
    waiting_since_.store(0, std::memory_order_relaxed);
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) {
      close_now();
      return;
    }
    set_read_deadline(linger_time);
    drain();
  }

  void drain() {
    socket_.async_read_some(buffer_.prepare(first_read_bytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) {
                                self->close_now();  // the client closed, or linger_time is up
                              } else {
                                self->drain();
                              }
                            });
  }

  void close_now() {
    closing_ = true;
    if (closed_) return;
    closed_ = true;
    waiting_since_.store(0, std::memory_order_relaxed);
    beast::error_code ec;
    socket_.close(ec);  // cancels whatever is pending
    timer_.cancel();
  }

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
  clock::time_point read_deadline_ = never;   // a read is pending until then at most
  clock::time_point write_deadline_ = never;  // a write is pending until then at most
  clock::time_point timer_due_ = never;       // when timer_ fires, if timer_armed_
  std::uint64_t timer_generation_ = 0;        // of the last wait started on timer_
  bool timer_armed_ = false;
  bool reading_ = false;                        // a read is pending
  bool read_closed_ = false;                    // no more requests will be read
  bool closing_ = false;                        // the connection is being closed
  bool closed_ = false;                         // the socket is closed
  std::atomic<std::int64_t> waiting_since_{0};  // see waiting_since_ns()
  std::atomic<bool> evicted_{false};
};

// A connection beyond options.max_connections: answered "503 Service
// Unavailable" (Retry-After: 1, Connection: close) without reading the
// request, then closed. Like a session's close, it stops sending first and
// reads until the client closes (or refusal_time is up), so that the 503 is
// not destroyed by a reset.
class refused_connection : public std::enable_shared_from_this<refused_connection> {
 public:
  refused_connection(tcp::socket&& socket, std::shared_ptr<shared_state> state)
      : stream_(std::move(socket)), state_(std::move(state)) {
    ++state_->refusals;
  }
  ~refused_connection() { --state_->refusals; }

  void start() {
    res_ = error_response(state_->config, http::status::service_unavailable, 11, false);
    res_.set(http::field::retry_after, "1");
    res_.set(http::field::date, format_http_date(std::chrono::system_clock::now()));
    beast::error_code ec;
    const tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    const std::string client = ec ? "-" : endpoint_text(remote);
    access_log_entry entry;
    entry.time = std::chrono::system_clock::now();
    entry.client = client;
    entry.method = "-";
    entry.target = "-";
    entry.status = res_.result_int();
    entry.body_bytes = res_.body().size();
    state_->log.write(entry);

    stream_.expires_after(refusal_time);  // for the write and the drain together
    http::async_write(stream_, res_,
                      [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                        if (write_ec) {
                          self->stream_.close();
                          return;
                        }
                        beast::error_code shutdown_ec;
                        self->stream_.socket().shutdown(tcp::socket::shutdown_send, shutdown_ec);
                        self->drain();
                      });
  }

 private:
  void drain() {
    stream_.async_read_some(buffer_.prepare(first_read_bytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) {
                                self->stream_.close();
                              } else {
                                self->drain();
                              }
                            });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<shared_state> state_;
  response res_;
};

class listener : public std::enable_shared_from_this<listener> {
 public:
  // Opens, binds and listens at once. Throws std::system_error.
  // `contexts`: the I/O threads' contexts, each connection on the next one in turn.
  listener(std::vector<std::unique_ptr<net::io_context>>& contexts,
           std::shared_ptr<shared_state> state, const tcp::endpoint& endpoint)
      : contexts_(contexts),
        state_(std::move(state)),
        acceptor_(state_->control),
        retry_timer_(state_->control) {
    beast::error_code ec;
    const auto check = [&](const char* what) {
      if (ec) throw std::system_error(ec, what);
    };
    acceptor_.open(endpoint.protocol(), ec);
    check("open");
    acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    check("set_option");
    acceptor_.bind(endpoint, ec);
    check("bind");
    acceptor_.listen(net::socket_base::max_listen_connections, ec);
    check("listen");
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  void start() {
    net::dispatch(acceptor_.get_executor(),
                  beast::bind_front_handler(&listener::do_accept, shared_from_this()));
  }

  // On the control strand.
  void close() {
    beast::error_code ec;
    acceptor_.close(ec);
    retry_timer_.cancel();
  }

 private:
  void do_accept() {
    // Connections go to the threads in turn, and stay there: one thread runs
    // each io_context, so a connection's handlers never run concurrently and
    // need no strand, and no lock is shared between threads per request.
    net::io_context& next = *contexts_[next_context_++ % contexts_.size()];
    acceptor_.async_accept(next,
                           beast::bind_front_handler(&listener::on_accept, shared_from_this()));
  }

  // At the limit: room for one more, made if need be by closing the
  // connection that has waited longest (and long enough) for a request it
  // has not completed. False when every connection is in use.
  bool make_room() {
    const std::int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now().time_since_epoch())
                                    .count();
    const std::int64_t grace_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(state_->options.slow_request_grace)
            .count();
    std::size_t active = 0;
    std::shared_ptr<session> slowest;
    std::int64_t slowest_since = 0;
    for (const auto& s : state_->live_sessions()) {
      if (s->evicted()) continue;  // on its way out: not counted
      ++active;
      const std::int64_t since = s->waiting_since_ns();
      if (since != 0 && now_ns - since >= grace_ns && (!slowest || since < slowest_since)) {
        slowest = s;
        slowest_since = since;
      }
    }
    if (active < state_->options.max_connections) return true;
    return slowest && slowest->evict();
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open() || state_->stopping) return;
    if (ec) {
      // Out of descriptors and the like: wait a moment instead of spinning.
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (!wait_ec) self->do_accept();
      });
      return;
    }
    if (state_->session_count() >= state_->options.max_connections && !make_room()) {
      // Accepted all the same: left in the backlog, the client would wait
      // for nothing; told, it can come back later.
      if (state_->refusals < max_refusals) {
        std::make_shared<refused_connection>(std::move(socket), state_)->start();
      }  // else the socket closes here, unanswered
      do_accept();
      return;
    }
    auto s = std::make_shared<session>(std::move(socket), state_);
    s->start(state_->add_session(s));
    do_accept();
  }

  std::vector<std::unique_ptr<net::io_context>>& contexts_;
  std::size_t next_context_ = 0;
  std::shared_ptr<shared_state> state_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
};

tcp::endpoint make_endpoint(const std::string& host, unsigned short port) {
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(host, ec);
  if (ec) throw std::system_error(ec, "not an IP address: " + host);
  return tcp::endpoint(address, port);
}

}  // namespace

struct server::impl {
  impl(server_config config, server_options options)
      : contexts(make_contexts(options.threads)),
        state(std::make_shared<shared_state>(std::move(config), std::move(options),
                                             net::make_strand(*contexts.front()))),
        grace_timer(state->control),
        flush_timer(state->control),
        signals(state->control) {
    acceptor = std::make_shared<listener>(contexts, state,
                                          make_endpoint(state->options.host, state->options.port));
    bound_port = acceptor->port();
    host = state->options.host;
    if (state->config.public_url.empty()) {
      const bool v6 = host.find(':') != std::string::npos;
      state->config.public_url =
          "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(bound_port);
    }
    state->on_drained = [this] { finish(); };
    if (state->options.stop_on_signals) {
      signals.add(SIGINT);
      signals.add(SIGTERM);
    }
  }

  ~impl() {
    // Handlers destroyed with the io_contexts must not post into them.
    state->abandoned = true;
  }

  // One io_context per I/O thread, each run by that thread alone.
  static std::vector<std::unique_ptr<net::io_context>> make_contexts(unsigned threads) {
    std::vector<std::unique_ptr<net::io_context>> out;
    for (unsigned i = 0; i < std::max(1u, threads); ++i) {
      out.push_back(std::make_unique<net::io_context>(1));  // hint: one thread
    }
    return out;
  }

  void run() {
    {
      const std::lock_guard<std::mutex> lock(run_mutex);
      running = true;
    }
    acceptor->start();
    if (state->options.stop_on_signals) {
      net::dispatch(state->control, [this] { wait_for_signal(); });
    }
    if (state->log.enabled()) net::dispatch(state->control, [this] { flush_log_later(); });
    // The other threads' contexts wait for connections until finish().
    for (std::size_t i = 1; i < contexts.size(); ++i) {
      keep_running.push_back(net::make_work_guard(*contexts[i]));
    }
    std::vector<std::thread> extra;
    for (std::size_t i = 1; i < contexts.size(); ++i) {
      extra.emplace_back([this, i] { contexts[i]->run(); });
    }
    contexts.front()->run();
    for (std::thread& t : extra) t.join();
    keep_running.clear();
    state->log.flush();  // the lines of the last second
    {
      const std::lock_guard<std::mutex> lock(run_mutex);
      running = false;
    }
    run_done.notify_all();
  }

  void stop() {
    net::post(state->control, [this] { begin_stop(); });
  }

  // Stops without grace and waits until run() has returned.
  void stop_now() {
    std::unique_lock<std::mutex> lock(run_mutex);
    if (!running) return;
    abandon();
    run_done.wait(lock, [this] { return !running; });
  }

  // On the control strand from here on.
  void wait_for_signal() {
    signals.async_wait([this](beast::error_code ec, int) {
      if (ec) return;  // cancelled by finish()
      if (state->stopping) {
        abandon();  // a second signal: the user does not want to wait
        return;
      }
      wait_for_signal();  // first, so that finish() below can cancel it
      begin_stop();
    });
  }

  void begin_stop() {
    if (state->stopping.exchange(true)) return;
    acceptor->close();
    const auto live = state->live_sessions();
    if (live.empty()) {
      finish();
      return;
    }
    for (const auto& s : live) s->shutdown();
    grace_timer.expires_after(state->options.shutdown_grace);
    grace_timer.async_wait([this](beast::error_code ec) {
      if (!ec) abandon();  // the grace period is over
    });
  }

  // The access log buffers its lines: written at least this often.
  void flush_log_later() {
    if (finished) return;  // stop() came before run() got here
    flush_timer.expires_after(access_log_flush_interval);
    flush_timer.async_wait([this](beast::error_code ec) {
      if (ec || finished) return;
      state->log.flush();
      flush_log_later();
    });
  }

  // Every connection has closed: cancel what would keep run() going.
  void finish() {
    finished = true;
    for (auto& guard : keep_running) guard.reset();
    flush_timer.cancel();
    grace_timer.cancel();
    beast::error_code ec;
    signals.cancel(ec);
  }

  void abandon() {
    state->abandoned = true;
    for (const auto& context : contexts) context->stop();
  }

  std::vector<std::unique_ptr<net::io_context>> contexts;  // first: destroyed last
  // Held from run() until finish(), on the control strand after the start.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  std::shared_ptr<shared_state> state;
  net::steady_timer grace_timer;
  net::steady_timer flush_timer;
  bool finished = false;  // on the control strand: finish() has run
  net::signal_set signals;
  std::shared_ptr<listener> acceptor;
  unsigned short bound_port = 0;
  std::string host;
  std::mutex run_mutex;
  std::condition_variable run_done;
  bool running = false;
};

server::server(server_config config, server_options options)
    : impl_(std::make_unique<impl>(std::move(config), std::move(options))) {}

server::~server() {
  impl_->stop_now();
}

unsigned short server::port() const {
  return impl_->bound_port;
}

std::string server::url() const {
  const bool v6 = impl_->host.find(':') != std::string::npos;
  const std::string host = v6 ? "[" + impl_->host + "]" : impl_->host;
  return "http://" + host + ":" + std::to_string(impl_->bound_port) + "/";
}

void server::run() {
  impl_->run();
}

void server::stop() {
  impl_->stop();
}

}  // namespace news_widget::http_server
