#include "news_widget/layout.hpp"

#include <algorithm>

namespace news_widget {

std::string_view name_of(layout_variant v) {
  switch (v) {
    case layout_variant::narrow:
      return "narrow";
    case layout_variant::wide:
      return "wide";
    case layout_variant::regular:
      break;
  }
  return "regular";
}

bool variant_from_name(std::string_view name, layout_variant& out) {
  for (layout_variant v : {layout_variant::narrow, layout_variant::regular, layout_variant::wide}) {
    if (name == name_of(v)) {
      out = v;
      return true;
    }
  }
  return false;
}

layout_variant variant_for_width(int width_px) {
  if (width_px <= 0) return layout_variant::regular;
  if (width_px < narrow_below_px) return layout_variant::narrow;
  if (width_px < wide_from_px) return layout_variant::regular;
  return layout_variant::wide;
}

layout layout_for(layout_variant variant, int width_px) {
  layout l;
  l.variant = variant;
  const int width = width_px > 0 ? width_px : 640;
  switch (variant) {
    case layout_variant::narrow:
      // A phone-sized column: keep the lead short and the list to a screenful.
      l.max_related = 5;
      l.related_thumbnails = false;
      l.lead_max_chars = 160;
      l.main_column_px = width;
      break;
    case layout_variant::regular:
      l.max_related = 10;
      l.related_thumbnails = true;
      l.lead_max_chars = 300;
      l.main_column_px = std::min(width, 760);
      break;
    case layout_variant::wide:
      // The sidebar has room for the whole list, as on the publisher's own page.
      l.max_related = 20;
      l.related_thumbnails = true;
      l.lead_max_chars = 0;
      l.main_column_px = std::min(width - 320 - 32, 760);
      break;
  }
  return l;
}

}  // namespace news_widget
