#include "host/research/parallel_each.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mosaic::host::research {

void parallel_each(std::size_t count, int threads, const std::function<void(int, std::size_t)>& fn) {
  const int workers = static_cast<int>(std::min<std::size_t>(std::max(threads, 1), std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex mutex;
  auto work = [&](int w) {
    try {
      for (std::size_t i = next++; i < count && !failed.load(std::memory_order_relaxed); i = next++) fn(w, i);
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      failed = true;
    }
  };
  {
    // Every worker on a thread of its own, the caller included: glibc then hands them the
    // arenas a search's finished threads left, and the memory they freed is used again
    // instead of the caller's arena growing by as much.
    std::vector<std::jthread> pool;
    for (int w = 0; w < workers; ++w) pool.emplace_back(work, w);
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace mosaic::host::research
