#include "host/cli/terminal_observer.hpp"

#include "host/cli/interrupt_scope.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {

void TerminalObserver::fold_started(size_t fold, size_t folds) {
  const std::string label = folds > 1 ? fmt::format("fold {}/{}: ", fold + 1, folds) : std::string();
  line_ = std::make_unique<ProgressLine>(label, target_);
}

void TerminalObserver::fold_finished(size_t, size_t) {
  if (line_) line_->finish();
  line_.reset();
}

void TerminalObserver::progress(const app::Progress& p) {
  if (line_) line_->update(p);
}

void TerminalObserver::measuring_out_of_sample(size_t done, size_t total, double seconds) {
  if (line_) line_->measuring(done, total, seconds);
}

const std::atomic<bool>& TerminalObserver::stop_flag() const { return InterruptScope::flag(); }

}  // namespace mosaic::host::cli
