#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "byte_string.hpp"

using namespace news_widget::wasm_runtime;

namespace {

// Bytes 0..255 repeating from `seed`, so every value (and zero) turns up.
std::vector<unsigned char> pattern(std::size_t n, unsigned seed) {
  std::vector<unsigned char> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<unsigned char>(seed + i * 37);
  return v;
}

}  // namespace

TEST_CASE("copy_bytes copies like memcpy at every length and alignment", "[wasm][bytes]") {
  for (std::size_t offset = 0; offset < 8; ++offset) {
    for (std::size_t n = 0; n <= 40; ++n) {
      const std::vector<unsigned char> src = pattern(offset + n + 8, 3);
      std::vector<unsigned char> ours = pattern(offset + n + 8, 101);
      std::vector<unsigned char> expected = ours;
      CHECK(copy_bytes(ours.data() + offset, src.data() + 1, n) == ours.data() + offset);
      std::memcpy(expected.data() + offset, src.data() + 1, n);
      INFO("offset " << offset << ", n " << n);
      CHECK(ours == expected);  // the bytes around the copy are untouched too
    }
  }
}

TEST_CASE("find_byte finds like memchr, comparing as unsigned char", "[wasm][bytes]") {
  const std::vector<unsigned char> hay = pattern(300, 0);
  for (const int c : {0, 1, 0x7F, 0x80, 0xE2, 0xFF, 0x1E2, -1, -30}) {
    for (const std::size_t n :
         {std::size_t{0}, std::size_t{1}, std::size_t{9}, std::size_t{64}, std::size_t{300}}) {
      INFO("c " << c << ", n " << n);
      CHECK(find_byte(hay.data(), c, n) == std::memchr(hay.data(), c, n));
    }
  }
  const std::string text = "abcabc";
  CHECK(find_byte(text.data(), 'c', text.size()) == text.data() + 2);
  CHECK(find_byte(text.data(), 'x', text.size()) == nullptr);
}

TEST_CASE("length_of measures like strlen", "[wasm][bytes]") {
  for (const char* s : {"", "a", "seven b", "\xE2\x80\xA6 non-ASCII", "a\0hidden"}) {
    CHECK(length_of(s) == std::strlen(s));
  }
}
