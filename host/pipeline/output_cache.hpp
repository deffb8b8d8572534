// Module outputs kept across runs under a key of (module id, version, library generation,
// parameter values, input keys), with a memory bound: a sweep that varies only a late
// module's parameters does not recompute the early modules. Thread-safe, so pipelines on
// several threads can share one.
#pragma once

#include "host/data/port_value.hpp"

#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mosaic::host {

struct CacheStats {
  uint64_t hits = 0, misses = 0, evictions = 0;
  size_t bytes = 0, entries = 0;
};

class OutputCache {
 public:
  explicit OutputCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The outputs stored under `key`, if any (and marks them recently used).
  std::optional<std::vector<PortValue>> find(uint64_t key);
  // Stores outputs, evicting the least recently used entries beyond the bound. An entry
  // larger than the bound is not stored.
  void insert(uint64_t key, std::vector<PortValue> outputs);
  CacheStats stats() const;

 private:
  struct Entry {
    uint64_t key;
    std::vector<PortValue> outputs;
    size_t bytes;
  };
  mutable std::mutex mutex_;
  size_t max_bytes_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<uint64_t, std::list<Entry>::iterator> index_;
  CacheStats stats_;
};

// Bytes of the buffers an Arrow tree holds (fixed-width and utf8 columns counted exactly).
size_t arrow_bytes(const ArrowSchema* schema, const ArrowArray* array);

// FNV-1a, for building keys.
uint64_t hash_bytes(const void* data, size_t size, uint64_t seed = 1469598103934665603ULL);
// `value` folded into `seed` (a multiply-xorshift mix): keys made per module call, where
// hash_bytes would take a step per byte. In-memory keys only: the values may change between builds.
inline uint64_t hash_combine(uint64_t seed, uint64_t value) {
  uint64_t h = seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 29;
  return h;
}
// A name folded into `seed`, eight bytes a step.
inline uint64_t hash_text(uint64_t seed, std::string_view text) {
  return hash_combine(seed, std::hash<std::string_view>{}(text));
}

// A key for a panel or table's content: its buffers' bytes.
uint64_t content_key(const ArrowSchema* schema, const ArrowArray* array);

}  // namespace mosaic::host
