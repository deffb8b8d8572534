#include "host/research/trial.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::host::research {

double minimized_fitness(const Trial& t, const SearchSettings& s, size_t k) {
  // Failed runs, then undefined targets, then broken constraints, then the feasible.
  if (k >= s.targets.size()) throw std::out_of_range("minimized_fitness: no such target");
  if (!t.eval.ok) return 1e12;
  const double v = k < t.values.size() ? t.values[k] : NAN;
  if (std::isnan(v)) return 1e11;
  if (t.violation > 0) return 1e9 + std::min(t.violation, 1e8);
  return s.targets[k].maximize ? -v : v;
}

RecordedTrial record_of(const Trial& t) {
  return RecordedTrial{t.eval.ok, t.eval.error, t.eval.metrics, t.returns_hash, t.moments};
}

}  // namespace mosaic::host::research
