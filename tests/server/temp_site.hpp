// A throwaway site for the server tests: a root with pages, a script, a wasm
// module, a dotfile and symlinks; a data directory with the shared fixture
// article; and a sentinel file outside the root that no request may reach.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace news_widget::http_server::testing {

namespace fs = std::filesystem;

// Appears in no file under the root: finding it in a body means an escape.
inline const std::string sentinel_text = "SENTINEL-outside-root-7c1e";
inline const std::string fixture_article_id = "north-korea-10000-soldiers";

inline std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

struct temp_site {
  fs::path base;  // holds everything below; removed on destruction
  fs::path root;  // base/root: the static files
  fs::path data;  // base/data: the article JSON

  // Files under root, with their content.
  const std::string index_html = "<!doctype html><title>home</title>";
  const std::string app_js = "export const answer = 42;\n";
  const std::string widget_wasm = std::string("\0asm\x01\0\0\0", 8);
  const std::string sub_index_html = "<!doctype html><title>sub</title>";
  const std::string hidden = "hidden: do not serve";

  temp_site() {
    static std::atomic<int> counter{0};
    base = fs::temp_directory_path() / ("news-widget-server-test-" + std::to_string(::getpid()) +
                                        "-" + std::to_string(counter++));
    fs::remove_all(base);
    root = base / "root";
    data = base / "data";
    fs::create_directories(root / "sub");
    fs::create_directories(root / "empty");
    fs::create_directories(data);

    write_bytes(base / "secret", sentinel_text);       // root/../secret
    write_bytes(base / "secret.json", sentinel_text);  // data/../secret.json
    write_bytes(root / "index.html", index_html);
    write_bytes(root / "app.js", app_js);
    write_bytes(root / "widget.wasm", widget_wasm);
    write_bytes(root / ".hidden", hidden);
    write_bytes(root / "sub" / "index.html", sub_index_html);
    fs::create_symlink(base / "secret", root / "escape-file");  // a file outside the root
    fs::create_directory_symlink(base, root / "escape-dir");    // a directory outside the root
    fs::create_symlink("app.js", root / "inside-link.js");      // stays inside: allowed
    fs::copy_file(fs::path(NEWS_WIDGET_FIXTURES_DIR) / (fixture_article_id + ".json"),
                  data / (fixture_article_id + ".json"));
  }
  ~temp_site() {
    std::error_code ec;
    fs::remove_all(base, ec);
  }
  temp_site(const temp_site&) = delete;
  temp_site& operator=(const temp_site&) = delete;

  std::string fixture_article() const { return read_bytes(data / (fixture_article_id + ".json")); }
};

}  // namespace news_widget::http_server::testing
