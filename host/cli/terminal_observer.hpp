// The terminal as an optimization's observer: a progress line on stderr per fold, and
// Ctrl-C (or SIGTERM) as a request to stop cleanly.
#pragma once

#include "host/app/observer.hpp"
#include "host/cli/progress_line.hpp"

#include <memory>
#include <string>

namespace mosaic::host::cli {

class TerminalObserver final : public app::Observer {
 public:
  explicit TerminalObserver(std::string target) : target_(std::move(target)) {}
  void fold_started(size_t fold, size_t folds) override;
  void fold_finished(size_t fold, size_t folds) override;
  void progress(const app::Progress& p) override;
  void measuring_out_of_sample(size_t done, size_t total, double seconds) override;
  // The flag an InterruptScope's signal handler sets.
  const std::atomic<bool>& stop_flag() const override;

 private:
  std::string target_;
  std::unique_ptr<ProgressLine> line_;
};

}  // namespace mosaic::host::cli
