// Catch2's runner for the native test programs, with one addition: a run in
// which every test case skipped itself for missing shared data (see
// shared_testdata.hpp) exits with skip_exit_code, so that ctest, which runs
// one test case per entry, reports it as skipped rather than passed.
// Included once, by each test program's main.cpp.
#pragma once

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "shared_testdata.hpp"

namespace {

std::set<std::string>& started_test_cases() {
  static std::set<std::string> names;
  return names;
}

struct started_listener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseStarting(Catch::TestCaseInfo const& info) override {
    started_test_cases().insert(info.name);
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(started_listener)

int main(int argc, char* argv[]) {
  using news_widget::testing::skip_exit_code;
  const int failed = Catch::Session().run(argc, argv);
  // A failing run never reads as skipped, whatever its count of failures.
  if (failed != 0) return failed == skip_exit_code ? 1 : failed;
  const auto& skipped = news_widget::testing::skipped_test_cases();
  const bool all_skipped = !started_test_cases().empty() && skipped == started_test_cases();
  return all_skipped ? skip_exit_code : 0;
}
