// The HTTP server: a listener and one session per connection on a thread
// pool, answering with handle_request (http_handler.hpp). Boost stays out of
// this header so main.cpp compiles quickly.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "file_cache.hpp"
#include "server_config.hpp"

namespace news_widget::http_server {

struct server_options {
  std::string host = "127.0.0.1";  // IP address to listen on (v4 or v6 literal)
  unsigned short port = 8080;      // 0 = an ephemeral port; see server::port()
  unsigned threads = 1;            // I/O threads, each serving its own connections; 0 = 1
  // A fresh connection must deliver a complete request header this soon,
  // and so must every request once its first byte has arrived.
  std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
  // A keep-alive connection may stay idle between requests this long.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(30);
  // Writing one response may take this long.
  std::chrono::milliseconds write_timeout = std::chrono::seconds(30);
  // stop() lets responses in flight finish for at most this long.
  std::chrono::milliseconds shutdown_grace = std::chrono::seconds(5);
  std::size_t max_queued_responses = 8;   // per connection; reading pauses when full
  std::size_t body_limit_bytes = 1024;    // larger request bodies: 413 and close
  std::size_t header_limit_bytes = 8192;  // larger request headers: 431 and close
  // Open connections at most. At the limit, a new connection takes the place
  // of the one that has waited longest, and at least slow_request_grace, for
  // a request it has not completed (its first, or a header begun and not
  // finished: what a slowloris client holds); connections resting between
  // requests keep theirs. When there is none, the new one is answered 503
  // and closed at once.
  std::size_t max_connections = 512;
  std::chrono::milliseconds slow_request_grace = std::chrono::seconds(1);
  bool stop_on_signals = false;  // SIGINT/SIGTERM call stop(); a second one stops at once
  // One line per request, gathered in memory and written at least once a
  // second and when run() returns; nullptr = none.
  std::ostream* access_log = nullptr;
  // Files are served from a file_cache with these limits: a file changed on
  // disk is served as changed within cache_limits.revalidate_after.
  // false: every request looks the file up and reads it on disk.
  bool cache_files = true;
  file_cache_limits cache_limits;
};

class server {
 public:
  // Binds and listens on options.host:options.port at once, so port() is
  // known before run(). Throws std::system_error (bad host, port in use).
  // An empty config.public_url becomes "http://HOST:PORT" as bound.
  server(server_config config, server_options options);
  // Stops (without grace) and waits for run() if it is still running elsewhere.
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // The port the listener is bound to (the actual one when options.port is 0).
  unsigned short port() const;
  // "http://127.0.0.1:8080/" ("http://[::1]:8080/" for IPv6).
  std::string url() const;

  // Serves on options.threads threads (the caller's included) until stop()
  // has finished: the listener closed and every connection closed, or the
  // grace period over. Call once.
  void run();
  // Thread-safe, idempotent, returns at once: stops accepting, answers the
  // requests already received (the last with Connection: close), closes idle
  // connections.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace news_widget::http_server
