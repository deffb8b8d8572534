// Runs fn(worker, i) for every i in [0, count) on `threads` new threads, each pulling the next
// index, so items of uneven cost balance themselves. Work a worker needs of its own (a
// ConfigEvaluator: module instances are not thread-safe) is indexed by `worker`. Rethrows
// the first exception once every thread has stopped; the others stop at their next item.
#pragma once

#include <cstddef>
#include <functional>

namespace mosaic::host::research {

void parallel_each(std::size_t count, int threads, const std::function<void(int worker, std::size_t i)>& fn);

}  // namespace mosaic::host::research
