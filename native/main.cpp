// news-widget-server: serves the built site (the widget script, its wasm, the
// demo pages) and the article JSON, for development and the browser tests.
//
// Prints one line "news-widget-server listening on http://HOST:PORT/" to
// stdout when ready (tests read the port from it), then logs each request.
// Exit codes: 0 after SIGINT/SIGTERM, 1 when it cannot listen, 2 on bad options.
#include <arpa/inet.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>

#include "parse_decimal.hpp"
#include "server.hpp"
#include "server_config.hpp"

#ifndef NEWS_WIDGET_DEFAULT_ROOT
#error "NEWS_WIDGET_DEFAULT_ROOT must be defined (native/CMakeLists.txt)"
#endif
#ifndef NEWS_WIDGET_DEFAULT_DATA
#error "NEWS_WIDGET_DEFAULT_DATA must be defined (native/CMakeLists.txt)"
#endif
#ifndef NEWS_WIDGET_VERSION
#error "NEWS_WIDGET_VERSION must be defined (native/CMakeLists.txt)"
#endif

namespace {

namespace fs = std::filesystem;
using news_widget::http_server::server;
using news_widget::http_server::server_config;
using news_widget::http_server::server_options;

constexpr int exit_usage = 2;
constexpr unsigned max_threads = 256;
constexpr unsigned long max_connections_limit = 1000000;

void print_usage(std::ostream& out) {
  out << "usage: news-widget-server [options]\n"
         "  --host ADDRESS      IP address to listen on (default 127.0.0.1)\n"
         "  --port N            port, 0-65535; 0 picks a free one (default 8080)\n"
         "  --root DIR          static files to serve (default " NEWS_WIDGET_DEFAULT_ROOT
         ")\n"
         "  --data DIR          article JSON for /api/articles/<id> "
         "(default " NEWS_WIDGET_DEFAULT_DATA
         ")\n"
         "  --threads N         I/O threads, 1-256 (default: the number of cores)\n"
         "  --public-url URL    the http(s) origin partner pages reach this server at, for\n"
         "                      the URLs /render and /oembed write (default http://HOST:PORT\n"
         "                      as bound)\n"
         "  --cors-origin ORIGIN  an origin (https://partner.example) whose pages may read\n"
         "                      responses; repeatable; * = any (default any)\n"
         "  --max-connections N open connections at most, 1-1000000; more are answered 503\n"
         "                      and closed (default 512)\n"
         "  --access-log FILE   append the access log to FILE; - = stderr (default stderr);\n"
         "                      /dev/null = none (no line is even formatted)\n"
         "  --version           print the version and exit\n"
         "  --help              print this help and exit\n";
}

// A bad command line: the message is printed as one line and the exit code is 2.
struct usage_error {
  std::string message;
};

// A whole number of at most 10 digits, not above `max`.
std::optional<unsigned long> parse_number(std::string_view text, unsigned long max) {
  if (text.size() > 10) return std::nullopt;
  const std::optional<unsigned long> value = news_widget::parse_decimal<unsigned long>(text);
  if (!value || *value > max) return std::nullopt;
  return value;
}

bool is_ip_address(const std::string& host) {
  unsigned char buf[sizeof(struct in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// True when `path` is the null device (/dev/null, or another name for it).
bool is_null_device(const std::string& path) {
  struct stat st {};
  struct stat null_st {};
  return ::stat(path.c_str(), &st) == 0 && ::stat("/dev/null", &null_st) == 0 &&
         S_ISCHR(st.st_mode) && st.st_rdev == null_st.st_rdev;
}

void check_directory(const fs::path& dir, std::string_view flag) {
  const std::string where = std::string(flag) + " directory " + dir.string();
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) throw usage_error{where + " does not exist"};
  if (!fs::is_directory(status)) throw usage_error{where + " is not a directory"};
  fs::directory_iterator it(dir, ec);
  if (ec || ::access(dir.c_str(), R_OK | X_OK) != 0) throw usage_error{where + " is not readable"};
}

struct command_line {
  server_config config;
  server_options options;
  std::string access_log_path = "-";
  bool help = false;
  bool version = false;
};

command_line parse_command_line(int argc, char** argv) {
  command_line cl;
  cl.config.root = NEWS_WIDGET_DEFAULT_ROOT;
  cl.config.data = NEWS_WIDGET_DEFAULT_DATA;
  const unsigned cores = std::thread::hardware_concurrency();
  cl.options.threads = cores == 0 ? 1 : std::min(cores, max_threads);

  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      cl.help = true;
      continue;
    }
    if (arg == "--version") {
      cl.version = true;
      continue;
    }
    // "--name value" or "--name=value".
    std::string_view name = arg;
    std::optional<std::string> value;
    if (const std::size_t eq = arg.find('=');
        arg.substr(0, 2) == "--" && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = std::string(arg.substr(eq + 1));
    }
    const bool known = name == "--host" || name == "--port" || name == "--root" ||
                       name == "--data" || name == "--threads" || name == "--access-log" ||
                       name == "--public-url" || name == "--cors-origin" ||
                       name == "--max-connections";
    if (!known) throw usage_error{"unknown option '" + std::string(arg) + "' (see --help)"};
    if (!value) {
      if (i + 1 >= argc) throw usage_error{std::string(name) + " needs a value (see --help)"};
      value = argv[++i];
    }
    if (name == "--host") {
      if (!is_ip_address(*value)) {
        throw usage_error{"--host must be an IP address such as 127.0.0.1 or ::1, not '" + *value +
                          "'"};
      }
      cl.options.host = *value;
    } else if (name == "--port") {
      const auto port = parse_number(*value, 65535);
      if (!port) throw usage_error{"--port must be a number from 0 to 65535, not '" + *value + "'"};
      cl.options.port = static_cast<unsigned short>(*port);
    } else if (name == "--threads") {
      const auto threads = parse_number(*value, max_threads);
      if (!threads || *threads == 0) {
        throw usage_error{"--threads must be a number from 1 to 256, not '" + *value + "'"};
      }
      cl.options.threads = static_cast<unsigned>(*threads);
    } else if (name == "--max-connections") {
      const auto limit = parse_number(*value, max_connections_limit);
      if (!limit || *limit == 0) {
        throw usage_error{"--max-connections must be a number from 1 to 1000000, not '" + *value +
                          "'"};
      }
      cl.options.max_connections = static_cast<std::size_t>(*limit);
    } else if (name == "--public-url") {
      const std::optional<std::string> origin = news_widget::http_server::normalize_origin(*value);
      if (!origin) {
        throw usage_error{
            "--public-url must be an http or https origin without a path, such as "
            "https://widgets.example.com, not '" +
            *value + "'"};
      }
      cl.config.public_url = *origin;
    } else if (name == "--cors-origin") {
      if (*value == "*") {
        cl.config.cors_origins.push_back("*");
        continue;
      }
      const std::optional<std::string> origin = news_widget::http_server::normalize_origin(*value);
      if (!origin) {
        throw usage_error{
            "--cors-origin must be * or an http or https origin such as "
            "https://partner.example, not '" +
            *value + "'"};
      }
      cl.config.cors_origins.push_back(*origin);
    } else if (name == "--root") {
      cl.config.root = *value;
    } else if (name == "--data") {
      cl.config.data = *value;
    } else {
      if (value->empty()) throw usage_error{"--access-log needs a file name, or - for stderr"};
      cl.access_log_path = *value;
    }
  }
  if (!cl.help && !cl.version) {
    check_directory(cl.config.root, "--root");
    check_directory(cl.config.data, "--data");
    cl.config.stylesheet_path = news_widget::http_server::find_stylesheet_path(cl.config.root);
  }
  return cl;
}

}  // namespace

