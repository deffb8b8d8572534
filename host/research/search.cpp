#include "host/research/search.hpp"

#include "host/research/candidate_point.hpp"
#include "host/research/candidate_source.hpp"
#include "host/research/grid.hpp"
#include "host/research/grid_list.hpp"
#include "host/research/random_search.hpp"
#include "host/research/remote_workers.hpp"
#include "host/research/population_search.hpp"
#include "host/research/search_threads.hpp"
#include "host/research/trial_store.hpp"
#include "host/research/visit_order.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <thread>

namespace mosaic::host::research {

bool meets_param_constraints(const Candidate& c, const SearchSettings& settings) {
  for (const auto& con : settings.constraints)
    if (!con.on_metrics() && con.violation(c, nullptr) > 0) return false;
  return true;
}

void run_workers(int threads, const std::function<void(int)>& work, const TrialStore& store,
                 const std::function<void(const SearchProgress&)>& progress) {
  int running = threads;  // guarded by mutex
  std::exception_ptr failure;
  std::mutex mutex;
  std::condition_variable finished;
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i)
    pool.emplace_back([&, i] {
      std::exception_ptr caught;
      try {
        work(i);
      } catch (...) {
        caught = std::current_exception();
      }
      std::lock_guard lock(mutex);
      if (caught && !failure) failure = caught;
      if (--running == 0) finished.notify_one();
    });
  // Woken by the last worker rather than polling, so a short search is not held up by a
  // sleep after its work is done.
  {
    std::unique_lock lock(mutex);
    auto next_report = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
    while (running > 0) {
      if (finished.wait_until(lock, next_report, [&] { return running == 0; })) break;
      next_report += std::chrono::milliseconds(200);
      if (progress) {
        lock.unlock();
        progress(store.progress());
        lock.lock();
      }
    }
  }
  for (auto& t : pool) t.join();
  if (progress) progress(store.progress());
  if (failure) std::rethrow_exception(failure);
}

namespace {

// Deals batches of the list to the remote workers from the shared `next` index, one batch
// per worker at a time, and adopts their results as they come: a worker that answers
// sooner is dealt more. Stops dealing when the search should stop; waits for every batch
// out. The first round is dealt before the search's own threads start, so every worker has
// work at once.
class Dealer {
 public:
  // Takes its candidates from `list` as thread `local_threads` (the search's own threads
  // are 0 .. local_threads - 1).
  Dealer(CandidateSource& list, std::span<const size_t> visit, uint64_t first_order, std::atomic<size_t>& next,
         const SearchSpace& space, RemoteWorkers& remote, int local_threads, TrialStore& store)
      : list_(list), visit_(visit), first_order_(first_order), next_(next), space_(space), remote_(remote),
        store_(store), thread_(static_cast<size_t>(local_threads)),
        // Small enough that the last batches finish together, large enough that a cheap
        // configuration (an SMA crossover, tens of microseconds) is not outweighed by its message.
        batch_(std::clamp<size_t>(list.size() / (8 * (remote.count() + static_cast<size_t>(local_threads))), 1, 256)),
        out_(remote.count()) {}

  void deal_first_round() {
    for (size_t w = 0; w < out_.size(); ++w) busy_ += deal(w);
  }

  void run() {
    while (busy_ > 0) {
      RemoteMessage m = remote_.receive();
      const size_t w = m.worker;
      if (m.kind != RemoteMessage::Kind::Results || w >= out_.size() || m.results.size() != out_[w].size())
        throw std::runtime_error(fmt::format("worker {} answered a batch of {} with something else", w + 1,
                                             w < out_.size() ? out_[w].size() : 0));
      for (size_t k = 0; k < m.results.size(); ++k) {
        Dealt& d = out_[w][k];
        store_.adopt(std::move(d.candidate), first_order_ + d.index, std::move(m.results[k]));
      }
      out_[w].clear();
      if (!deal(w)) --busy_;
    }
  }

 private:
  bool deal(size_t w) {
    if (store_.should_stop()) return false;
    const size_t first = next_.fetch_add(batch_);
    if (first >= list_.size()) return false;
    std::vector<std::vector<double>> points;
    for (size_t k = first; k < std::min(list_.size(), first + batch_); ++k) {
      const size_t i = visit_.empty() ? k : visit_[k];
      Candidate c = list_.take(i, thread_);
      points.push_back(point_of(space_, c));
      out_[w].push_back({i, std::move(c)});
    }
    remote_.send(w, points);
    return true;
  }

  struct Dealt {
    size_t index;  // in the list
    Candidate candidate;
  };

