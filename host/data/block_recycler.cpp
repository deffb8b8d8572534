#include "host/data/block_recycler.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>

namespace mosaic::host {

namespace {

// Below this, blocks are kept by size class instead.
constexpr size_t kSmallest = 16 * 1024;
constexpr size_t kSlots = 32;
constexpr size_t kMostBytes = size_t{64} << 20;
// The small blocks of every panel: its Arrow structs, format strings, names and pointer arrays,
// fifteen of a one-asset panel's seventeen blocks, 64-byte aligned like every Arrow block.
// glibc's aligned_alloc carves each from a larger chunk and frees the rest, and a search's
// every configuration allocates and frees dozens of them: about 3 us of a SMA sweep config.
// Kept in classes 64 bytes apart, up to 1 KiB; a class holds what its size's blocks need
// between one batch of configurations and the next (four configurations' outputs are freed
// together, about 70 blocks of 64 bytes in the SMA sweep).
constexpr size_t kClassBytes = 64;
constexpr size_t kClasses = 16;
constexpr size_t kPerClass = 256;

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
    for (auto& c : classes_)
      for (size_t i = 0; i < c.count; ++i) std::free(c.blocks[i]);
  }

  void* take(size_t size, size_t alignment) {
    if (size < kSmallest) return take_small(size, alignment);
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
    if (usable < kSmallest) return keep_small(block, usable);
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
  // Class c holds blocks of c * kClassBytes usable bytes or a little more (class 0 is unused).
  struct SizeClass {
    std::array<void*, kPerClass> blocks{};
    size_t count = 0;
  };

  void* take_small(size_t size, size_t alignment) {
    const size_t c = (size + kClassBytes - 1) / kClassBytes;
    if (c == 0 || c > kClasses || alignment > kClassBytes) return nullptr;
    SizeClass& sc = classes_[c - 1];
    return sc.count == 0 ? nullptr : sc.blocks[--sc.count];
  }

  // Only 64-byte aligned blocks, so that any block of a class serves any alignment up to 64.
  bool keep_small(void* block, size_t usable) {
    const size_t c = usable / kClassBytes;
    if (c == 0 || c > kClasses || reinterpret_cast<uintptr_t>(block) % kClassBytes != 0) return false;
    SizeClass& sc = classes_[c - 1];
    if (sc.count == kPerClass) return false;
    sc.blocks[sc.count++] = block;
    return true;
  }

  std::array<Kept, kSlots> kept_{};
  size_t count_ = 0;
  size_t bytes_ = 0;
  std::array<SizeClass, kClasses> classes_{};
};

Recycler& recycler() {
  thread_local Recycler r;
  return r;
}

}  // namespace

void* take_recycled_block(size_t size, size_t alignment) {
  if (!kRecycle) return nullptr;
  return recycler().take(size, alignment);
}

bool recycle_block(void* block, size_t usable) {
  if (!kRecycle) return false;
  return recycler().keep(block, usable);
}

}  // namespace mosaic::host
