#include "host/data/allocator.hpp"

#include <gnu/libc-version.h>

#include <cstddef>

// jemalloc's control call, defined only when the process was linked against jemalloc.
extern "C" int mallctl(const char* name, void* old_value, size_t* old_size, void* new_value, size_t new_size)
    __attribute__((weak));

namespace mosaic::host {

std::string allocator_name() {
  if (mallctl) {
    const char* version = nullptr;
    size_t size = sizeof version;
    if (mallctl("version", &version, &size, nullptr, 0) == 0 && version) return std::string("jemalloc ") + version;
    return "jemalloc";
  }
  return std::string("glibc ") + gnu_get_libc_version();
}

void stop_thread_cache() {
  thread_local bool stopped = false;
  if (stopped) return;
  stopped = true;
  if (!mallctl) return;
  bool enabled = false;
  mallctl("thread.tcache.enabled", nullptr, nullptr, &enabled, sizeof enabled);
}

}  // namespace mosaic::host
