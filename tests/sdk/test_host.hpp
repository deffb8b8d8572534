// A host services table for SDK tests. Its alloc/free track every live block, and its
// array_release / schema_release free a struct tree exactly as mosaic.h describes, through
// that same free; so a test can assert that building, moving and releasing Arrow structs
// leaves zero blocks behind, and that nothing frees a block it did not get from alloc.
#pragma once

#include <mosaic/mosaic.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace sdktest {

struct HostStats {
  std::unordered_map<void*, size_t> live;  // block -> size
  size_t allocs = 0;
  size_t frees = 0;
  size_t foreign_frees = 0;      // free of a pointer that is not a live block
  size_t bad_alignment = 0;      // alloc with an alignment that is not a power of two
  size_t private_data_set = 0;   // release of a struct whose private_data is not NULL
  long fail_after = -1;          // >= 0: that many allocs succeed, then every alloc fails
  std::vector<std::string> log;  // "<level> <module>: <message>"
};

// The release callbacks carry no host pointer, so the bookkeeping is one global.
inline HostStats& stats() {
  static HostStats s;
  return s;
}

inline void* test_alloc(const mosaic_host*, size_t size, size_t alignment) {
  HostStats& s = stats();
  if (s.fail_after >= 0 && static_cast<long>(s.allocs) >= s.fail_after) return nullptr;
  if (alignment == 0) alignment = 64;
  if ((alignment & (alignment - 1)) != 0) {
    ++s.bad_alignment;
    return nullptr;
  }
  if (alignment < sizeof(void*)) alignment = sizeof(void*);
  size_t rounded = (size + alignment - 1) / alignment * alignment;
  void* p = std::aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
  if (!p) return nullptr;
  ++s.allocs;
  s.live.emplace(p, size);
  return p;
}

inline void test_free(const mosaic_host*, void* p) {
  if (!p) return;
  HostStats& s = stats();
  auto it = s.live.find(p);
  if (it == s.live.end()) {
    ++s.foreign_frees;  // not ours, or freed twice: do not touch it
    return;
  }
  s.live.erase(it);
  ++s.frees;
  std::free(p);
}

// mosaic.h: "array: buffers (pointer array) and each non-NULL buffer; children (pointer
// array), each child struct and, recursively, its own blocks". The base struct itself
// belongs to the consumer.
inline void test_array_release(ArrowArray* a) {
  if (!a || !a->release) return;
  if (a->private_data) ++stats().private_data_set;
  if (a->buffers)
    for (int64_t i = 0; i < a->n_buffers; ++i) test_free(nullptr, const_cast<void*>(a->buffers[i]));
  test_free(nullptr, static_cast<void*>(a->buffers));
  if (a->children)
    for (int64_t i = 0; i < a->n_children; ++i) {
      ArrowArray* child = a->children[i];
      if (!child) continue;
      if (child->release) child->release(child);
      test_free(nullptr, child);
    }
  test_free(nullptr, static_cast<void*>(a->children));
  if (a->dictionary) {
    if (a->dictionary->release) a->dictionary->release(a->dictionary);
    test_free(nullptr, a->dictionary);
  }
  a->release = nullptr;
}

// "schema: format, name and metadata strings; children as for arrays."
inline void test_schema_release(ArrowSchema* s) {
  if (!s || !s->release) return;
  if (s->private_data) ++stats().private_data_set;
  test_free(nullptr, const_cast<char*>(s->format));
  test_free(nullptr, const_cast<char*>(s->name));
  test_free(nullptr, const_cast<char*>(s->metadata));
  if (s->children)
    for (int64_t i = 0; i < s->n_children; ++i) {
      ArrowSchema* child = s->children[i];
      if (!child) continue;
      if (child->release) child->release(child);
      test_free(nullptr, child);
    }
  test_free(nullptr, static_cast<void*>(s->children));
  if (s->dictionary) {
    if (s->dictionary->release) s->dictionary->release(s->dictionary);
    test_free(nullptr, s->dictionary);
  }
  s->release = nullptr;
}

inline void test_log(const mosaic_host*, int32_t level, const char* module, const char* message) {
  stats().log.push_back(std::to_string(level) + " " + (module ? module : "") + ": " + (message ? message : ""));
}
inline int64_t test_now_ns(const mosaic_host*) {
  static int64_t t = 0;
  return t += 1000;
}
inline const void* test_get_extension(const mosaic_host*, const char*) { return nullptr; }

// One per test case: resets the bookkeeping, and hands out the table.
class TestHost {
 public:
  TestHost() {
    stats() = HostStats{};
    table_.struct_size = sizeof(mosaic_host);
    table_.abi_version = {MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH};
    table_.host_data = this;
    table_.log = &test_log;
    table_.alloc = &test_alloc;
    table_.free = &test_free;
    table_.now_ns = &test_now_ns;
    table_.get_extension = &test_get_extension;
    table_.array_release = &test_array_release;
    table_.schema_release = &test_schema_release;
  }
  TestHost(const TestHost&) = delete;
  TestHost& operator=(const TestHost&) = delete;

  const mosaic_host* get() const { return &table_; }
  operator const mosaic_host*() const { return &table_; }
  mosaic_host& table() { return table_; }

  size_t live_blocks() const { return stats().live.size(); }
  size_t allocs() const { return stats().allocs; }
  // True when nothing leaked and nothing was freed that should not have been.
  bool clean() const {
    const HostStats& s = stats();
    return s.live.empty() && s.foreign_frees == 0 && s.bad_alignment == 0 && s.private_data_set == 0;
  }
  void fail_after(long n) { stats().fail_after = n; }

 private:
  mosaic_host table_{};
};

// Releases a base pair the way a consumer does: release on the base structs only.
inline void release(ArrowSchema& schema, ArrowArray& array) {
  if (array.release) array.release(&array);
  if (schema.release) schema.release(&schema);
}

}  // namespace sdktest
