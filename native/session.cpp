#include "session.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "http_fields.hpp"
#include "http_handler.hpp"
#include "responses.hpp"

namespace news_widget::http_server {
namespace {

// After the last response on a connection, how long to read and discard what
// the client still sends before closing (see read_until_closed).
constexpr std::chrono::milliseconds linger_time = std::chrono::seconds(1);

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

}  // namespace

void serialize_header(const response& res, std::string& out) {
  const unsigned version = res.version();
  const unsigned status = res.result_int();
  char start[] = "HTTP/1.1 200 ";
  start[5] = static_cast<char>('0' + version / 10 % 10);
  start[7] = static_cast<char>('0' + version % 10);
  start[9] = static_cast<char>('0' + status / 100 % 10);
  start[10] = static_cast<char>('0' + status / 10 % 10);
  start[11] = static_cast<char>('0' + status % 10);
  const std::string_view start_line(start, sizeof start - 1);
  const std::string_view reason = res.reason();
  // Sized first, then copied in: one allocation at most, no per-piece appends.
  std::size_t size = start_line.size() + reason.size() + 2 + 2;
  for (const auto& field : res) size += field.name_string().size() + 2 + field.value().size() + 2;
  out.resize(size);
  char* p = out.data();
  const auto put = [&p](auto text) {
    std::memcpy(p, text.data(), text.size());
    p += text.size();
  };
  put(start_line);
  put(reason);
  put(std::string_view("\r\n"));
  for (const auto& field : res) {
    put(field.name_string());
    put(std::string_view(": "));
    put(field.value());
    put(std::string_view("\r\n"));
  }
  put(std::string_view("\r\n"));
}

session::session(tcp::socket&& socket, std::shared_ptr<shared_state> state)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      state_(std::move(state)),
      options_(state_->options) {
  beast::error_code ec;
  const tcp::endpoint remote = socket_.remote_endpoint(ec);
  client_ = ec ? "-" : endpoint_text(remote);
  waiting_since_.store(now_ns());  // for its first request
}

session::~session() {
  state_->remove_session(id_);
}

void session::start(std::uint64_t id) {
  id_ = id;
  net::dispatch(socket_.get_executor(),
                beast::bind_front_handler(&session::do_read, shared_from_this()));
}

void session::shutdown() {
  net::post(socket_.get_executor(), [self = shared_from_this()] { self->on_shutdown(); });
}

bool session::evict() {
  if (evicted_.exchange(true)) return false;
  net::post(socket_.get_executor(), [self = shared_from_this()] { self->close_now(); });
  return true;
}

std::int64_t session::now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now().time_since_epoch())
      .count();
}

// Timeouts. One timer per connection, armed for the earlier of the read and
// the write deadline. A deadline that moves later (the usual case: one more
// request on a keep-alive connection) does not touch the timer; when it fires
// early it looks at the deadlines again and waits for the next one, so that
// a keep-alive connection's requests cost no timer operation each (which
// beast::tcp_stream's re-arming on every read and write would).
void session::set_read_deadline(clock::duration timeout) {
  read_deadline_ = clock::now() + timeout;
  arm_timer();
}

void session::set_write_deadline(clock::duration timeout) {
  write_deadline_ = clock::now() + timeout;
  arm_timer();
}

void session::arm_timer() {
  const clock::time_point due = std::min(read_deadline_, write_deadline_);
  if (due == never || phase_ == phase::closed || (timer_armed_ && timer_due_ <= due)) return;
  timer_armed_ = true;
  timer_due_ = due;
  timer_.expires_at(due);  // cancels the wait for a later time, if one is pending
  timer_.async_wait(
      [weak = weak_from_this(), generation = ++timer_generation_](beast::error_code ec) {
        if (const auto self = weak.lock()) self->on_timer(ec, generation);
      });
}

void session::on_timer(beast::error_code ec, std::uint64_t generation) {
  if (generation != timer_generation_) return;  // replaced by an earlier wait
  timer_armed_ = false;
  if (ec || phase_ == phase::closed) return;
  const clock::time_point now = clock::now();
  if (now >= read_deadline_ || now >= write_deadline_) {
    // Out of time: the pending operations end with operation_aborted, and
    // their handlers close the connection without an answer.
    close_now();
    return;
  }
  arm_timer();
}

