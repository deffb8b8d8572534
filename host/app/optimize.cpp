#include "host/app/optimize.hpp"

#include "host/app/error.hpp"
#include "host/data/heap_room.hpp"

#include <fmt/format.h>

namespace mosaic::host::app {
namespace {

std::optional<StitchedOutOfSample> stitch(const OptimizePlan& plan, const std::vector<research::FoldResult>& folds,
                                          const BacktestSettings& settings) {
  if (plan.folds.size() < 2 || folds.size() != plan.folds.size()) return std::nullopt;
  research::PeriodRows joined;
  for (const auto& f : folds) {
    if (!f.winner_test) return std::nullopt;
    const auto& rows = *f.winner_test;
    joined.returns.insert(joined.returns.end(), rows.returns.begin(), rows.returns.end());
    joined.turnover.insert(joined.turnover.end(), rows.turnover.begin(), rows.turnover.end());
    joined.gross.insert(joined.gross.end(), rows.gross.begin(), rows.gross.end());
    joined.last_turnover = rows.last_turnover;
    joined.last_gross = rows.last_gross;
  }
  std::vector<size_t> every(joined.periods());
  for (size_t k = 0; k < every.size(); ++k) every[k] = k;
  StitchedOutOfSample st;
  st.first_bar = folds.front().fold.train_end - 1;
  st.backtest = research::rebuild_backtest(joined, every);
  st.metrics = compute_metrics(st.backtest, settings);
  return st;
}

// A failure of the journal's disk is the engine's: a result could not be written.
template <class Write>
void writing_journal(const JournalSpec& spec, Write&& write) {
  try {
    write();
  } catch (const journal::SqliteError& e) {
    throw Error(ErrorKind::Output, e.what(), {.file = spec.file.string()});
  }
}

}  // namespace

JournalEnd::JournalEnd(std::unique_ptr<journal::SearchJournal> journal, std::filesystem::path file)
    : journal_(std::move(journal)), file_(std::move(file)) {}

JournalEnd::~JournalEnd() = default;  // the journal's own destructor waits for its thread

void JournalEnd::wait() {
  if (!journal_) return;
  // Closed either way: the database, and the folder's lock that refuses a second search.
  std::unique_ptr<journal::SearchJournal> closing = std::move(journal_);
  try {
    closing->wait();
  } catch (const journal::SqliteError& e) {
    throw Error(ErrorKind::Output, e.what(), {.file = file_.string()});
  }
}

OptimizeResult optimize(const Session& s, const OptimizePlan& plan, Observer& observer, const JournalSpec* journal,
                        research::RemoteWorkers* remote) {
  // Every evaluation allocates and frees the same panel-sized blocks. glibc's defaults give
  // blocks above its thresholds back to the kernel on free, so each evaluation faulted fresh
  // zeroed pages in again, and the page faults serialised the threads on the process's
  // memory map; keeping the memory makes the search scale with threads.
  if (plan.tune_allocator) keep_freed_memory(size_t{256} << 20, size_t{1} << 30);

  std::unique_ptr<journal::SearchJournal> kept = journal ? open_journal(s, plan, *journal) : nullptr;
  research::SearchSettings settings = plan.settings;
  const std::atomic<bool>& stop = observer.stop_flag();
  settings.interrupt = &stop;
  settings.remote = remote;
  const auto progress = [&observer](const research::SearchProgress& p) { observer.progress(p); };

  OptimizeResult out;
  const size_t n = plan.folds.size();
  const NewsTable* news = s.news ? &*s.news : nullptr;
  research::RecordedTrials recorded;
  for (size_t i = 0; i < n && !stop.load(); ++i) {
    observer.fold_started(i, n);
    if (remote) remote->set_fold(i);
    if (kept) {
      recorded = kept->recorded(i);
      settings.recorded = &recorded;
    }
    settings.on_trial = [&observer, &kept, i](const research::Trial& t) {
      if (kept) kept->record(i, t);
      observer.trial_done(t);
    };
    const research::FoldJob job{plan.space,
                                plan.recipe,
                                settings,
                                s.data,
                                news,
                                s.config.backtest,
                                plan.folds[i],
                                1.0 / static_cast<double>(n),
                                [&observer](size_t done, size_t total, double seconds) {
                                  observer.measuring_out_of_sample(done, total, seconds);
                                }};
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
    // A fold's trials are on disk before the next fold starts; the last fold's are written
    // with the state, below, while the caller writes the run folder.
    if (kept && i + 1 < n && !stop.load()) writing_journal(*journal, [&] { kept->flush(); });
  }
  out.interrupted = stop.load();
  if (kept) {
    kept->finish(out.interrupted ? "interrupted" : "finished");
    out.journal = std::make_shared<JournalEnd>(std::move(kept), journal->file);
  }
  if (out.folds.empty()) {
    if (out.journal) out.journal->wait();  // its error first: the journal is what could not be written
    throw Error(ErrorKind::Usage, "interrupted before any configuration was evaluated");
  }
  out.stitched = stitch(plan, out.folds, s.config.backtest);
  return out;
}

}  // namespace mosaic::host::app
