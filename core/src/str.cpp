#include "news_widget/str.hpp"

#ifdef NEWS_WIDGET_COMPACT_STRING
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace news_widget {

char str::empty_[1] = {'\0'};

str::str(const char* s) : str(std::string_view(s)) {}

str& str::operator=(const str& other) {
  if (this != &other) assign(other.data(), other.size_);
  return *this;
}

str& str::operator=(str&& other) noexcept {
  swap(other);
  other.clear();
  return *this;
}

str& str::assign(const char* s, std::size_t n) {
  const auto from = reinterpret_cast<std::uintptr_t>(s);
  const auto start = reinterpret_cast<std::uintptr_t>(data_);
  if (from < start || from >= start + capacity_) {
    clear();
    return append(s, n);
  }
  // A part of its own bytes: moved to the front, first byte first.
  for (std::size_t i = 0; i < n; ++i) data_[i] = s[i];
  resize(n);
  return *this;
}

str::~str() {
  if (capacity_) std::free(data_);
}

void str::swap(str& other) noexcept {
  char* d = data_;
  const std::size_t s = size_, c = capacity_;
  data_ = other.data_;
  size_ = other.size_;
  capacity_ = other.capacity_;
  other.data_ = d;
  other.size_ = s;
  other.capacity_ = c;
}

void str::reserve(std::size_t n) {
  if (n < capacity_) return;
  // Without exceptions an allocation failure ends the program, as
  // std::string's does under -fno-exceptions.
  char* grown = static_cast<char*>(std::realloc(capacity_ ? data_ : nullptr, n + 1));
  if (!grown) std::abort();
  if (!capacity_) grown[0] = '\0';
  data_ = grown;
  capacity_ = n + 1;
}

void str::make_room(std::size_t extra) {
  const std::size_t needed = size_ + extra;
  if (needed < capacity_) return;
  // At least 31 bytes at first: most of the core's strings are built by appends.
  const std::size_t grown = capacity_ ? 2 * capacity_ : 31;
  reserve(needed > grown ? needed : grown);
}

str& str::append(const char* s, std::size_t n) {
  if (n == 0) return *this;  // nothing to add: an empty string stays unallocated
  // A source inside this string moves with it when the bytes are reallocated.
  const auto from = reinterpret_cast<std::uintptr_t>(s);
  const auto start = reinterpret_cast<std::uintptr_t>(data_);
  const bool inside = from >= start && from < start + capacity_;
  make_room(n);
  if (inside) s = data_ + (from - start);
  // Never overlapping: bytes of its own end at or before size_ (assign() copies its own itself).
  std::memcpy(data_ + size_, s, n);
  size_ += n;
  data_[size_] = '\0';
  return *this;
}

void str::push_back(char c) {
  make_room(1);
  data_[size_] = c;
  data_[++size_] = '\0';
}

str& str::append(std::size_t count, char c) {
  make_room(count);
  std::memset(data_ + size_, c, count);
  size_ += count;
  data_[size_] = '\0';
  return *this;
}

void str::resize(std::size_t n, char c) {
  if (n > size_) {
    append(n - size_, c);
  } else if (capacity_) {
    size_ = n;
    data_[n] = '\0';
  }
}

bool operator==(std::string_view a, const str& b) {
  return a == std::string_view(b);
}

}  // namespace news_widget
#endif
