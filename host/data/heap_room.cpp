#include "host/data/heap_room.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <vector>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels refuse it and the pages are touched
#endif

namespace mosaic::host {

namespace {

constexpr size_t kMaxRoom = size_t{64} << 20;
constexpr size_t kMaxSetting = size_t{1} << 30;  // mallopt takes an int

constexpr size_t kChunk = size_t{1} << 20;

std::atomic<bool> g_tuning_allowed{true};
std::mutex g_policy;
size_t g_largest_block = 0;
size_t g_kept = 0;

// Backs the pages of `block` now: the whole pages in one madvise, the partial ones at its ends
// (shared with the allocator's headers) by a write.
void back_pages(char* block, size_t size, size_t page) {
  auto first = (reinterpret_cast<uintptr_t>(block) + page - 1) & ~(page - 1);
  const auto end = (reinterpret_cast<uintptr_t>(block) + size) & ~(page - 1);
  if (first < end && madvise(reinterpret_cast<void*>(first), end - first, MADV_POPULATE_WRITE) != 0)
    for (; first < end; first += page) *reinterpret_cast<volatile char*>(first) = 0;
  *reinterpret_cast<volatile char*>(block) = 0;
  *reinterpret_cast<volatile char*>(block + size - 1) = 0;
}

}  // namespace

void allow_allocator_tuning(bool allowed) { g_tuning_allowed.store(allowed); }

void keep_freed_memory(size_t largest_block, size_t kept) {
  if (!g_tuning_allowed.load()) return;
  std::lock_guard lock(g_policy);
  if (largest_block > g_largest_block) {
    g_largest_block = std::min(largest_block, kMaxSetting);
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(g_largest_block));
  }
  if (kept > g_kept) {
    g_kept = std::min(kept, kMaxSetting);
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(g_kept));
  }
}

size_t back_heap_room(size_t bytes) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  bytes = std::min(bytes, kMaxRoom);
  if (bytes < 2 * page || !g_tuning_allowed.load()) return 0;
  keep_freed_memory(bytes + page, 2 * bytes);
  // In blocks of kChunk rather than one: jemalloc (the programs' allocator) serves a block
  // above its oversize threshold (8 MiB) from an arena of its own that later panels never
  // come from; glibc joins the freed blocks again.
  std::vector<void*> blocks;
  blocks.reserve((bytes + kChunk - 1) / kChunk);
  for (size_t done = 0; done < bytes; done += kChunk) {
    const size_t size = std::min(kChunk, bytes - done);
    auto* block = static_cast<char*>(std::malloc(size));
    if (!block) break;
    back_pages(block, size, page);
    blocks.push_back(block);
  }
  for (void* block : blocks) std::free(block);
  return std::min(bytes, blocks.size() * kChunk);
}

long thread_page_faults() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_minflt;
}

}  // namespace mosaic::host
