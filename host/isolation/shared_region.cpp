#include "host/isolation/shared_region.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>
#include <algorithm>

namespace mosaic::host::isolation {

SharedRegion::SharedRegion(const std::string& name) {
  fd_ = memfd_create(name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "memfd_create " + name);
  // Neither side can shrink it under the other's reads: pages cut off would be a SIGBUS in
  // the reader, and the host must not be the one to take it.
  if (fcntl(fd_, F_ADD_SEALS, F_SEAL_SHRINK) != 0) {
    const int e = errno;
    close(fd_);
    throw std::system_error(e, std::generic_category(), "sealing " + name);
  }
  map();
}

SharedRegion SharedRegion::adopt(int fd) {
  SharedRegion r;
  r.fd_ = fd;
  r.map();
  return r;
}

void SharedRegion::map() {
  // MAP_NORESERVE: the reservation is address space only; memory is charged as the file grows.
  void* p = mmap(nullptr, kReservation, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd_, 0);
  if (p == MAP_FAILED) {
    const int e = errno;
    close(fd_);
    fd_ = -1;
    throw std::system_error(e, std::generic_category(), "mmap of a shared region");
  }
  base_ = static_cast<uint8_t*>(p);
}

SharedRegion::SharedRegion(SharedRegion&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), base_(std::exchange(other.base_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SharedRegion::~SharedRegion() {
  if (base_) munmap(base_, kReservation);
  if (fd_ >= 0) close(fd_);
}

bool SharedRegion::reserve(size_t bytes) {
  if (bytes <= size_) return true;
  if (bytes > kReservation) return false;
  size_t grown = std::max<size_t>(size_ * 2, size_t{1} << 20);
  while (grown < bytes) grown *= 2;
  grown = std::min(grown, kReservation);
  if (ftruncate(fd_, static_cast<off_t>(grown)) != 0) return false;
  size_ = grown;
  return true;
}

bool SharedRegion::accept_size(size_t bytes) {
  if (bytes > kReservation) return false;
  size_ = std::max(size_, bytes);
  return true;
}

size_t SharedRegion::file_size() const {
  struct stat st {};
  return fstat(fd_, &st) == 0 ? static_cast<size_t>(st.st_size) : 0;
}

size_t RegionWriter::allocate(size_t bytes) {
  const size_t at = (used_ + 63) & ~size_t{63};
  if (!region_.reserve(at + bytes)) return kFailed;
  used_ = at + bytes;
  return at;
}

size_t RegionWriter::put(const void* data, size_t bytes) {
  const size_t at = allocate(bytes);
  if (at != kFailed && bytes > 0) std::memcpy(region_.data() + at, data, bytes);
  return at;
}

}  // namespace mosaic::host::isolation
