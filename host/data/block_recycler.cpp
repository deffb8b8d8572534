#include "host/data/block_recycler.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>

namespace mosaic::host {

namespace {

// Below this, malloc's own per-thread caches serve as fast.
constexpr size_t kSmallest = 16 * 1024;
constexpr size_t kSlots = 32;
constexpr size_t kMostBytes = size_t{64} << 20;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kRecycle = false;
#else
constexpr bool kRecycle = true;
#endif

class Recycler {
 public:
  Recycler() = default;
  Recycler(const Recycler&) = delete;
  Recycler& operator=(const Recycler&) = delete;
  ~Recycler() {
    for (size_t i = 0; i < count_; ++i) std::free(kept_[i].block);
  }

  void* take(size_t size, size_t alignment) {
    for (size_t i = count_; i-- > 0;) {  // the most recently kept first: warmest in cache
      Kept& k = kept_[i];
      if (k.usable < size || k.usable - size > size / 4) continue;
      if (reinterpret_cast<uintptr_t>(k.block) % alignment != 0) continue;
      void* block = k.block;
      bytes_ -= k.usable;
      k = kept_[--count_];
      return block;
    }
    return nullptr;
  }

  bool keep(void* block, size_t usable) {
    if (count_ == kSlots || bytes_ + usable > kMostBytes) return false;
    kept_[count_++] = {block, usable};
    bytes_ += usable;
    return true;
  }

 private:
  struct Kept {
    void* block = nullptr;
    size_t usable = 0;
  };
  std::array<Kept, kSlots> kept_{};
  size_t count_ = 0;
  size_t bytes_ = 0;
};

Recycler& recycler() {
  thread_local Recycler r;
  return r;
}

}  // namespace

void* take_recycled_block(size_t size, size_t alignment) {
  if (!kRecycle || size < kSmallest) return nullptr;
  return recycler().take(size, alignment);
}

bool recycle_block(void* block, size_t usable) {
  if (!kRecycle || usable < kSmallest) return false;
  return recycler().keep(block, usable);
}

}  // namespace mosaic::host
