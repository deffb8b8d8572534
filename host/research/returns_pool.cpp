#include "host/research/returns_pool.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <limits>
#include <new>

namespace mosaic::host::research {
namespace {

constexpr size_t kNoSlot = std::numeric_limits<size_t>::max();
constexpr size_t kBlockBytes = size_t{4} << 20;

// Blocks are mapped on their own, away from the heap: interleaved with the evaluations'
// short-lived buffers there, the series kept the heap growing and fragmenting, and the
// evaluations' buffers kept landing on fresh pages (a page fault each).
std::shared_ptr<float> map_block(size_t bytes) {
  void* block = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (block == MAP_FAILED) throw std::bad_alloc();
  return std::shared_ptr<float>(static_cast<float*>(block), [bytes](float* p) { munmap(p, bytes); });
}

}  // namespace

KeptReturns ReturnsPool::keep(std::span<const double> returns) {
  KeptReturns kept;
  if (returns.empty()) return kept;
  float* data = nullptr;
  {
    std::lock_guard lock(mutex_);
    if (length_ == 0) {
      length_ = returns.size();
      per_block_ = std::max<size_t>(1, kBlockBytes / (length_ * sizeof(float)));
    }
    if (returns.size() == length_) {
      size_t slot = fresh_;
      if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
      } else {
        ++fresh_;
      }
      const size_t block = slot / per_block_;
      if (block == blocks_.size()) blocks_.push_back(map_block(per_block_ * length_ * sizeof(float)));
      data = blocks_[block].get() + (slot % per_block_) * length_;
      kept.data_ = std::shared_ptr<const float>(blocks_[block], data);
      kept.slot_ = slot;
    }
  }
  if (!data) {
    std::shared_ptr<float[]> own(new float[returns.size()]);
    data = own.get();
    kept.data_ = std::shared_ptr<const float>(own, data);
    kept.slot_ = kNoSlot;
  }
  // The slot is this caller's alone until it is released: copied outside the lock.
  std::transform(returns.begin(), returns.end(), data, [](double r) { return static_cast<float>(r); });
  kept.size_ = returns.size();
  return kept;
}

void ReturnsPool::release(KeptReturns& kept) {
  if (!kept.empty() && kept.slot_ != kNoSlot) {
    std::lock_guard lock(mutex_);
    free_.push_back(kept.slot_);
  }
  kept = KeptReturns{};
}

}  // namespace mosaic::host::research
