#include "host/research/grid_list.hpp"

#include "host/research/search_threads.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace mosaic::host::research {

GridList constrained_grid_list(const Grid& grid, const SearchSettings& settings, uint64_t budget, int threads) {
  const uint64_t size = grid.size();
  // One share per thread, of at least 256 points: a small grid is not worth a thread.
  const uint64_t shares = std::clamp<uint64_t>(size / 256, 1, static_cast<uint64_t>(std::max(threads, 1)));
  std::vector<GridList> parts(shares);
  std::vector<std::exception_ptr> failures(shares);
  std::atomic<uint64_t> accepted{0};
  std::atomic<bool> too_many{false};
  auto make_share = [&](uint64_t s) {
    try {
      GridList& part = parts[s];
      // Share s: [first(s), first(s + 1)), the first size % shares shares one point longer.
      auto first = [&](uint64_t k) { return k * (size / shares) + std::min(k, size % shares); };
      part.grid_index.reserve(first(s + 1) - first(s));
      GridCursor cursor(grid);
      for (uint64_t i = first(s), end = first(s + 1); i < end && !too_many.load(); ++i) {
        const Candidate& c = cursor.at(i);
        if (!meets_param_constraints(c, settings)) {
          ++part.rejected;
          continue;
        }
        if (accepted.fetch_add(1) >= budget) {
          too_many.store(true);
          break;
        }
        part.grid_index.push_back(i);
      }
    } catch (...) {
      failures[s] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (uint64_t s = 1; s < shares; ++s) pool.emplace_back(make_share, s);
  make_share(0);
  for (auto& t : pool) t.join();
  for (const auto& f : failures)
    if (f) std::rethrow_exception(f);
  if (too_many.load())
    throw SpaceError(fmt::format("grid: the space has more than {} configurations that meet the constraints (of "
                                 "{} in all), above the budget of {} evaluations; narrow it in "
                                 "[optimize.space], raise the budget, or use random or genetic",
                                 budget, size, budget));
  if (parts.size() == 1) return std::move(parts[0]);
  GridList list;
  size_t total = 0;
  for (const auto& part : parts) total += part.grid_index.size();
  list.grid_index.reserve(total);
  for (auto& part : parts) {
    list.rejected += part.rejected;
    list.grid_index.insert(list.grid_index.end(), part.grid_index.begin(), part.grid_index.end());
  }
  return list;
}

}  // namespace mosaic::host::research
