// An optimization: the plan's search on each fold's training bars, its leaders measured
// out of sample, and the overfitting figures, watched and stoppable through an Observer.
#pragma once

#include "host/app/observer.hpp"
#include "host/app/optimize_journal.hpp"
#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"
#include "host/backtest/evaluator.hpp"
#include "host/backtest/metrics.hpp"
#include "host/research/fold_run.hpp"
#include "host/research/remote_workers.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace mosaic::host::app {

// A walk-forward run's one honest curve: each fold's winner traded over that fold's test
// bars only, the folds' test stretches joined end to end.
struct StitchedOutOfSample {
  size_t first_bar = 0;     // the bar the curve starts from (equity 1): the bar before the first test
  BacktestResult backtest;  // bars = test bars + 1; no held weights
  Metrics metrics;
};

// The journal's last commits (the search's trials, then its state), made on the journal's
// own thread while the caller writes the run folder: they took as long as the folder.
class JournalEnd {
 public:
  JournalEnd(std::unique_ptr<journal::SearchJournal> journal, std::filesystem::path file);
  ~JournalEnd();  // waits, keeping quiet about a failure: call wait() to hear of it
  JournalEnd(const JournalEnd&) = delete;
  JournalEnd& operator=(const JournalEnd&) = delete;
  // Returns once the journal is on disk and closed (its folder free for a --resume). Throws
  // app::Error (Output, naming the journal file) if it could not be written; once.
  void wait();

 private:
  std::unique_ptr<journal::SearchJournal> journal_;
  std::filesystem::path file_;
};

struct OptimizeResult {
  std::vector<research::FoldResult> folds;  // those that ran; a stop may leave out the later ones
  bool interrupted = false;                 // the observer asked to stop
  // Walk-forward runs whose every fold ran and had a winner tested out of sample.
  std::optional<StitchedOutOfSample> stitched;
  // With a journal: its last commits, still being written when optimize() returns.
  std::shared_ptr<JournalEnd> journal;
};

// Throws app::Error: Config for a search the space refuses (a grid too large for the
// budget, a continuous dimension), Usage when stopped before anything was evaluated.
// With a journal, every evaluated configuration is recorded in it as the search goes;
// resuming one, the configurations it holds are taken from it rather than evaluated, so the
// search retraces its steps to where it stopped and goes on (open_journal's errors apply).
// With `remote` workers (the other ranks of an MPI run, each an OptimizeWorker on the same
// session and plan), grid and random deal them batches beside this process's threads.
OptimizeResult optimize(const Session& s, const OptimizePlan& plan, Observer& observer,
                        const JournalSpec* journal = nullptr, research::RemoteWorkers* remote = nullptr);

}  // namespace mosaic::host::app
