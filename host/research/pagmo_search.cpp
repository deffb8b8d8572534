// The population methods, through pagmo2: one island (population + algorithm) per thread,
// evolved a generation at a time until the island's share of the budget, the time, an
// interrupt or convergence stops it. Every gene is a real number for pagmo; stepped and
// categorical dimensions are rounded to their lattice inside the fitness function.
#include "host/research/population_search.hpp"

#include "host/research/candidate_point.hpp"
#include "host/research/search_threads.hpp"

#include <pagmo/algorithm.hpp>
#include <pagmo/algorithms/cmaes.hpp>
#include <pagmo/algorithms/de.hpp>
#include <pagmo/algorithms/nsga2.hpp>
#include <pagmo/algorithms/pso.hpp>
#include <pagmo/algorithms/sga.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_set>

namespace mosaic::host::research {
namespace {

struct StopIsland {};

// One island's view of the search: its evaluator, its own count of distinct
// configurations (its budget share), and its place in the deterministic order.
struct Island {
  const SearchSpace* space = nullptr;
  const SearchSettings* settings = nullptr;
  const EvalData* train = nullptr;
  TrialStore* store = nullptr;
  std::unique_ptr<ConfigEvaluator> evaluator;
  std::optional<uint64_t> share;
  std::unordered_set<std::string> seen;
  uint64_t index = 0;
  std::atomic<uint64_t>* rejected = nullptr;

  Candidate decode(const pagmo::vector_double& x) const {
    const auto& dims = space->dimensions();
    std::vector<ParamValue> point;
    point.reserve(dims.size());
    for (size_t i = 0; i < dims.size(); ++i) {
      const Dimension& d = dims[i];
      if (d.continuous()) {
        point.push_back(ParamValue::of_float(std::clamp(x[i], d.min, d.max)));
        continue;
      }
      const double top = static_cast<double>(d.count() - 1);
      point.push_back(d.value_at(static_cast<uint64_t>(std::clamp(std::nearbyint(x[i]), 0.0, top))));
    }
    return space->make(point);
  }

  pagmo::vector_double fitness(const pagmo::vector_double& x) {
    if (store->interrupted() || store->out_of_time()) throw StopIsland{};
    Candidate c = decode(x);
    const size_t objectives = settings->targets.size();
    // A broken parameter constraint is never run; its penalty still steers the search away.
    double broken = 0;
    for (const auto& con : settings->constraints)
      if (!con.on_metrics()) broken += con.violation(c, nullptr);
    if (broken > 0) {
      rejected->fetch_add(1);
      return pagmo::vector_double(objectives, 1e10 + std::min(broken, 1e8));
    }
    std::string key = c.key();
    if (!seen.count(key)) {
      if (share && seen.size() >= *share) throw StopIsland{};
      seen.insert(key);
    } else if (auto known = store->lookup(key)) {
      return *known;
    }
    const uint64_t order = (index << 40) | seen.size();
    return store->evaluate(*evaluator, *train, std::move(c), std::move(key), order);
  }
};

struct Problem {
  Island* island = nullptr;

