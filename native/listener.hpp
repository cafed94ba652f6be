// Accepting connections: the listener, and the refusal of a connection over
// the limit. Internal to the server.
#pragma once

#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "server_state.hpp"

namespace news_widget::http_server {

// Accepts connections on the control strand and hands each to the next I/O
// thread's session; at options.max_connections it makes room or refuses.
class listener : public std::enable_shared_from_this<listener> {
 public:
  // Opens, binds and listens at once. Throws std::system_error.
  // `contexts`: the I/O threads' contexts, each connection on the next one in turn.
  listener(std::vector<std::unique_ptr<net::io_context>>& contexts,
           std::shared_ptr<shared_state> state, const tcp::endpoint& endpoint);

  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  void start();

  // On the control strand.
  void close();

 private:
  void do_accept();
  bool make_room();
  void on_accept(beast::error_code ec, tcp::socket socket);

  std::vector<std::unique_ptr<net::io_context>>& contexts_;
  std::size_t next_context_ = 0;
  std::shared_ptr<shared_state> state_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
};

}  // namespace news_widget::http_server
