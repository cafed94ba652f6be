// Shaped like Boost.Beast's advanced_server example: a listener accepting
// connections (listener.cpp), and a session per connection (session.cpp)
// that reads a request, answers it with handle_request and writes the
// responses back in order. This file runs them: the I/O threads, the stop
// with its grace period, the signals and the access log's flushes. Unlike
// the example, each I/O thread runs its own io_context (as nginx runs one
// event loop per worker): a connection lives on one thread, so its handlers
// need no strand and the threads share no lock per request.
#include "server.hpp"

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <system_error>
#include <thread>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "listener.hpp"
#include "server_state.hpp"
#include "session.hpp"

namespace news_widget::http_server {
namespace {

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