  pagmo::vector_double fitness(const pagmo::vector_double& x) const { return island->fitness(x); }
  std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
    pagmo::vector_double lo, hi;
    for (const auto& d : island->space->dimensions()) {
      if (d.continuous()) {
        lo.push_back(d.min);
        hi.push_back(d.max);
      } else {
        // Rounding a uniform draw on [-0.5, n - 0.5] gives each of the n values equal odds.
        lo.push_back(-0.5);
        hi.push_back(static_cast<double>(d.count()) - 0.5);
      }
    }
    return {lo, hi};
  }
  pagmo::vector_double::size_type get_nobj() const { return island->settings->targets.size(); }
  std::string get_name() const { return "mosaic pipeline configuration"; }
};

pagmo::algorithm make_algorithm(const std::string& method, size_t dims, unsigned seed) {
  // One generation per evolve call, so budget, time and Ctrl-C are checked between
  // generations; the algorithms that carry state across generations keep it (memory).
  if (method == "genetic") {
    const double mutation = std::max(0.05, 1.0 / static_cast<double>(std::max<size_t>(dims, 1)));
    return pagmo::algorithm{pagmo::sga(1u, 0.9, 1.0, mutation, 1.0, 2u, "sbx", "polynomial", "tournament", seed)};
  }
  if (method == "de") return pagmo::algorithm{pagmo::de(1u, 0.8, 0.9, 2u, 0.0, 0.0, seed)};
  if (method == "cmaes")
    return pagmo::algorithm{pagmo::cmaes(1u, -1, -1, -1, -1, 0.3, 0.0, 0.0, true, true, seed)};
  if (method == "pso") return pagmo::algorithm{pagmo::pso(1u, 0.7298, 2.05, 2.05, 0.5, 5u, 2u, 4u, true, seed)};
  if (method == "nsga2") return pagmo::algorithm{pagmo::nsga2(1u, 0.95, 10.0, 0.01, 50.0, seed)};
  throw std::invalid_argument(
      fmt::format("optimize: unknown method '{}'; expected grid, random, genetic, de, cmaes, pso or nsga2", method));
}

}  // namespace

namespace {

// The most telling reason: any interrupt, then time, then budget, then convergence.
std::string most_telling(const std::vector<std::string>& reasons) {
  for (const char* r : {"interrupted", "time budget", "evaluation budget", "converged"})
    if (std::find(reasons.begin(), reasons.end(), r) != reasons.end()) return r;
  return "converged";
}

size_t population_size(const SearchSettings& settings, size_t dims) {
  size_t pop = settings.population > 0 ? static_cast<size_t>(settings.population) : std::clamp<size_t>(4 * dims, 16, 64);
  if (settings.method == "nsga2") pop = std::max<size_t>(8, (pop + 3) / 4 * 4);  // nsga2: a multiple of 4
  if (settings.method != "genetic" && settings.method != "nsga2") pop = std::max<size_t>(pop, 7);  // de's variants need 7
  return pop;
}

// Takes the workers' island trials into the store as they come, until each has said done.
class IslandReceiver {
 public:
  IslandReceiver(const SearchSpace& space, RemoteWorkers& remote, TrialStore& store)
      : space_(space), remote_(remote), store_(store), thread_([this] { run(); }) {}
  // Waits for every worker; rethrows a failure; adds their reasons and rejections.
  void finish(std::vector<std::string>& reasons, uint64_t& rejected) {
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
    reasons.insert(reasons.end(), reasons_.begin(), reasons_.end());
    rejected += rejected_;
  }