int main(int argc, char** argv) {
  command_line cl;
  try {
    cl = parse_command_line(argc, argv);
  } catch (const usage_error& e) {
    std::cerr << "news-widget-server: " << e.message << "\n";
    return exit_usage;
  }
  if (cl.help) {
    print_usage(std::cout);
    return 0;
  }
  if (cl.version) {
    std::cout << "news-widget-server " << NEWS_WIDGET_VERSION << "\n";
    return 0;
  }

  std::ofstream log_file;
  if (cl.access_log_path == "-") {
    cl.options.access_log = &std::cerr;
  } else if (is_null_device(cl.access_log_path)) {
    cl.options.access_log = nullptr;  // what would be written goes nowhere: skip the work
  } else {
    log_file.open(cl.access_log_path, std::ios::app);
    if (!log_file) {
      std::cerr << "news-widget-server: cannot open --access-log file " << cl.access_log_path
                << "\n";
      return exit_usage;
    }
    cl.options.access_log = &log_file;
  }
  cl.options.stop_on_signals = true;

  std::optional<server> srv;
  try {
    srv.emplace(cl.config, cl.options);
  } catch (const std::system_error& e) {
    std::cerr << "news-widget-server: cannot listen on " << cl.options.host << " port "
              << cl.options.port << ": " << e.code().message() << "\n";
    return 1;
  }
  std::cout << "news-widget-server listening on " << srv->url() << std::endl;  // flushes
  try {
    srv->run();  // returns after SIGINT/SIGTERM and the graceful stop
  } catch (const std::exception& e) {
    std::cerr << "news-widget-server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
