// The test program's entry: Catch2's runner, reporting a run of skipped cases as skipped.
#include "catch_main.hpp"
