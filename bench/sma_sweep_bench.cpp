// The SMA sweep job (examples/sma_sweep.toml, whole sample: 4,263 configs on ttrc) run in
// process through host/app, as `mosaic optimize --train-fraction 1` runs it, without process
// start, data load or output files. Prints, per round and as the median of the rounds:
//   - the in-run rate: configurations over the search's own seconds (what the progress line
//     shows, and what numba_sma_sweep.py reports with its JIT excluded)
//   - the whole optimize call: search, leaders, DSR and PBO over every config
// Usage: bench_sma_sweep [--threads N] [--rounds R] [--config FILE] [--plugins DIR]
// (--plugins: another build's modules, to time one against the other with the same host)
#include "host/app/optimize.hpp"
#include "host/app/session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 1, rounds = 5;
  std::string config = MOSAIC_SOURCE_DIR "/examples/sma_sweep.toml";
  std::string plugins = MOSAIC_PLUGIN_DIR;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--rounds")) rounds = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--config")) config = argv[i + 1];
    else if (!std::strcmp(argv[i], "--plugins")) plugins = argv[i + 1];
    else {
      fmt::print(stderr, "usage: bench_sma_sweep [--threads N] [--rounds R] [--config FILE] [--plugins DIR]\n");
      return 2;
    }
  }
  using namespace mosaic::host;
  try {
    app::SessionSpec where;
    where.config = config;
    where.plugins = std::filesystem::path(plugins);
    const auto session = app::open_session(where);
    app::OptimizeSpec spec;
    spec.threads = threads;
    spec.train_fraction = 1.0;
    const app::OptimizePlan plan = app::plan_optimize(*session, spec);
    std::vector<double> rates, wholes;
    for (int r = 0; r < rounds; ++r) {
      app::Observer quiet;
      const auto start = std::chrono::steady_clock::now();
      const app::OptimizeResult result = app::optimize(*session, plan, quiet);
      const double whole = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const auto& outcome = result.folds.at(0).outcome;
      const double rate = static_cast<double>(outcome.trials.size()) / outcome.seconds;
      rates.push_back(rate);
      wholes.push_back(whole);
      fmt::print("round {}: {} configs, {:.0f} configs/s in-run, whole optimize call {:.3f} s\n", r + 1,
                 outcome.trials.size(), rate, whole);
    }
    fmt::print("median of {} rounds, {} thread(s): {:.0f} configs/s in-run, whole optimize call {:.3f} s\n", rounds,
               threads, median(rates), median(wholes));
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_sma_sweep: {}\n", e.what());
    return 1;
  }
  return 0;
}
