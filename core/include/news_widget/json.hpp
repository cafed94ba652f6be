// A strict, compact JSON reader (RFC 8259) for feeds: one pass over the text
// into a flat tree, no exceptions, no recursion deeper than the depth limit,
// no floating-point parsing (numbers are read exactly as far as a feed needs).
// It replaces a general-purpose library in the core to keep the wasm small
// and fast; its conformance is tested against JSONTestSuite.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>
#include "news_widget/str.hpp"

namespace news_widget::json {

enum class kind : std::uint8_t { null, boolean, number, string, array, object };

// A parsed document. Values are addressed by index; index 0 is the root.
class document;

// A read-only view of one value in a document. Cheap to copy.
class value {
 public:
  value() = default;  // not found: an absent member, past the end of an array

  kind type() const;
  bool is_null() const { return type() == kind::null; }
  bool is_bool() const { return type() == kind::boolean; }
  bool is_number() const { return type() == kind::number; }
  bool is_string() const { return type() == kind::string; }
  bool is_array() const { return type() == kind::array; }
  bool is_object() const { return type() == kind::object; }

  bool boolean() const;             // for booleans; false otherwise
  std::string_view string() const;  // for strings: decoded, valid UTF-8 (lone surrogates as U+FFFD)
  std::string_view number_text() const;  // for numbers: as written

  // For numbers: true and the value when it is a whole number within
  // [-2^53, 2^53] (1, 1.0, 1e2, -0); false otherwise (1.5, 1e400).
  bool whole_number(std::int64_t& out) const;

  std::size_t size() const;  // members of an object, items of an array; 0 otherwise
  // The first item of an array (or member of an object), and the one after
  // this; found() is false past the end. for (v = a.first(); v.found(); v = v.next())
  value first() const;
  value next() const;
  // The member named `key` (the last one, if repeated); a null-kind value
  // with found() false when absent or when this is not an object.
  value member(std::string_view key) const;
  bool found() const { return index_ != npos; }

 private:
  friend class document;
  static constexpr std::uint32_t npos = 0xFFFFFFFFu;
  value(const document* doc, std::uint32_t index) : doc_(doc), index_(index) {}
  const document* doc_ = nullptr;
  std::uint32_t index_ = npos;
};

struct parse_error {
  std::size_t offset = 0;  // byte offset of the problem
  bool too_deep = false;   // nesting beyond the depth limit (else: not valid JSON)
  str message;             // e.g. "syntax error at byte 8"
};

class document {
 public:
  // Parses `text` (a leading UTF-8 BOM is skipped). On failure returns false
  // and fills `error`; nesting deeper than `max_depth` is an error too.
  // `text` must outlive the document: unescaped strings are views into it.
  bool parse(std::string_view text, int max_depth, parse_error& error);

  value root() const { return value(this, nodes_.empty() ? value::npos : 0); }

 private:
  friend class value;
  struct node {
    kind type = kind::null;
    bool boolean = false;
    bool in_arena = false;         // string bytes live in arena_ (decoded), not in the source
    bool key_in_arena = false;     // likewise for an object member's key
    std::uint32_t offset = 0;      // string or number bytes: offset
    std::uint32_t length = 0;      //   and length
    std::uint32_t key_offset = 0;  // for object members: the key
    std::uint32_t key_length = 0;
    std::uint32_t count = 0;  // children (arrays, objects)
    std::uint32_t first_child = value::npos;
    std::uint32_t next_sibling = value::npos;
  };
  class parser;
  std::string_view source_;
  str arena_;
  std::vector<node> nodes_;
};

}  // namespace news_widget::json
