#include "host/research/ranking.hpp"

#include "host/research/overfitting.hpp"

#include <algorithm>

namespace mosaic::host::research {

std::vector<size_t> rank_trials(const SearchOutcome& o, const SearchSettings& s, std::vector<size_t>& pareto) {
  std::vector<size_t> feasible;
  for (size_t i = 0; i < o.trials.size(); ++i)
    if (o.trials[i].feasible()) feasible.push_back(i);
  if (s.targets.size() == 2) {
    std::vector<double> f1, f2;
    for (size_t i : feasible) {
      f1.push_back(minimized_fitness(o.trials[i], s, 0));
      f2.push_back(minimized_fitness(o.trials[i], s, 1));
    }
    for (size_t k : pareto_front(f1, f2)) pareto.push_back(feasible[k]);
  }
  std::vector<size_t> ranked = s.targets.size() == 2 ? pareto : feasible;
  std::stable_sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) {
    return minimized_fitness(o.trials[a], s, 0) < minimized_fitness(o.trials[b], s, 0);
  });
  return ranked;
}

}  // namespace mosaic::host::research
