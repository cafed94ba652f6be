// Memory for the core inside the wasm module: a bump arena instead of a
// general-purpose allocator. A render allocates a few hundred blocks and is
// over in microseconds; nothing outlives the next render. So allocation is a
// pointer increment, freeing the newest block gives it back, and when every
// block is free the whole arena starts over (see nw_alloc in bridge.cpp,
// which releases the last render's output before taking new input).
// That needs far less code than a general allocator (emmalloc) and does less
// work per block.
#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" unsigned char __heap_base;

namespace {

constexpr std::uintptr_t alignment = 16;  // alignof(max_align_t)
constexpr std::uintptr_t header_size = alignment;
constexpr std::uintptr_t page_size = 65536;
constexpr std::size_t max_block = 0x7FFF0000u;  // larger requests fail (wasm32: < 2 GiB)

std::uintptr_t arena_start = 0;  // first byte of the arena
std::uintptr_t arena_top = 0;    // first free byte
std::uintptr_t newest = 0;       // the most recent block, while it is still the top one
std::size_t live_blocks = 0;

std::uintptr_t round_up(std::uintptr_t n) {
  return (n + alignment - 1) & ~(alignment - 1);
}

std::size_t& size_of(std::uintptr_t block) {
  return *reinterpret_cast<std::size_t*>(block - header_size);
}

// Grows the memory so that [0, end) is usable; false when it cannot.
bool reserve_to(std::uintptr_t end) {
  const std::uintptr_t have = __builtin_wasm_memory_size(0) * page_size;
  if (end <= have) return true;
  const std::uintptr_t pages = (end - have + page_size - 1) / page_size;
  return __builtin_wasm_memory_grow(0, pages) != static_cast<std::size_t>(-1);
}

}  // namespace

extern "C" {

void* malloc(std::size_t size) {
  if (arena_start == 0)
    arena_start = arena_top = round_up(reinterpret_cast<std::uintptr_t>(&__heap_base));
  if (size > max_block) return nullptr;
  const std::uintptr_t block = arena_top + header_size;
  const std::uintptr_t end = block + round_up(size ? size : 1);
  if (!reserve_to(end)) return nullptr;
  size_of(block) = size;
  arena_top = end;
  newest = block;
  ++live_blocks;
  return reinterpret_cast<void*>(block);
}

void free(void* ptr) {
  if (!ptr) return;
  const auto block = reinterpret_cast<std::uintptr_t>(ptr);
  if (--live_blocks == 0) {
    arena_top = arena_start;  // everything is free: start over
    newest = 0;
  } else if (block == newest) {
    arena_top = block - header_size;
    newest = 0;
  }
}

void* realloc(void* ptr, std::size_t size) {
  if (!ptr) return malloc(size);
  const auto block = reinterpret_cast<std::uintptr_t>(ptr);
  if (block == newest && size <= max_block) {
    const std::uintptr_t end = block + round_up(size ? size : 1);
    if (!reserve_to(end)) return nullptr;
    size_of(block) = size;
    arena_top = end;
    return ptr;
  }
  void* moved = malloc(size);
  if (!moved) return nullptr;
  const std::size_t old_size = size_of(block);
  std::memcpy(moved, ptr, old_size < size ? old_size : size);
  free(ptr);
  return moved;
}

void* calloc(std::size_t count, std::size_t size) {
  if (size != 0 && count > max_block / size) return nullptr;
  void* ptr = malloc(count * size);
  if (ptr) std::memset(ptr, 0, count * size);
  return ptr;
}

}  // extern "C"
