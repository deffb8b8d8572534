// What rank 0 of a distributed search spends on each result a worker sends back: decoding
// it and adopting it into the search's trial store (TrialStore::adopt), measured on the SMA
// sweep's 4,263 configurations with results of the real size (16 PBO blocks). The figure
// bounds how many results per second one rank 0 can take: docs/distributed.md.
//   ./build/bin/bench_trial_adopt [ROUNDS]
#include "host/app/optimize_plan.hpp"
#include "host/app/rank_messages.hpp"
#include "host/app/session.hpp"
#include "host/research/candidate_point.hpp"
#include "host/research/grid.hpp"
#include "host/research/trial_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  using namespace mosaic::host;
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 9;
  auto s = app::open_session({MOSAIC_SOURCE_DIR "/examples/sma_sweep.toml", std::nullopt, MOSAIC_PLUGIN_DIR, false});
  const app::OptimizePlan plan = app::plan_optimize(*s, {});
  const research::Grid grid(plan.space, 10000);
  std::vector<std::vector<double>> points;
  for (uint64_t i = 0; i < grid.size(); ++i) points.push_back(research::point_of(plan.space, grid.at(i)));
  research::RecordedTrial trial{true, "", {}, 1, {std::vector<double>(16, 1), std::vector<double>(16, 2), std::vector<double>(16, 3)}};
  trial.metrics.sharpe = 0.5;
  // Results as they arrive: batches of 64.
  std::vector<std::string> messages;
  for (size_t i = 0; i < points.size(); i += 64)
    messages.push_back(app::encode_results(std::vector<research::RecordedTrial>(std::min<size_t>(64, points.size() - i), trial)));
  std::vector<double> per_result_us;
  for (int r = 0; r < rounds; ++r) {
    research::TrialStore store(plan.settings);
    const auto start = std::chrono::steady_clock::now();
    size_t at = 0;
    for (const auto& m : messages)
      for (auto& result : app::decode_results(m)) {
        store.adopt(research::candidate_at(plan.space, points[at]), at, std::move(result));
        ++at;
      }
    per_result_us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
                            static_cast<double>(at));
  }
  std::sort(per_result_us.begin(), per_result_us.end());
  std::printf("%zu results: decode + adopt median %.2f us per result (%d rounds; %.0f per second on one core)\n",
              points.size(), per_result_us[per_result_us.size() / 2], rounds, 1e6 / per_result_us[per_result_us.size() / 2]);
  return 0;
}
