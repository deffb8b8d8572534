#include "host/pipeline/output_cache.hpp"

#include "host/data/arrow_buffers.hpp"

#include <cstring>
#include <string_view>

namespace mosaic::host {
namespace {

template <class Visit>
void walk(const ArrowSchema* s, const ArrowArray* a, Visit&& visit) {
  if (!s || !a) return;
  for (int64_t i = 0; i < a->n_buffers; ++i) visit(a->buffers ? a->buffers[i] : nullptr, arrow_buffer_bytes(s, a, i).value_or(0));
  for (int64_t c = 0; c < a->n_children && c < s->n_children; ++c) walk(s->children[c], a->children[c], visit);
}

size_t outputs_bytes(const std::vector<PortValue>& outputs) {
  size_t total = 0;
  for (const auto& v : outputs) total += arrow_bytes(v.batch->schema(), v.batch->array());
  return total;
}

}  // namespace

uint64_t hash_bytes(const void* data, size_t size, uint64_t h) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) {
    h ^= p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

size_t arrow_bytes(const ArrowSchema* schema, const ArrowArray* array) {
  size_t total = 0;
  walk(schema, array, [&](const void*, size_t bytes) { total += bytes; });
  return total;
}

uint64_t content_key(const ArrowSchema* schema, const ArrowArray* array) {
  uint64_t h = hash_bytes(nullptr, 0);
  walk(schema, array, [&](const void* data, size_t bytes) {
    h = hash_combine(h, bytes);
    if (data) h = hash_bytes(data, bytes, h);
  });
  return h;
}

std::optional<std::vector<PortValue>> OutputCache::find(uint64_t key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++stats_.misses;
    return std::nullopt;
  }
  ++stats_.hits;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->outputs;
}

void OutputCache::insert(uint64_t key, std::vector<PortValue> outputs) {
  const size_t bytes = outputs_bytes(outputs);
  std::lock_guard lock(mutex_);
  if (bytes > max_bytes_ || index_.count(key)) return;
  lru_.push_front({key, std::move(outputs), bytes});
  index_[key] = lru_.begin();
  stats_.bytes += bytes;
  while (stats_.bytes > max_bytes_ && !lru_.empty()) {
    stats_.bytes -= lru_.back().bytes;
    index_.erase(lru_.back().key);
    lru_.pop_back();
    ++stats_.evictions;
  }
  stats_.entries = lru_.size();
}

CacheStats OutputCache::stats() const {
  std::lock_guard lock(mutex_);
  CacheStats s = stats_;
  s.entries = lru_.size();
  return s;
}

}  // namespace mosaic::host
