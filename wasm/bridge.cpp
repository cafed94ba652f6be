// The wasm bridge: a few plain-C exports over the core's render entry.
// No logic of its own; the web loader (web/widget/news-widget.js) is its only caller.
//
// Memory protocol: the caller allocates input buffers with nw_alloc, writes
// UTF-8 into them, calls nw_render, reads the output through the
// nw_html_*/nw_diagnostics_* views (valid until the next nw_alloc or
// nw_render), and frees the input buffers with nw_free. Memory comes from a
// bump arena (arena.cpp) that starts over once the last render's output is
// released and every input buffer freed.
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "news_widget/render.hpp"

namespace {
news_widget::render_result last_result;
news_widget::str last_diagnostics;
std::uint32_t inputs_outstanding = 0;  // nw_alloc buffers not yet freed

// Frees the last render's output (its views become invalid).
void release_last_result() {
  last_result = news_widget::render_result();
  news_widget::str().swap(last_diagnostics);
}
}  // namespace

#define NW_EXPORT(name) extern "C" __attribute__((export_name(#name), used))

// The core's ABI version; the loader refuses a module whose version differs from its own.
NW_EXPORT(nw_abi_version) int nw_abi_version() {
  return news_widget::abi_version;
}

// A buffer of `size` bytes in wasm memory (nullptr when out of memory); release with nw_free.
// The first buffer for a new render releases the last render's output.
NW_EXPORT(nw_alloc) void* nw_alloc(std::uint32_t size) {
  if (inputs_outstanding == 0) release_last_result();
  void* ptr = std::malloc(size ? size : 1);
  if (ptr) ++inputs_outstanding;
  return ptr;
}
NW_EXPORT(nw_free) void nw_free(void* ptr) {
  if (!ptr) return;
  --inputs_outstanding;
  std::free(ptr);
}

// Renders the feed (json_len bytes at json) for a container width_px wide with
// the options query string (opts_len bytes at opts) and the related feed
// (related_len bytes at related; 0 = none). 1 = card rendered, 0 = feed unusable.
NW_EXPORT(nw_render)
int nw_render(const char* json, std::uint32_t json_len, int width_px, const char* opts,
              std::uint32_t opts_len, const char* related, std::uint32_t related_len) {
  release_last_result();
  last_result = news_widget::render(std::string_view(json, json_len), width_px,
                                    std::string_view(opts, opts_len),
                                    std::string_view(related_len ? related : "", related_len));
  last_diagnostics = news_widget::to_json(last_result.diagnostics);
  return last_result.ok ? 1 : 0;
}

// Views of the last render's HTML and diagnostics (JSON array), as UTF-8.
NW_EXPORT(nw_html_ptr) const char* nw_html_ptr() {
  return last_result.html.data();
}
NW_EXPORT(nw_html_len) std::uint32_t nw_html_len() {
  return static_cast<std::uint32_t>(last_result.html.size());
}
NW_EXPORT(nw_diagnostics_ptr) const char* nw_diagnostics_ptr() {
  return last_diagnostics.data();
}
NW_EXPORT(nw_diagnostics_len) std::uint32_t nw_diagnostics_len() {
  return static_cast<std::uint32_t>(last_diagnostics.size());
}

// The last render's document format as a NUL-terminated name ("json-feed"; "" when unread).
NW_EXPORT(nw_format) const char* nw_format() {
  return last_result.format;
}

// The last render's estimated card height in pixels (0 when it failed).
NW_EXPORT(nw_estimated_height) int nw_estimated_height() {
  return last_result.estimated_height_px;
}

// The last render's layout variant by name ("narrow", "regular" or "wide"),
// as the card's data-layout gives it; empty when the render failed.
NW_EXPORT(nw_layout_ptr) const char* nw_layout_ptr() {
  return last_result.ok ? news_widget::name_of(last_result.variant).data() : "";
}
NW_EXPORT(nw_layout_len) std::uint32_t nw_layout_len() {
  return last_result.ok
             ? static_cast<std::uint32_t>(news_widget::name_of(last_result.variant).size())
             : 0;
}

// The layout variant for a container width (0 narrow, 1 regular, 2 wide), so
// the loader re-renders on resize only when the variant changes.
NW_EXPORT(nw_variant_for_width) int nw_variant_for_width(int width_px) {
  return static_cast<int>(news_widget::variant_for_width(width_px));
}

// The name of option `index` in the core's option table (NUL-terminated), or
// nullptr past its end: what the loader's attribute lists must match.
NW_EXPORT(nw_option_name) const char* nw_option_name(int index) {
  constexpr int count = static_cast<int>(std::size(news_widget::option_names));
  return index >= 0 && index < count ? news_widget::option_names[index].data() : nullptr;
}
