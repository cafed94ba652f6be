// JSONTestSuite (nst/JSONTestSuite): every n_ file is refused with a
// diagnostic, every y_ file parses, every i_ file is handled without a crash.
#include <catch2/catch.hpp>

#include <filesystem>

#include "news_widget/feed.hpp"
#include "news_widget/render.hpp"
#include "test_support.hpp"

using namespace news_widget;
using namespace news_widget::testing;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> suite_files(char prefix) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(NEWS_WIDGET_SHARED_TESTDATA_DIR) / "JSONTestSuite" / "test_parsing";
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

}  // namespace

TEST_CASE("JSONTestSuite: every n_ file is refused as invalid JSON", "[json][suite]") {
  const auto files = suite_files('n');
  REQUIRE(files.size() == 188);
  int refused = 0;
  for (const fs::path& file : files) {
    const render_result r = render(read_file(file.string()), 600, "");
    INFO(file.filename().string() << ": " << summary(r.diagnostics));
    CHECK(refused_as_json(r));
    refused += refused_as_json(r) ? 1 : 0;
  }
  CHECK(refused == 188);
}

TEST_CASE("JSONTestSuite: every y_ file parses (and is refused only as a feed)", "[json][suite]") {
  const auto files = suite_files('y');
  REQUIRE(files.size() == 95);
  for (const fs::path& file : files) {
    const render_result r = render(read_file(file.string()), 600, "");
    INFO(file.filename().string() << ": " << summary(r.diagnostics));
    // None of them is a feed, so none renders; but none is a JSON error either.
    CHECK_FALSE(r.ok);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.back().id != "json.syntax");
  }
}

TEST_CASE("JSONTestSuite: every i_ file gives an answer without crashing", "[json][suite]") {
  const auto files = suite_files('i');
  REQUIRE(files.size() == 35);
  for (const fs::path& file : files) {
    const render_result r = render(read_file(file.string()), 600, "");
    INFO(file.filename().string() << ": " << summary(r.diagnostics));
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.diagnostics.empty());
  }
}
