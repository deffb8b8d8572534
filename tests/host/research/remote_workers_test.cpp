// A search that deals part of its candidates to remote workers (as an MPI run's rank 0 deals
// them to the other ranks) ends with the same trials as one that evaluates them all itself:
// tested with in-process workers that evaluate each batch as a worker rank would.
#include "landscape_search.hpp"

#include "host/research/candidate_point.hpp"
#include "host/research/population_search.hpp"
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

// Workers that do their work when it is sent and answer in turn, first sent first answered:
// a batch as a worker rank evaluates it, islands as a worker rank runs them.
class LocalWorkers final : public RemoteWorkers {
 public:
  LocalWorkers(const Landscape& l, const SearchSpace& space, size_t workers, size_t fail_on_batch = 0)
      : l_(l), space_(space), workers_(workers), fail_on_batch_(fail_on_batch) {}
  size_t count() const override { return workers_; }
  void set_fold(size_t fold) override { fold_ = fold; }
  void send(size_t w, const std::vector<std::vector<double>>& points) override {
    ConfigEvaluator evaluator(l_.recipe, nullptr);
    RemoteMessage m;
    m.worker = w;
    for (const auto& p : points) m.results.push_back(record_evaluation(evaluator, l_.data, candidate_at(space_, p), 16));
    answers_.push_back(std::move(m));
    evaluated += points.size();
    ++batches;
  }
  void start_islands(size_t w, const IslandRange& range) override {
    SearchSettings s = settings;
    s.threads = range.count;
    s.remote = nullptr;
    RemoteMessage trials;
    trials.kind = RemoteMessage::Kind::IslandTrials;
    trials.worker = w;
    s.on_trial = [&](const Trial& t) {
      trials.points.push_back(point_of(space_, t.candidate));
      trials.orders.push_back(t.order);
      trials.results.push_back(record_of(t));
    };
    TrialStore store(s);
    RemoteMessage done;
    done.kind = RemoteMessage::Kind::IslandsDone;
    done.worker = w;
    done.reason = run_islands(space_, l_.recipe, l_.data, s, nullptr, store, range, done.rejected, {});
    evaluated += trials.results.size();
    answers_.push_back(std::move(trials));
    answers_.push_back(std::move(done));
  }
  RemoteMessage receive() override {
    if (fail_on_batch_ && batches >= fail_on_batch_) throw std::runtime_error("rank 2 (node7): lost");
    RemoteMessage m = std::move(answers_.front());
    answers_.pop_front();
    return m;
  }
  SearchSettings settings;  // the search's, for the islands
  size_t evaluated = 0, batches = 0;

 private:
  const Landscape& l_;
  const SearchSpace& space_;
  size_t workers_, fail_on_batch_, fold_ = 0;
  std::deque<RemoteMessage> answers_;
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

TEST_CASE("remote workers: a population search with islands on workers ends as one process with as many islands") {
  Landscape l;
  const SearchSpace space = l.space();
  for (const char* method : {"genetic", "de", "pso", "cmaes"}) {
    CAPTURE(method);
    SearchSettings s{.method = method, .max_evaluations = 120, .threads = 3, .seed = 11};
    const SearchOutcome alone = l.search(space, s);
    LocalWorkers workers(l, space, 2);
    s.threads = 1;  // 1 island here, 1 on each of the 2 workers: 3 in all
    workers.settings = s;
    workers.settings.targets = {metric_target("total_return")};
    s.remote = &workers;
    const SearchOutcome shared = l.search(space, s);
    CHECK(workers.evaluated > 0);
    CHECK(shared.stop_reason == alone.stop_reason);
    REQUIRE(shared.trials.size() == alone.trials.size());
    for (size_t i = 0; i < alone.trials.size(); ++i) {
      CAPTURE(i);
      CHECK(shared.trials[i].key == alone.trials[i].key);
      CHECK(shared.trials[i].order == alone.trials[i].order);
      CHECK(shared.trials[i].values == alone.trials[i].values);
    }
  }
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
