// Layout decisions for a container width. The browser does what CSS does well
// (grid, wrapping, clamping); the core decides what is shown and how much.
#pragma once

#include <cstddef>
#include <string_view>

namespace news_widget {

enum class layout_variant {
  narrow,   // < 480 px: one column, image on top, compact related list
  regular,  // 480..899 px: one column, related list below the article
  wide,     // >= 900 px: related list beside the article as a sidebar
};

constexpr int narrow_below_px = 480;  // container widths below this are narrow
constexpr int wide_from_px = 900;     // container widths from this on are wide

struct layout {
  layout_variant variant = layout_variant::regular;
  int max_related = 10;             // related stories shown at most
  bool related_thumbnails = false;  // thumbnails beside related titles
  std::size_t lead_max_chars = 0;   // lead shortened at a word boundary beyond this; 0 = whole lead
  int main_column_px = 0;           // width of the article column, for the image's `sizes`
};

// "narrow", "regular" or "wide".
std::string_view name_of(layout_variant v);
// The variant named `name`; false if `name` is not one.
bool variant_from_name(std::string_view name, layout_variant& out);

// The variant for a container width (<= 0 = unknown, which lays out as regular).
layout_variant variant_for_width(int width_px);

// The layout of `variant` at `width_px`.
layout layout_for(layout_variant variant, int width_px);

}  // namespace news_widget
