// mosaic/state.hpp: byte-level helpers for a module's saved state (mosaic.ext.state/1).
// Values are written in the machine's own representation: state moves between builds of
// a module on one host, not across machines.
#pragma once

#include <mosaic/error.hpp>

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace mosaic {

class StateWriter {
 public:
  template <class T>
    requires std::is_trivially_copyable_v<T>
  StateWriter& put(const T& value) {
    const auto* p = reinterpret_cast<const uint8_t*>(&value);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
    return *this;
  }
  template <class T>
    requires std::is_trivially_copyable_v<T>
  StateWriter& put_vector(const std::vector<T>& values) {
    put<uint64_t>(values.size());
    const auto* p = reinterpret_cast<const uint8_t*>(values.data());
    bytes_.insert(bytes_.end(), p, p + values.size() * sizeof(T));
    return *this;
  }
  std::vector<uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

// Reads what a StateWriter wrote; every read past the end throws Error(INVALID_ARGUMENT).
class StateReader {
 public:
  explicit StateReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  template <class T>
    requires std::is_trivially_copyable_v<T>
  T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  template <class T>
    requires std::is_trivially_copyable_v<T>
  std::vector<T> get_vector(size_t max_count = 1u << 24) {
    const auto n = get<uint64_t>();
    if (n > max_count) throw Error(MOSAIC_ERR_INVALID_ARGUMENT, "saved state: vector of " + std::to_string(n) + " items is implausible");
    need(n * sizeof(T));
    std::vector<T> values(n);
    if (n) std::memcpy(values.data(), bytes_.data() + at_, n * sizeof(T));
    at_ += n * sizeof(T);
    return values;
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  void need(size_t n) const {
    if (bytes_.size() - at_ < n)
      throw Error(MOSAIC_ERR_INVALID_ARGUMENT, "saved state is truncated (" + std::to_string(bytes_.size()) + " bytes)");
  }
  std::span<const uint8_t> bytes_;
  size_t at_ = 0;
};

}  // namespace mosaic
