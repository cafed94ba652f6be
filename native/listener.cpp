#include "listener.hpp"

#include <system_error>

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/write.hpp>

#include "http_fields.hpp"
#include "responses.hpp"
#include "session.hpp"

namespace news_widget::http_server {
namespace {

// A connection over the limit gets this long to take its 503, in all.
constexpr std::chrono::milliseconds refusal_time = std::chrono::seconds(1);
// Refusals in progress at most; beyond them a connection is closed unanswered,
// so that a flood cannot hold more descriptors than the limit plus this.
constexpr std::size_t max_refusals = 64;

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
    state_->log_response(ec ? "-" : endpoint_text(remote), "-", "-", res_);

    stream_.expires_after(refusal_time);  // for the write and the drain together
    http::async_write(
        stream_, res_, [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
          if (write_ec) {
            self->stream_.close();
            return;
          }
          beast::error_code shutdown_ec;
          self->stream_.socket().shutdown(tcp::socket::shutdown_send, shutdown_ec);
          read_until_closed(self->stream_, self->buffer_, self, &refused_connection::close);
        });
  }

 private:
  void close() { stream_.close(); }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<shared_state> state_;
  response res_;
};

}  // namespace

listener::listener(std::vector<std::unique_ptr<net::io_context>>& contexts,
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

void listener::start() {
  net::dispatch(acceptor_.get_executor(),
                beast::bind_front_handler(&listener::do_accept, shared_from_this()));
}

void listener::close() {
  beast::error_code ec;
  acceptor_.close(ec);
  retry_timer_.cancel();
}

void listener::do_accept() {
  // Connections go to the threads in turn, and stay there: one thread runs
  // each io_context, so a connection's handlers never run concurrently and
  // need no strand, and no lock is shared between threads per request.
  net::io_context& next = *contexts_[next_context_++ % contexts_.size()];
  acceptor_.async_accept(next, beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

// At the limit: room for one more, made if need be by closing the
// connection that has waited longest (and long enough) for a request it
// has not completed. False when every connection is in use.
bool listener::make_room() {
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

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
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

}  // namespace news_widget::http_server