 private:
  void run() {
    try {
      for (size_t done = 0; done < remote_.count();) {
        RemoteMessage m = remote_.receive();
        if (m.kind == RemoteMessage::Kind::IslandsDone) {
          ++done;
          reasons_.push_back(m.reason);
          rejected_ += m.rejected;
          continue;
        }
        if (m.kind != RemoteMessage::Kind::IslandTrials || m.points.size() != m.results.size() ||
            m.orders.size() != m.results.size())
          throw std::runtime_error(fmt::format("worker {} sent a batch's results to a population search", m.worker + 1));
        for (size_t k = 0; k < m.results.size(); ++k)
          store_.adopt(candidate_at(space_, m.points[k]), m.orders[k], std::move(m.results[k]));
      }
    } catch (...) {
      failure_ = std::current_exception();
    }
  }
  const SearchSpace& space_;
  RemoteWorkers& remote_;
  TrialStore& store_;
  std::vector<std::string> reasons_;
  uint64_t rejected_ = 0;
  std::exception_ptr failure_;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace

std::string run_islands(const SearchSpace& space, const PipelineRecipe& recipe, const EvalData& train,
                        const SearchSettings& settings, const std::shared_ptr<OutputCache>& cache, TrialStore& store,
                        const IslandRange& range, uint64_t& rejected,
                        const std::function<void(const SearchProgress&)>& progress) {
  const size_t dims = space.dimensions().size();
  if (dims == 0) throw std::invalid_argument("optimize: the search space has no dimensions; nothing to search");
  make_algorithm(settings.method, dims, 0);  // an unknown method fails before any thread starts
  const size_t pop = population_size(settings, dims);
  std::atomic<uint64_t> rejected_count{0};
  std::vector<std::string> reasons(static_cast<size_t>(range.count));
  auto work = [&](int i) {
    const int index = range.first + i;
    Island island;
    island.space = &space;
    island.settings = &settings;
    island.train = &train;
    island.store = &store;
    island.evaluator = std::make_unique<ConfigEvaluator>(recipe, cache);
    island.index = static_cast<uint64_t>(index);
    island.rejected = &rejected_count;
    if (settings.max_evaluations) {
      const uint64_t n = *settings.max_evaluations, k = static_cast<uint64_t>(range.total);
      island.share = n / k + (static_cast<uint64_t>(index) < n % k ? 1 : 0);
    }
    const unsigned seed =
        static_cast<unsigned>((settings.seed * 7919u + static_cast<uint64_t>(index) * 104729u) & 0x7fffffffu);
    std::string& reason = reasons[static_cast<size_t>(i)];
    try {
      pagmo::problem problem{Problem{&island}};
      pagmo::population population{problem, pop, seed};
      pagmo::algorithm algorithm = make_algorithm(settings.method, dims, seed);
      // Converged: this many generations in a row proposed nothing the island had not seen.
      constexpr int kStagnant = 25;
      int stagnant = 0;
      while (stagnant < kStagnant) {
        const size_t before = island.seen.size();
        population = algorithm.evolve(population);
        stagnant = island.seen.size() == before ? stagnant + 1 : 0;
      }
      reason = "converged";
    } catch (const StopIsland&) {
      reason = store.interrupted() ? "interrupted" : store.out_of_time() ? "time budget" : "evaluation budget";
    }
  };
  run_workers(range.count, work, store, progress);
  rejected = rejected_count.load();
  return most_telling(reasons);
}

std::string run_population_search(const SearchSpace& space, const PipelineRecipe& recipe, const EvalData& train,
                                  const SearchSettings& settings, const std::shared_ptr<OutputCache>& cache,
                                  TrialStore& store, uint64_t& rejected,
                                  const std::function<void(const SearchProgress&)>& progress) {
  RemoteWorkers* remote = settings.remote && settings.remote->count() > 0 ? settings.remote : nullptr;
  const int here = settings.threads;
  const int total = here * (1 + (remote ? static_cast<int>(remote->count()) : 0));
  std::optional<IslandReceiver> receiver;
  if (remote) {
    // What run_islands refuses is refused before any worker starts.
    if (space.dimensions().empty())
      throw std::invalid_argument("optimize: the search space has no dimensions; nothing to search");
    make_algorithm(settings.method, space.dimensions().size(), 0);
    for (size_t w = 0; w < remote->count(); ++w) remote->start_islands(w, {here * static_cast<int>(w + 1), here, total});
    receiver.emplace(space, *remote, store);
  }
  std::vector<std::string> reasons;
  std::exception_ptr local_failure;
  try {
    reasons.push_back(run_islands(space, recipe, train, settings, cache, store, {0, here, total}, rejected, progress));
  } catch (...) {
    local_failure = std::current_exception();
  }
  // The workers' islands finish on their own budgets; their trials are all taken first.
  if (receiver) receiver->finish(reasons, rejected);
  if (local_failure) std::rethrow_exception(local_failure);
  if (remote && progress) progress(store.progress());
  return most_telling(reasons);
}

}  // namespace mosaic::host::research
