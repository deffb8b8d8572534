// A block of memory two processes share: a memfd, mapped once at a fixed address over a
// reservation far larger than it will grow, so that growing it (ftruncate, by either side)
// never moves what is already mapped. Pages beyond the file's size are reserved address
// space, not memory; touching them before the file has grown is a SIGBUS.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mosaic::host::isolation {

class SharedRegion {
 public:
  // A new, empty memfd named `name` (it shows in /proc/<pid>/fd). Throws std::system_error.
  explicit SharedRegion(const std::string& name);
  // Maps a memfd another process made (the child's side). Takes ownership of `fd`.
  static SharedRegion adopt(int fd);
  ~SharedRegion();
  SharedRegion(SharedRegion&& other) noexcept;
  SharedRegion& operator=(SharedRegion&&) = delete;
  SharedRegion(const SharedRegion&) = delete;

  int fd() const { return fd_; }
  uint8_t* data() const { return base_; }
  // The file's size as this side last grew or read it.
  size_t size() const { return size_; }
  // Grows the file to at least `bytes` (in doubling steps); false when the reservation or
  // the machine's memory is exhausted.
  bool reserve(size_t bytes);
  // The file's size now, whoever grew it; it never shrinks (the memfd is sealed so).
  size_t file_size() const;
  // Takes the size the other side grew the file to; false when it is beyond the reservation.
  bool accept_size(size_t bytes);

  static constexpr size_t kReservation = size_t{1} << 36;  // 64 GiB of address space

 private:
  SharedRegion() = default;
  void map();
  int fd_ = -1;
  uint8_t* base_ = nullptr;
  size_t size_ = 0;
};

// Appends blocks to a region from offset 0, each 64-byte aligned (Arrow's recommendation).
class RegionWriter {
 public:
  explicit RegionWriter(SharedRegion& region) : region_(region) {}
  // The offset of a new block of `bytes`, or nullopt-like SIZE_MAX when the region cannot grow.
  size_t allocate(size_t bytes);
  size_t put(const void* data, size_t bytes);
  uint8_t* at(size_t offset) const { return region_.data() + offset; }
  size_t used() const { return used_; }
  void reset() { used_ = 0; }

  static constexpr size_t kFailed = SIZE_MAX;

 private:
  SharedRegion& region_;
  size_t used_ = 0;
};

}  // namespace mosaic::host::isolation
