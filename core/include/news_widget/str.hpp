// news_widget::str, the core's string of bytes: std::string natively; in the
// wasm build (NEWS_WIDGET_COMPACT_STRING) a class of its own with the part of
// std::string's interface that the core uses, and the same behaviour there
// (tests/unit/compact_string_test.cpp checks it against std::string).
// Why: libc++'s std::string keeps short strings inside the object, and every
// use of one, inlined into every caller, first asks which kind it is; the
// wasm pays for each of those branches in bytes. This class always keeps its
// bytes on the heap (in the wasm, the render's bump arena: wasm/arena.cpp),
// NUL-terminated, with every operation that allocates out of line.
#pragma once

#include <cstddef>
#include <string_view>

#ifndef NEWS_WIDGET_COMPACT_STRING
#include <string>
namespace news_widget {
using str = std::string;
}  // namespace news_widget
#else
namespace news_widget {

class str {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  str() = default;
  str(const char* s);  // NOLINT(google-explicit-constructor): implicit, as std::string's
  str(const char* s, std::size_t n) { append(s, n); }
  str(const char* first, const char* last) : str(first, static_cast<std::size_t>(last - first)) {}
  explicit str(std::string_view s) : str(s.data(), s.size()) {}
  str(const str& other) : str(other.data(), other.size_) {}
  str(str&& other) noexcept : data_(other.data_), size_(other.size_), capacity_(other.capacity_) {
    other.data_ = empty_;
    other.size_ = other.capacity_ = 0;
  }
  str& operator=(const str& other);
  str& operator=(str&& other) noexcept;
  ~str();

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Never null; data()[size()] is '\0', as std::string's.
  const char* data() const { return data_; }
  char* data() { return data_; }
  char& operator[](std::size_t i) { return data()[i]; }
  char operator[](std::size_t i) const { return data()[i]; }
  char* begin() { return data(); }
  char* end() { return data() + size_; }
  const char* begin() const { return data(); }
  const char* end() const { return data() + size_; }
  operator std::string_view() const { return {data(), size_}; }  // NOLINT: as std::string's

  // `s` may point into this string, as for append.
  str& assign(const char* s, std::size_t n);
  str& assign(std::string_view s) { return assign(s.data(), s.size()); }
  // `s` may point into this string.
  str& append(const char* s, std::size_t n);
  str& append(std::string_view s) { return append(s.data(), s.size()); }
  str& append(std::size_t count, char c);
  str& operator+=(std::string_view s) { return append(s.data(), s.size()); }
  str& operator+=(const str& s) { return append(s.data(), s.size_); }
  str& operator+=(const char* s) { return append(std::string_view(s)); }
  str& operator+=(char c) {
    push_back(c);
    return *this;
  }
  void push_back(char c);
  void reserve(std::size_t n);
  void resize(std::size_t n, char c = '\0');
  void clear() { resize(0); }
  void swap(str& other) noexcept;
  str substr(std::size_t pos = 0, std::size_t n = npos) const {
    return str(std::string_view(*this).substr(pos, n));
  }
  std::size_t find(char c, std::size_t pos = 0) const {
    return std::string_view(*this).find(c, pos);
  }
  std::size_t find(std::string_view s, std::size_t pos = 0) const {
    return std::string_view(*this).find(s, pos);
  }
  std::size_t rfind(char c, std::size_t pos = npos) const {
    return std::string_view(*this).rfind(c, pos);
  }

 private:
  // Room for `extra` more bytes and the terminator, growing geometrically.
  void make_room(std::size_t extra);

  static char empty_[1];  // every string's bytes until it has some: "" (never written)
  char* data_ = empty_;   // size_ + 1 <= capacity_ once allocated (capacity_ > 0)
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;  // bytes allocated, the terminator's included
};

bool operator==(std::string_view a, const str& b);
inline bool operator==(const str& a, std::string_view b) {
  return b == a;
}
inline bool operator==(const str& a, const str& b) {
  return std::string_view(a) == b;
}
inline bool operator==(const str& a, const char* b) {
  return std::string_view(b) == a;
}
inline bool operator!=(const str& a, const str& b) {
  return !(a == b);
}
inline bool operator!=(const str& a, const char* b) {
  return !(a == b);
}

}  // namespace news_widget
#endif
