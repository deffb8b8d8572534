#include "host/app/optimize.hpp"

#include "host/app/error.hpp"

#include <fmt/format.h>

#include <malloc.h>

namespace mosaic::host::app {

OptimizeResult optimize(const Session& s, const OptimizePlan& plan, Observer& observer) {
  // Every evaluation allocates and frees the same panel-sized blocks. glibc's defaults give
  // blocks above its thresholds back to the kernel on free, so each evaluation faulted fresh
  // zeroed pages in again, and the page faults serialised the threads on the process's
  // memory map; keeping the memory makes the search scale with threads.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);

  research::SearchSettings settings = plan.settings;
  const std::atomic<bool>& stop = observer.stop_flag();
  settings.interrupt = &stop;
  settings.on_trial = [&observer](const research::Trial& t) { observer.trial_done(t); };
  const auto progress = [&observer](const research::SearchProgress& p) { observer.progress(p); };

  OptimizeResult out;
  const size_t n = plan.folds.size();
  const NewsTable* news = s.news ? &*s.news : nullptr;
  for (size_t i = 0; i < n && !stop.load(); ++i) {
    observer.fold_started(i, n);
    const research::FoldJob job{plan.space, plan.recipe,         settings,           plan.config.pbo_blocks,
                                s.data,     news,                s.config.backtest,  plan.folds[i],
                                1.0 / static_cast<double>(n)};
    try {
      out.folds.push_back(research::run_fold(job, progress));
    } catch (const research::SpaceError& e) {
      observer.fold_finished(i, n);
      throw Error(ErrorKind::Config, fmt::format("{}: {}", s.config.file.string(), e.what()),
                  {.file = s.config.file.string(), .key = "optimize.space"});
    } catch (const std::invalid_argument& e) {
      observer.fold_finished(i, n);
      throw Error(ErrorKind::Usage, e.what());
    }
    observer.fold_finished(i, n);
  }
  out.interrupted = stop.load();
  if (out.folds.empty()) throw Error(ErrorKind::Usage, "interrupted before any configuration was evaluated");
  return out;
}

}  // namespace mosaic::host::app
