// What the listener, the sessions and the server share, and the closing
// read both kinds of connection end with. Internal to the server.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "access_log.hpp"
#include "article_index.hpp"
#include "file_cache.hpp"
#include "http_message.hpp"
#include "server.hpp"
#include "server_config.hpp"

namespace news_widget::http_server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using control_strand = net::strand<net::io_context::executor_type>;

// What one read asks the socket for.
inline constexpr std::size_t first_read_bytes = 4096;
// The access log gathers this many bytes before it writes (a busy server
// writes once per buffer, not once per line), and is flushed this often.
inline constexpr std::size_t access_log_buffer_bytes = 64 * 1024;
inline constexpr std::chrono::milliseconds access_log_flush_interval = std::chrono::seconds(1);

class session;  // session.hpp

// What the listener, the sessions and the server share.
struct shared_state {
  shared_state(server_config c, server_options o, control_strand strand)
      : config(std::move(c)),
        options(std::move(o)),
        log(options.access_log, access_log_buffer_bytes),
        files(options.cache_files ? std::make_unique<file_cache>(options.cache_limits) : nullptr),
        articles(config.data),
        control(strand) {}

  server_config config;  // set before run(), read-only after
  const server_options options;
  access_log log;
  const std::unique_ptr<file_cache> files;  // null: options.cache_files is false
  article_index articles;                   // for /oembed, kept between requests
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

  // One access log line for `res`, answered to `client` (if the log is on).
  void log_response(std::string_view client, std::string_view method, std::string_view target,
                    const response& res) {
    if (!log.enabled()) return;
    access_log_entry entry;
    entry.time = std::chrono::system_clock::now();
    entry.client = client;
    entry.method = method;
    entry.target = target;
    entry.status = res.result_int();
    entry.body_bytes = res.body().size();
    log.write(entry);
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

// "address:port" ("[v6]:port").
inline std::string endpoint_text(const tcp::endpoint& ep) {
  const net::ip::address address = ep.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(ep.port());
}

// The end of a connection whose sending side is shut down: reads and
// discards what the peer still sends until it closes or the read fails (the
// owner's deadline ends it), then calls (owner->*on_closed)(). Closing with
// unread input makes the kernel send RST, which can destroy the last
// response before the client reads it.
template <typename Stream, typename Owner>
void read_until_closed(Stream& stream, beast::flat_buffer& buffer, std::shared_ptr<Owner> owner,
                       void (Owner::*on_closed)()) {
  stream.async_read_some(buffer.prepare(first_read_bytes),
                         [&stream, &buffer, owner, on_closed](beast::error_code ec, std::size_t) {
                           if (ec) {
                             ((*owner).*on_closed)();
                           } else {
                             read_until_closed(stream, buffer, owner, on_closed);
                           }
                         });
}

}  // namespace news_widget::http_server
