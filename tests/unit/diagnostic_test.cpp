#include <catch2/catch.hpp>

#include "news_widget/diagnostic.hpp"

using namespace news_widget;

TEST_CASE("diagnostics serialise to a JSON array with escaped text", "[diagnostic]") {
  diagnostics d;
  CHECK(to_json(d.items()) == "[]");
  d.warn("field.type", "/related/3/title", "expected a string, got a number");
  d.fail("json.syntax", "", "bad \"quote\"");
  CHECK(d.has_errors());
  CHECK(to_json(d.items()) ==
        "[{\"level\":\"warning\",\"id\":\"field.type\",\"path\":\"/related/3/title\","
        "\"message\":\"expected a string, got a number\"},"
        "{\"level\":\"error\",\"id\":\"json.syntax\",\"path\":\"\",\"message\":\"bad "
        "\\\"quote\\\"\"}]");
  CHECK(describe(d.items()[0]) == "/related/3/title: expected a string, got a number");
  CHECK(describe(d.items()[1]) == "bad \"quote\"");
}
