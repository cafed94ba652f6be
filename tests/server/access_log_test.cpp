// The access log's line format and its defence against hostile targets.
#include <algorithm>
#include <chrono>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "access_log.hpp"

using namespace news_widget::http_server;

TEST_CASE("sanitize_for_log escapes whatever could forge or split a log line", "[server]") {
  const auto [in, out] = GENERATE(table<std::string, std::string>({
      {"/index.html?a=1&b=2", "/index.html?a=1&b=2"},
      {"", "-"},
      {"/a b", "/a\\x20b"},
      {"/x\r\n2025-01-01T00:00:00Z 1.2.3.4:5 GET / 200 0",
       "/x\\x0D\\x0A2025-01-01T00:00:00Z\\x201.2.3.4:5\\x20GET\\x20/\\x20200\\x200"},
      {"/\x1b[31mred", "/\\x1B[31mred"},
      {"/\"quoted\"", "/\\x22quoted\\x22"},
      {"/back\\slash", "/back\\x5Cslash"},
      {"/\x7f", "/\\x7F"},
      {"/\xC3\xA5", "/\\xC3\\xA5"},
  }));
  CAPTURE(in);
  CHECK(sanitize_for_log(in) == out);
}

TEST_CASE("sanitize_for_log cuts long text and marks the cut", "[server]") {
  CHECK(sanitize_for_log(std::string(600, 'a')) == std::string(512, 'a') + "...");
  CHECK(sanitize_for_log("abcdef", 3) == "abc...");
  CHECK(sanitize_for_log("abc", 3) == "abc");
}

TEST_CASE("An access log line has time, client, method, target, status and bytes", "[server]") {
  access_log_entry entry;
  entry.time = std::chrono::system_clock::from_time_t(784111777);
  entry.client = "127.0.0.1:54321";
  entry.method = "GET";
  entry.target = "/widget.wasm?v=1";
  entry.status = 200;
  entry.body_bytes = 1234;
  CHECK(format_access_log_line(entry) ==
        "1994-11-06T08:49:37Z 127.0.0.1:54321 GET /widget.wasm?v=1 200 1234\n");

  entry.method = "";
  entry.target = "/evil\nline";
  entry.status = 400;
  entry.body_bytes = 0;
  CHECK(format_access_log_line(entry) ==
        "1994-11-06T08:49:37Z 127.0.0.1:54321 - /evil\\x0Aline 400 0\n");
}

TEST_CASE("access_log writes whole lines to its stream, or nothing without one", "[server]") {
  std::ostringstream out;
  access_log log(&out);
  access_log_entry entry;
  entry.client = "[::1]:80";
  entry.method = "HEAD";
  entry.target = "/";
  entry.status = 304;
  log.write(entry);
  log.write(entry);
  const std::string text = out.str();
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);
  CHECK(text.find(" [::1]:80 HEAD / 304 0\n") != std::string::npos);

  access_log silent(nullptr);
  silent.write(entry);  // must not crash
}

TEST_CASE("A buffered access_log writes whole lines when full, a second on, flushed or destroyed",
          "[server]") {
  std::ostringstream out;
  access_log_entry entry;
  entry.time = std::chrono::system_clock::from_time_t(784111777);
  entry.client = "127.0.0.1:1";
  entry.method = "GET";
  entry.target = "/";
  entry.status = 200;
  const std::string line = format_access_log_line(entry);
  const auto lines = [&] {
    const std::string text = out.str();
    return std::count(text.begin(), text.end(), '\n');
  };
  {
    access_log log(&out, 3 * line.size());
    log.write(entry);  // the first line: more than a second after the last write (none)
    CHECK(lines() == 1);
    log.write(entry);
    CHECK(lines() == 1);  // waiting in memory
    log.write(entry);
    log.write(entry);  // three lines waiting: the buffer is full
    CHECK(lines() == 4);
    log.write(entry);
    CHECK(lines() == 4);
    log.flush();
    CHECK(lines() == 5);
    log.flush();  // nothing waiting: nothing written
    CHECK(lines() == 5);
    log.write(entry);
    CHECK(lines() == 5);
    entry.time += std::chrono::seconds(1);
    log.write(entry);  // a second after the last write
    CHECK(lines() == 7);
    log.write(entry);
    CHECK(lines() == 7);
  }  // destroyed: the last line is written
  CHECK(lines() == 8);
  CHECK(out.str().substr(0, line.size()) == line);
}
