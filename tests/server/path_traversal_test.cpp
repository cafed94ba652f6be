// Path traversal: no request target reaches a file outside the root or the
// data directory, for a hand-written set of the usual tricks and (when
// ../shared/testdata is there) every payload of PayloadsAllTheThings'
// path-traversal lists. Without sockets: each target goes through Beast's
// request parser (as the server's sessions do) and handle_request.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <catch2/catch.hpp>

#include "file_cache.hpp"
#include "handler_test_support.hpp"
#include "http_handler.hpp"
#include "shared_testdata.hpp"
#include "temp_site.hpp"

#ifndef NEWS_WIDGET_SHARED_TESTDATA_DIR
#error "NEWS_WIDGET_SHARED_TESTDATA_DIR must be defined (tests/server/CMakeLists.txt)"
#endif

namespace {

namespace fs = std::filesystem;
using namespace news_widget::http_server;
using news_widget::http_server::testing::sentinel_text;
using news_widget::http_server::testing::site_config;
using news_widget::http_server::testing::temp_site;
using news_widget::testing::shared_data_present;

// What a payload's {FILE} stands for: the sentinels next to the root and the
// data directory (temp_site), and a system file the lists aim at.
const std::vector<std::string> file_names = {"secret", "secret.json", "etc/passwd"};

const std::string payloads_dir =
    std::string(NEWS_WIDGET_SHARED_TESTDATA_DIR) + "/path-traversal/PayloadsAllTheThings";

// `line` with {FILE} replaced by each of file_names (or `line` alone).
void add_with_file_names(const std::string& line, std::vector<std::string>& out) {
  const std::size_t at = line.find("{FILE}");
  if (at == std::string::npos) {
    out.push_back(line);
    return;
  }
  for (const std::string& name : file_names) {
    std::string with_name = line;
    with_name.replace(at, 6, name);
    out.push_back(with_name);
  }
}

// The usual tricks, written here: dot segments plain, percent-encoded (once,
// twice, overlong UTF-8), with backslashes, NUL bytes and doubled dots.
const std::vector<std::string> own_targets = {
    "../{FILE}",
    "../../{FILE}",
    "../../../../../../../../{FILE}",
    "/../{FILE}",
    "..%2f{FILE}",
    "%2e%2e/{FILE}",
    "%2e%2e%2f{FILE}",
    "%2E%2E%2F%2E%2E%2F{FILE}",
    "%252e%252e%252f{FILE}",
    "%c0%ae%c0%ae/{FILE}",
    "%c0%ae%c0%ae%c0%af{FILE}",
    "..%5c{FILE}",
    "..\\{FILE}",
    "....//{FILE}",
    "..;/{FILE}",
    "./../{FILE}",
    "sub/../../{FILE}",
    "%2e%2e%00/{FILE}",
    "../{FILE}%00.html",
    "..%00/{FILE}",
    "//{FILE}",
    "/%2f{FILE}",
    "?/../{FILE}",
    "#/../{FILE}",
    ".{FILE}",
};

std::vector<std::string> own_payloads() {
  std::vector<std::string> out;
  for (const std::string& line : own_targets) add_with_file_names(line, out);
  return out;
}

// Every payload line, {FILE} replaced by each of file_names; blank lines dropped.
std::vector<std::string> payloads() {
  const fs::path dir = payloads_dir;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      add_with_file_names(line, out);
    }
  }
  return out;
}

// The request a session would hand to handle_request for `target`, or
// nullopt when Beast's parser refuses the request line (spaces, control
// characters: the server answers those 400 before any handler runs).
std::optional<request> parse_request(const std::string& target) {
  const std::string raw = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(raw), ec);
  if (ec || !parser.is_done()) return std::nullopt;
  return parser.release();
}

// Sends every line as a request target (as given, and below the two
// endpoints that read the data directory) and checks that none leaks.
void check_no_target_leaks(const std::vector<std::string>& lines) {
  temp_site site;
  const server_config config = site_config(site);
  std::string passwd;  // the real /etc/passwd, if there is one: it must not leak either
  {
    std::ifstream in("/etc/passwd");
    std::getline(in, passwd);
  }

  const std::set<std::string> own_pages = {site.index_html, site.sub_index_html, site.app_js,
                                           site.widget_wasm};

  // As given, and below the two endpoints that read the data directory; with
  // every file looked up on disk, and through a file cache (that has seen
  // the site's own pages first).
  file_cache cache;
  for (const std::string target : {"/", "/app.js", "/sub/", "/inside-link.js"}) {
    handle_request(config, parse_request(target).value(), &cache);
  }
  for (file_cache* const files : {static_cast<file_cache*>(nullptr), &cache}) {
    for (const std::string prefix : {"", "/api/articles", "/render"}) {
      std::map<unsigned, std::size_t> by_status;
      std::size_t targets = 0;
      std::size_t skipped = 0;
      std::size_t leaks = 0;
      for (const std::string& line : lines) {
        const std::string target = prefix + (line.front() == '/' ? "" : "/") + line;
        const std::optional<request> req = parse_request(target);
        if (!req) {
          ++skipped;
          continue;
        }
        ++targets;
        for (const http::verb method : {http::verb::get, http::verb::head}) {
          request r = *req;
          r.method(method);
          const response res = handle_request(config, r, files);
          if (method == http::verb::get) ++by_status[res.result_int()];
          // A 200 is fine for the site's own pages ("/??/etc/passwd" is "/" with
          // a query), and for nothing else.
          const bool leaked = res.body().find(sentinel_text) != std::string::npos ||
                              (!passwd.empty() && res.body().find(passwd) != std::string::npos) ||
                              (method == http::verb::get && res.result() == http::status::ok &&
                               !own_pages.count(res.body()));
          if (leaked) {
            ++leaks;
            UNSCOPED_INFO("leaked by " << target);
          }
        }
      }
      std::ostringstream summary;
      summary << "path traversal" << (prefix.empty() ? "" : " under " + prefix)
              << (files ? " (file cache)" : "") << ": " << targets << " targets (" << skipped
              << " lines Beast refuses skipped)";
      for (const auto& [status, count] : by_status) summary << "; " << status << ": " << count;
      std::cout << summary.str() << "\n";
      INFO(summary.str());
      CHECK(leaks == 0);
      CHECK(targets + skipped == lines.size());
    }
  }
}

}  // namespace

TEST_CASE("No hand-written path traversal target reaches a file outside the site",
          "[server][traversal]") {
  const std::vector<std::string> lines = own_payloads();
  REQUIRE(lines.size() == own_targets.size() * file_names.size());
  check_no_target_leaks(lines);
}

TEST_CASE("No PayloadsAllTheThings path traversal target reaches a file outside the site",
          "[server][traversal]") {
  if (!shared_data_present(payloads_dir)) return;
  const std::vector<std::string> lines = payloads();
  REQUIRE(lines.size() > 20000);
  check_no_target_leaks(lines);
}
