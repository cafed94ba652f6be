// The byte-string functions the wasm module takes from libc (memcpy, memchr,
// strlen), written for size: libc's are unrolled word-at-a-time versions,
// several times the code. libc.cpp makes them the module's memcpy, memchr and
// strlen; the native tests check them against the standard library's.
#pragma once

#include <cstddef>
#include <cstdint>

// The loops must not be turned back into calls of the functions they implement.
#if defined(__clang__)
#define NW_BYTES_FN(builtin) [[clang::minsize]] __attribute__((no_builtin(builtin)))
#else
#define NW_BYTES_FN(builtin)
#endif

namespace news_widget::wasm_runtime {

// Copies n bytes, eight at a time while it can (wasm loads and stores need no alignment).
NW_BYTES_FN("memcpy")
inline void* copy_bytes(void* dest, const void* src, std::size_t n) {
  auto* d = static_cast<unsigned char*>(dest);
  const auto* s = static_cast<const unsigned char*>(src);
  for (; n >= 8; n -= 8, d += 8, s += 8) {
    std::uint64_t word;
    __builtin_memcpy(&word, s, 8);  // a single load and store, not a call
    __builtin_memcpy(d, &word, 8);
  }
  for (; n > 0; --n) *d++ = *s++;
  return dest;
}

// The first of the n bytes at src equal to (unsigned char)c, or nullptr.
NW_BYTES_FN("memchr")
inline const void* find_byte(const void* src, int c, std::size_t n) {
  const auto* s = static_cast<const unsigned char*>(src);
  for (; n > 0; --n, ++s) {
    if (*s == static_cast<unsigned char>(c)) return s;
  }
  return nullptr;
}

// The length of the zero-terminated string s.
NW_BYTES_FN("strlen")
inline std::size_t length_of(const char* s) {
  const char* p = s;
  while (*p) ++p;
  return static_cast<std::size_t>(p - s);
}

}  // namespace news_widget::wasm_runtime
