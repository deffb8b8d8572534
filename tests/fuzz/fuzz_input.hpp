// What a harness reads its structured input from: the fuzzer's bytes taken in order, a
// number or a string at a time, with everything past the end read as zeros, so that any
// input is a valid sequence of choices (the fuzzer mutates the choices, not a format).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace mosaic_fuzz {

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool empty() const { return at_ >= size_; }

  template <class T>
  T number() {
    T v{};
    const size_t n = std::min(sizeof(T), size_ - at_);
    if (n > 0) std::memcpy(&v, data_ + at_, n);
    at_ += n;
    return v;
  }

  uint32_t below(uint32_t n) { return n == 0 ? 0 : number<uint8_t>() % n; }

  // Up to `most` bytes, ended by a 0 byte or the end of the input.
  std::string text(size_t most = 64) {
    std::string s;
    while (at_ < size_ && s.size() < most) {
      const char c = static_cast<char>(data_[at_++]);
      if (c == '\0') break;
      s += c;
    }
    return s;
  }

  // What is left, as text.
  std::string_view rest() {
    const std::string_view r(reinterpret_cast<const char*>(data_ + at_), size_ - at_);
    at_ = size_;
    return r;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

}  // namespace mosaic_fuzz
