#include <catch2/catch.hpp>

#include "news_widget/layout.hpp"

using namespace news_widget;

TEST_CASE("the container width picks the layout variant", "[layout]") {
  auto [width, variant] = GENERATE(table<int, layout_variant>({
      {0, layout_variant::regular},
      {-5, layout_variant::regular},
      {1, layout_variant::narrow},
      {320, layout_variant::narrow},
      {479, layout_variant::narrow},
      {480, layout_variant::regular},
      {899, layout_variant::regular},
      {900, layout_variant::wide},
      {2400, layout_variant::wide},
  }));
  CHECK(variant_for_width(width) == variant);
}

TEST_CASE("each variant decides how much the card shows", "[layout]") {
  auto [variant, width, max_related, thumbs, lead_max, column] =
      GENERATE(table<layout_variant, int, int, bool, std::size_t, int>({
          {layout_variant::narrow, 320, 5, false, 160, 320},
          {layout_variant::regular, 600, 10, true, 300, 600},
          {layout_variant::regular, 880, 10, true, 300, 760},
          {layout_variant::wide, 1024, 20, true, 0, 672},
          {layout_variant::wide, 1400, 20, true, 0, 760},
      }));
  const layout l = layout_for(variant, width);
  CHECK(l.variant == variant);
  CHECK(l.max_related == max_related);
  CHECK(l.related_thumbnails == thumbs);
  CHECK(l.lead_max_chars == lead_max);
  CHECK(l.main_column_px == column);
}

TEST_CASE("layout variants have stable names", "[layout]") {
  for (layout_variant v : {layout_variant::narrow, layout_variant::regular, layout_variant::wide}) {
    layout_variant back = layout_variant::regular;
    REQUIRE(variant_from_name(name_of(v), back));
    CHECK(back == v);
  }
  layout_variant untouched = layout_variant::wide;
  CHECK_FALSE(variant_from_name("huge", untouched));
  CHECK(untouched == layout_variant::wide);
}
