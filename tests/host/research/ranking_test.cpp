// The order in which a search's trials are reported.
#include "host/research/ranking.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host::research;

namespace {

Trial trial(double value, bool ok = true, double violation = 0) {
  Trial t;
  t.eval.ok = ok;
  t.values = {value};
  t.violation = violation;
  return t;
}

}  // namespace

TEST_CASE("ranking: feasible trials only, best first, ties in trial order") {
  SearchOutcome o;
  o.trials = {trial(0.5), trial(0.9), trial(0.7, false), trial(2.0, true, 1.0), trial(0.9), trial(0.1)};
  SearchSettings s;
  s.targets = {metric_target("sharpe")};
  std::vector<size_t> pareto;
  CHECK(rank_trials(o, s, pareto) == std::vector<size_t>{1, 4, 0, 5});
  CHECK(pareto.empty());
}

TEST_CASE("ranking: a minimised target ranks the smallest first") {
  SearchOutcome o;
  o.trials = {trial(0.3), trial(0.1), trial(0.2)};
  SearchSettings s;
  s.targets = {metric_target("max_drawdown")};
  std::vector<size_t> pareto;
  CHECK(rank_trials(o, s, pareto) == std::vector<size_t>{1, 2, 0});
}

TEST_CASE("ranking: with two targets only the Pareto front is ranked") {
  SearchOutcome o;
  auto two = [](double sharpe, double dd) {
    Trial t = trial(sharpe);
    t.values.push_back(dd);
    return t;
  };
  // (sharpe, drawdown): the second is dominated by the first.
  o.trials = {two(1.0, 0.1), two(0.8, 0.2), two(0.5, 0.05)};
  SearchSettings s;
  s.targets = {metric_target("sharpe"), metric_target("max_drawdown")};
  std::vector<size_t> pareto;
  CHECK(rank_trials(o, s, pareto) == std::vector<size_t>{0, 2});
  CHECK(pareto.size() == 2);
}