  CandidateSource& list_;
  std::span<const size_t> visit_;
  uint64_t first_order_;
  std::atomic<size_t>& next_;
  const SearchSpace& space_;
  RemoteWorkers& remote_;
  TrialStore& store_;
  size_t thread_;
  size_t batch_;
  std::vector<std::vector<Dealt>> out_;  // each worker's batch out
  size_t busy_ = 0;                       // workers with a batch out
};

// Evaluates a fixed list on the worker threads, and on the remote workers when there are
// any; each thread pulls the next index (of `visit`, when given: the list's positions in
// the order to take them) and moves that candidate into its trial.
void evaluate_list(CandidateSource& list, std::span<const size_t> visit, uint64_t first_order,
                   const SearchSpace& space,
                   const PipelineRecipe& recipe, const EvalData& train, const std::shared_ptr<OutputCache>& cache,
                   RemoteWorkers* remote, TrialStore& store,
                   std::vector<std::unique_ptr<ConfigEvaluator>>& evaluators,
                   const std::function<void(const SearchProgress&)>& progress) {
  std::atomic<size_t> next{0};
  const int local = static_cast<int>(evaluators.size());
  std::optional<Dealer> dealer;
  if (remote && remote->count() > 0) {
    dealer.emplace(list, visit, first_order, next, space, *remote, local, store);
    dealer->deal_first_round();
  }
  auto work = [&](int thread) {
    if (thread == local) return dealer->run();
    if (!evaluators[thread]) evaluators[thread] = std::make_unique<ConfigEvaluator>(recipe, cache);
    // A few candidates at a time, whose backtests run side by side (TrialStore::evaluate_lanes).
    std::vector<Candidate> batch;
    std::vector<uint64_t> orders;
    while (!store.should_stop()) {
      const size_t first = next.fetch_add(Backtester::kLanes);
      if (first >= list.size()) break;
      batch.clear();
      orders.clear();
      for (size_t k = first; k < std::min(list.size(), first + Backtester::kLanes); ++k) {
        const size_t i = visit.empty() ? k : visit[k];
        batch.push_back(list.take(i, static_cast<size_t>(thread)));
        orders.push_back(first_order + i);
      }
      store.evaluate_lanes(*evaluators[thread], train, batch, orders);
    }
  };
  run_workers(local + (dealer ? 1 : 0), work, store, progress);
}

std::string stop_reason(const TrialStore& store, const SearchSettings& s, const char* otherwise) {
  if (store.interrupted()) return "interrupted";
  if (store.out_of_time()) return "time budget";
  if (s.max_evaluations && store.evaluated() >= *s.max_evaluations) return "evaluation budget";
  return otherwise;
}

}  // namespace

SearchOutcome run_search(const SearchSpace& space, const PipelineRecipe& given, const EvalData& train,
                         const SearchSettings& settings, std::shared_ptr<OutputCache> cache,
                         const std::function<void(const SearchProgress&)>& progress) {
  if (settings.targets.empty()) throw std::invalid_argument("optimize: no target metric");
  if (settings.threads < 1) throw std::invalid_argument("optimize: threads must be >= 1");
  if (settings.method == "nsga2" && settings.targets.size() != 2)
    throw std::invalid_argument("optimize: nsga2 needs two targets, e.g. targets = [\"sharpe\", \"max_drawdown\"]");
  if (settings.method != "nsga2" && settings.targets.size() != 1)
    throw std::invalid_argument(fmt::format("optimize: {} optimizes one target; two targets need nsga2", settings.method));

  PipelineRecipe recipe = given;
  recipe.searched.emplace();
  for (const auto& d : space.dimensions()) recipe.searched->insert(d.module);
  TrialStore store(settings);
  SearchOutcome out;
  std::vector<std::unique_ptr<ConfigEvaluator>> evaluators(static_cast<size_t>(settings.threads));
  if (settings.method == "grid") {
    const uint64_t budget = settings.max_evaluations.value_or(kSizeLimit);
    // With parameter constraints the size that counts is the constrained one, so the raw
    // grid may be larger than the budget (within reason: it is walked point by point).
    const bool constrained = std::any_of(settings.constraints.begin(), settings.constraints.end(),
                                         [](const Constraint& k) { return !k.on_metrics(); });
    std::optional<Grid> refusable;
    try {
      refusable.emplace(space, constrained ? std::min<uint64_t>(kSizeLimit / 1000, budget) * 1000 : budget);
    } catch (const SpaceError& e) {
      if (!constrained || space.size().continuous) throw;
      throw SpaceError(fmt::format("grid search refused: the space has {} points before the parameter constraints, "
                                   "too many to walk for a budget of {} evaluations; narrow [optimize.space] or use "
                                   "--method random",
                                   space.size().str(), budget));
    }
    GridList list = constrained_grid_list(*refusable, settings, budget, settings.threads);
    out.rejected_by_constraints = list.rejected;
    store.set_expected(list.grid_index.size());
    const std::vector<size_t> visit = z_order(*refusable, list.grid_index);
    GridCandidates candidates(*refusable, list.grid_index, evaluators.size() + 1);  // + 1: the dealer's
    evaluate_list(candidates, visit, 0, space, recipe, train, cache, settings.remote, store, evaluators, progress);
    out.stop_reason = stop_reason(store, settings, "space exhausted");
  } else if (settings.method == "random") {
    RandomSearch random(space, settings.seed, true);
    uint64_t order = 0;
    bool exhausted = false;
    while (!store.should_stop() && !exhausted) {
      // Chunks keep memory flat under a time budget; with a count budget the chunks add up
      // to exactly the budget.
      uint64_t want = 4096;
      if (settings.max_evaluations) want = std::min<uint64_t>(want, *settings.max_evaluations - store.evaluated());
      std::vector<Candidate> list;
      while (list.size() < want) {
        auto c = random.next();
        if (!c) {
          exhausted = true;
          break;
        }
        if (!meets_param_constraints(*c, settings)) {
          ++out.rejected_by_constraints;
          continue;
        }
        list.push_back(std::move(*c));
      }
      ListedCandidates candidates(list);
      evaluate_list(candidates, {}, order, space, recipe, train, cache, settings.remote, store, evaluators, progress);
      order += list.size();
    }
    out.stop_reason = stop_reason(store, settings, "space exhausted");
  } else {
    out.stop_reason =
        run_population_search(space, recipe, train, settings, cache, store, out.rejected_by_constraints, progress);
  }
  out.seconds = store.elapsed_seconds();
  out.trials = store.take_trials();
  for (const auto& t : out.trials) {
    out.strategies = std::max(out.strategies, t.strategy);
    out.replayed += t.replayed;
  }
  if (cache) out.cache = cache->stats();
  return out;
}

}  // namespace mosaic::host::research
