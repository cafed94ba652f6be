// The module's memcpy, memchr and strlen, in place of libc's (see
// byte_string.hpp): libc's are unrolled for speed at several times the code,
// and the core's copies and scans are short.
#include <cstddef>

#include "byte_string.hpp"

using namespace news_widget::wasm_runtime;

extern "C" {

NW_BYTES_FN("memcpy") void* memcpy(void* dest, const void* src, std::size_t n) {
  return copy_bytes(dest, src, n);
}

NW_BYTES_FN("memchr") void* memchr(const void* src, int c, std::size_t n) {
  return const_cast<void*>(find_byte(src, c, n));
}

NW_BYTES_FN("strlen") std::size_t strlen(const char* s) {
  return length_of(s);
}

}  // extern "C"