void session::do_read() {
  // Stopping: a pipelined request already in the buffer is still answered
  // (with Connection: close); nothing more is read from the socket for it.
  if (phase_ >= phase::read_done || (state_->stopping && buffer_.size() == 0)) {
    stop_reading();
    close_if_done();
    return;
  }
  // A fresh parser per request: its limits and state never leak from one
  // request into the next.
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(options_.header_limit_bytes));
  parser_->body_limit(options_.body_limit_bytes);
  parser_->eager(true);
  phase_ = phase::reading;
  if (buffer_.size() > 0) {  // a pipelined request is already here
    parse_buffered();
    return;
  }
  // Wait for the first byte of the next request under the idle timeout (a
  // keep-alive connection may rest between requests); a new connection
  // gets only the header timeout.
  set_read_deadline(requests_read_ == 0 ? options_.header_timeout : options_.idle_timeout);
  socket_.async_read_some(buffer_.prepare(first_read_bytes),
                          beast::bind_front_handler(&session::on_first_bytes, shared_from_this()));
}

void session::on_first_bytes(beast::error_code ec, std::size_t bytes) {
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
void session::parse_buffered() {
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

void session::on_read(beast::error_code ec, std::size_t) {
  if (phase_ == phase::reading) phase_ = phase::open;
  read_deadline_ = never;
  if (ec) {
    const bool closed = phase_ == phase::closed;
    stop_reading();
    const std::optional<http::status> status = closed ? std::nullopt : status_for_read_error(ec);
    if (!status) {
      close_if_done();
      return;
    }
    // The stream is out of step with the message boundaries: answer and close.
    response res = error_response(state_->config, *status, 11, false);
    const bool have_header = parser_ && parser_->is_header_done();
    state_->log_response(client_, have_header ? parser_->get().method_string() : "-",
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
  state_->log_response(client_, req.method_string(), req.target(), res);
  enqueue(std::move(res), close);
  if (close) stop_reading();
  if (phase_ == phase::open && queue_.size() < options_.max_queued_responses) do_read();
  // else: reading resumes in on_write once the queue has room
}

response session::answer(const request& req) {
  try {
    return handle_request(state_->config, req, state_->files.get(), &state_->articles);
  } catch (const std::exception&) {  // e.g. bad_alloc: answer, keep serving others
    return error_response(state_->config, http::status::internal_server_error, req.version(),
                          false);
  }
}

void session::enqueue(response&& res, bool close) {
  res.set(http::field::date, http_date_now());
  queue_.push_back(outgoing{std::move(res), close});
  if (queue_.size() == 1) do_write();
}

void session::do_write() {
  const response& res = queue_.front().res;
  set_write_deadline(options_.write_timeout);
  if (res.chunked()) {  // handle_request never answers so; kept correct all the same
    http::async_write(socket_, queue_.front().res,
                      beast::bind_front_handler(&session::on_write, shared_from_this()));
    return;
  }
  // The header as one piece of text, then the body as it is: two buffers for
  // one sendmsg, instead of Beast's serializer, which presents every field as
  // four buffers and walks them several times per write.
  serialize_header(res, head_);
  const std::array<net::const_buffer, 2> buffers = {net::buffer(head_), net::buffer(res.body())};
  net::async_write(socket_, buffers,
                   beast::bind_front_handler(&session::on_write, shared_from_this()));
}

void session::on_write(beast::error_code ec, std::size_t) {
  write_deadline_ = never;
  if (ec) {
    queue_.clear();
    close_now();
    return;
  }
  const bool close = queue_.front().close;
  queue_.pop_front();
  if (close) {
    queue_.clear();
    stop_reading();
    close_if_done();
    return;
  }
  if (!queue_.empty()) do_write();
  if (phase_ == phase::reading) return;
  if (phase_ >= phase::read_done || state_->stopping) {
    stop_reading();
    close_if_done();
  } else if (queue_.size() < options_.max_queued_responses) {
    do_read();  // it had paused on a full queue
  }
}

void session::on_shutdown() {
  if (phase_ >= phase::lingering) return;
  if (phase_ == phase::reading) {
    // Ends the pending read with end-of-stream and leaves writes alone;
    // on_read then closes once the queue is written.
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_receive, ec);
    if (ec) close_now();
    return;
  }
  stop_reading();  // writing: on_write closes when the queue is empty
  close_if_done();
}

void session::stop_reading() {
  if (phase_ < phase::read_done) phase_ = phase::read_done;
}

void session::close_if_done() {
  if (phase_ != phase::read_done || !queue_.empty()) return;
  phase_ = phase::lingering;
  waiting_since_.store(0, std::memory_order_relaxed);
  beast::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  if (ec) {
    close_now();
    return;
  }
  set_read_deadline(linger_time);
  read_until_closed(socket_, buffer_, shared_from_this(), &session::close_now);
}

void session::close_now() {
  if (phase_ == phase::closed) return;
  phase_ = phase::closed;
  waiting_since_.store(0, std::memory_order_relaxed);
  beast::error_code ec;
  socket_.close(ec);  // cancels whatever is pending
  timer_.cancel();
}

}  // namespace news_widget::http_server
