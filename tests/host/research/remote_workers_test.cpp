// A search that deals part of its candidates to remote workers (as an MPI run's rank 0 deals
// them to the other ranks) ends with the same trials as one that evaluates them all itself:
// tested with in-process workers that evaluate each batch as a worker rank would.
#include "landscape_search.hpp"

#include "host/research/candidate_point.hpp"
#include "host/research/random_search.hpp"
#include "host/research/remote_workers.hpp"
#include "host/research/trial_store.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <stdexcept>

using namespace mosaic::host;
using namespace mosaic::host::research;
using mosaic_test::Landscape;

namespace {

// Workers that evaluate a batch when it is sent and answer in turn, first sent first answered.
class LocalWorkers final : public RemoteWorkers {
 public:
  LocalWorkers(const Landscape& l, const SearchSpace& space, size_t workers, size_t fail_on_batch = 0)
      : l_(l), space_(space), workers_(workers), fail_on_batch_(fail_on_batch) {}
  size_t count() const override { return workers_; }
  void set_fold(size_t fold) override { fold_ = fold; }
  void send(size_t w, const std::vector<std::vector<double>>& points) override {
    ConfigEvaluator evaluator(l_.recipe, nullptr);
    std::vector<RecordedTrial> results;
    for (const auto& p : points) results.push_back(record_evaluation(evaluator, l_.data, candidate_at(space_, p), 16));
    answers_.push_back({w, std::move(results)});
    evaluated += points.size();
    ++batches;
  }
  size_t receive(std::vector<RecordedTrial>& results) override {
    if (fail_on_batch_ && batches >= fail_on_batch_) throw std::runtime_error("rank 2 (node7): lost");
    auto [w, r] = std::move(answers_.front());
    answers_.pop_front();
    results = std::move(r);
    return w;
  }
  size_t evaluated = 0, batches = 0;

 private:
  const Landscape& l_;
  const SearchSpace& space_;
  size_t workers_, fail_on_batch_, fold_ = 0;
  std::deque<std::pair<size_t, std::vector<RecordedTrial>>> answers_;
};

}  // namespace

TEST_CASE("remote workers: grid and random end with the trials of a search that evaluated everything itself") {
  Landscape l;
  SpaceOverrides narrow;
  narrow["toy_landscape"]["x"] = ParamOverride::narrowed(0, 100, 5);
  narrow["toy_landscape"]["y"] = ParamOverride::narrowed(1, 100, 9);
  for (const char* method : {"grid", "random"}) {
    CAPTURE(method);
    const bool grid = std::string(method) == "grid";
    const SearchSpace space = grid ? l.space(narrow) : l.space();
    SearchSettings s{.method = method, .max_evaluations = grid ? std::nullopt : std::optional<uint64_t>(150),
                     .threads = 1, .seed = 7};
    const SearchOutcome alone = l.search(space, s);
    LocalWorkers workers(l, space, 2);
    s.remote = &workers;
    const SearchOutcome shared = l.search(space, s);
    CHECK(workers.evaluated > 0);  // the workers took part: they are dealt before the threads start
    REQUIRE(shared.trials.size() == alone.trials.size());
    CHECK(shared.strategies == alone.strategies);
    for (size_t i = 0; i < alone.trials.size(); ++i) {
      CAPTURE(i);
      CHECK(shared.trials[i].key == alone.trials[i].key);
      CHECK(shared.trials[i].order == alone.trials[i].order);
      CHECK(shared.trials[i].values == alone.trials[i].values);
      CHECK(shared.trials[i].returns_hash == alone.trials[i].returns_hash);
      CHECK(shared.trials[i].moments.sum == alone.trials[i].moments.sum);
      CHECK_FALSE(shared.trials[i].replayed);
    }
  }
}

TEST_CASE("remote workers: a worker's failure ends the search with its message") {
  Landscape l;
  const SearchSpace space = l.space();
  LocalWorkers workers(l, space, 2, 1);  // the first answer fails
  SearchSettings s{.method = "random", .max_evaluations = 200, .threads = 1, .seed = 7};
  s.remote = &workers;
  CHECK_THROWS_WITH(l.search(space, s), "rank 2 (node7): lost");
}

TEST_CASE("remote workers: population methods refuse them, naming the method") {
  Landscape l;
  const SearchSpace space = l.space();
  LocalWorkers workers(l, space, 1);
  SearchSettings s{.method = "genetic", .max_evaluations = 50, .threads = 1, .seed = 7};
  s.remote = &workers;
  CHECK_THROWS_WITH(l.search(space, s), doctest::Contains("--method genetic does not spread over MPI ranks yet"));
}

TEST_CASE("candidate points: every candidate of a space goes to its point and back unchanged") {
  Landscape l;
  const SearchSpace space = l.space();
  RandomSearch random(space, 3, true);
  for (int i = 0; i < 50; ++i) {
    const auto c = random.next();
    REQUIRE(c);
    CHECK(candidate_at(space, point_of(space, *c)).key() == c->key());
  }
  CHECK_THROWS_AS(candidate_at(space, {1.0}), std::invalid_argument);
  std::vector<double> outside = point_of(space, space.base());
  outside[0] = 1e9;
  CHECK_THROWS_AS(candidate_at(space, outside), std::invalid_argument);
}
