// Where a search keeps the return series of its PBO sample (TrialStore::keep_returns): a few
// thousand series of one length (the training periods), each kept or dropped as the sample
// thins. Allocated one by one on the heap, they grew and fragmented it, so that the
// evaluations' own short-lived buffers kept landing on fresh pages, a page fault each; here
// the series sit in large blocks of their own, and a dropped series' slot is reused.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

namespace mosaic::host::research {

// One kept series, as the floats PBO reads: a view of its slot that shares ownership of the
// slot's block, so it stays readable after the search and its pool are gone.
class KeptReturns {
 public:
  KeptReturns() = default;
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  float operator[](size_t i) const { return data_.get()[i]; }
  const float* begin() const { return data_.get(); }
  const float* end() const { return data_.get() + size_; }

 private:
  friend class ReturnsPool;
  std::shared_ptr<const float> data_;
  size_t size_ = 0;
  size_t slot_ = 0;  // in its pool; kNoSlot for a series of another length
};

// Thread-safe. A slot is taken under the pool's lock and filled outside it, so the workers
// of a search copy (and fault in fresh pages) side by side.
class ReturnsPool {
 public:
  // A copy of `returns` as floats. The first series fixes the slot length; one of another
  // length (not met in a search, whose series all cover the same bars) gets its own block.
  KeptReturns keep(std::span<const double> returns);
  // Empties `kept`, a series from this pool that nothing else refers to, and frees its slot.
  void release(KeptReturns& kept);

 private:
  std::mutex mutex_;  // guards everything below
  size_t length_ = 0;     // floats per slot
  size_t per_block_ = 0;  // slots per block
  std::vector<std::shared_ptr<float>> blocks_;
  std::vector<size_t> free_;  // released slots
  size_t fresh_ = 0;          // slots handed out from unused space so far
};

}  // namespace mosaic::host::research
