// Third-party corpora that no package registry ships (XSS vectors, traversal
// lists, the seed page) are read from ../shared beside the checkout. A test
// case that needs one asks shared_data_present() first: when the folder is
// missing, the case is recorded as skipped and returns, and catch_main.cpp
// exits with skip_exit_code when every case it ran was skipped, which ctest
// (SKIP_RETURN_CODE, one ctest entry per case) reports as "Skipped".
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <set>
#include <string>

namespace news_widget::testing {

// The exit code ctest is told to read as "skipped" (SKIP_RETURN_CODE).
constexpr int skip_exit_code = 77;

// Names of the test cases that skipped themselves in this run.
inline std::set<std::string>& skipped_test_cases() {
  static std::set<std::string> names;
  return names;
}

// True when `dir` exists; otherwise records the running test case as skipped
// and prints one line naming the missing folder (scripts/test lists them).
inline bool shared_data_present(const std::string& dir) {
  if (std::filesystem::is_directory(dir)) return true;
  const std::string name = Catch::getResultCapture().getCurrentTestName();
  if (skipped_test_cases().insert(name).second) {
    std::cout << "skipped: needs " << dir << " (not found)\n";
  }
  return false;
}

}  // namespace news_widget::testing
