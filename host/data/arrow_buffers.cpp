#include "host/data/arrow_buffers.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mosaic::host {
namespace {

// Fixed-width formats of the Arrow C data interface: bytes per value.
std::optional<size_t> value_width(std::string_view f) {
  if (f == "g" || f == "l" || f == "L" || f.rfind("ts", 0) == 0 || f.rfind("tD", 0) == 0 || f == "tdm") return 8;
  if (f == "f" || f == "i" || f == "I" || f == "tdD" || f.rfind("tt", 0) == 0) return 4;
  if (f == "s" || f == "S" || f == "e") return 2;
  if (f == "c" || f == "C") return 1;
  return std::nullopt;
}

}  // namespace

std::optional<size_t> arrow_buffer_bytes(const ArrowSchema* s, const ArrowArray* a, int64_t i) {
  if (!a->buffers || !a->buffers[i]) return 0;
  const std::string_view f = s->format ? s->format : "";
  const auto n = static_cast<size_t>(a->length + a->offset);
  if (i == 0) return (n + 7) / 8;  // validity bitmap
  if (f == "u" || f == "z") {
    if (i == 1) return (n + 1) * sizeof(int32_t);
    const auto* offsets = static_cast<const int32_t*>(a->buffers[1]);
    return offsets ? static_cast<size_t>(offsets[n]) : 0;
  }
  if (f == "b") return (n + 7) / 8;
  if (auto width = value_width(f); width && i == 1) return n * *width;
  return std::nullopt;
}

size_t arrow_metadata_bytes(const char* metadata) {
  if (!metadata) return 0;
  auto read_int = [&](size_t at) {
    int32_t v;
    std::memcpy(&v, metadata + at, sizeof v);
    return static_cast<size_t>(v);
  };
  size_t at = sizeof(int32_t);
  const size_t pairs = read_int(0);
  for (size_t p = 0; p < 2 * pairs; ++p) at += sizeof(int32_t) + read_int(at);
  return at;
}

}  // namespace mosaic::host
