// Optimization through host/app: a plan from the session and a spec, the search watched and
// stopped through an Observer, and the typed errors of a bad plan.
#include "app_fixture.hpp"

#include "host/app/error.hpp"
#include "host/app/optimize.hpp"

#include <doctest/doctest.h>

#include <mutex>
#include <set>

using namespace mosaic::host;

namespace {

// lookback 2..41 on toy_weights only: 40 configurations.
const char* kSpace =
    "[optimize]\nmethod = \"grid\"\nthreads = 1\ntrain_fraction = 0.7\nswitches = false\n"
    "[optimize.space.technical]\nsearch = [\"fast\"]\nfast = 10\n"
    "[optimize.space.toy_weights]\nlookback = { min = 2, max = 41, step = 1 }\n";

// Records what it is told, and asks to stop once it has seen `stop_after` trials.
struct Recorder : app::Observer {
  explicit Recorder(size_t stop_after = 0) : stop_after(stop_after) {}
  void fold_started(size_t fold, size_t folds) override { started.push_back({fold, folds}); }
  void fold_finished(size_t fold, size_t folds) override { finished.push_back({fold, folds}); }
  void progress(const app::Progress& p) override { last_progress = p.evaluated; ++progress_calls; }
  void trial_done(const app::Trial& t) override {
    std::lock_guard lock(mutex);
    seen.insert(t.key);
    if (stop_after && seen.size() >= stop_after) request_stop();
  }
  size_t stop_after;
  std::mutex mutex;
  std::set<std::string> seen;
  std::vector<std::pair<size_t, size_t>> started, finished;
  uint64_t last_progress = 0;
  size_t progress_calls = 0;
};

}  // namespace

TEST_CASE("optimize: the whole grid, ranked, measured out of sample, with the overfitting figures") {
  mosaic_test::AppFixture f(kSpace);
  auto s = app::open_session(f.spec());
  const app::OptimizePlan plan = app::plan_optimize(*s, {});
  CHECK(plan.space.size().str() == "40");
  REQUIRE(plan.folds.size() == 1);
  CHECK(plan.folds[0].train_end == 174);  // 70% of 249 bars
  Recorder observer;
  const app::OptimizeResult r = app::optimize(*s, plan, observer);
  CHECK_FALSE(r.interrupted);
  REQUIRE(r.folds.size() == 1);
  const auto& fold = r.folds[0];
  CHECK(fold.outcome.trials.size() == 40);
  CHECK(fold.outcome.stop_reason == "space exhausted");
  REQUIRE(fold.has_winner());
  CHECK(fold.leaders.size() == 10);
  // Leaders are best first by the target, and each was measured out of sample.
  for (size_t k = 1; k < fold.leaders.size(); ++k)
    CHECK(fold.trial_of(fold.leaders[k - 1]).values[0] >= fold.trial_of(fold.leaders[k]).values[0]);
  for (const auto& l : fold.leaders) CHECK((l.test && l.test->ok));
  CHECK(fold.overfitting.trials == 40);
  CHECK(fold.winner_equity.size() == 249);
  CHECK(observer.seen.size() == 40);
  CHECK(observer.started == std::vector<std::pair<size_t, size_t>>{{0, 1}});
  CHECK(observer.finished == observer.started);
  CHECK(observer.progress_calls >= 1);
  CHECK(observer.last_progress == 40);
}

TEST_CASE("optimize: an observer that stops after N evaluations keeps those N") {
  mosaic_test::AppFixture f(kSpace);
  auto s = app::open_session(f.spec());
  const app::OptimizePlan plan = app::plan_optimize(*s, {});
  Recorder observer(7);
  const app::OptimizeResult r = app::optimize(*s, plan, observer);
  CHECK(r.interrupted);
  REQUIRE(r.folds.size() == 1);
  const auto& trials = r.folds[0].outcome.trials;
  CHECK(r.folds[0].outcome.stop_reason == "interrupted");
  // One thread checks the flag before each evaluation: exactly the N it was told of.
  REQUIRE(trials.size() == 7);
  for (const auto& t : trials) CHECK(observer.seen.count(t.key) == 1);
  CHECK(r.folds[0].has_winner());
}

TEST_CASE("optimize: with two threads a stop keeps every evaluated trial") {
  mosaic_test::AppFixture f(kSpace);
  auto s = app::open_session(f.spec());
  app::OptimizeSpec spec;
  spec.threads = 2;
  const app::OptimizePlan plan = app::plan_optimize(*s, spec);
  Recorder observer(10);
  const app::OptimizeResult r = app::optimize(*s, plan, observer);
  const auto& trials = r.folds[0].outcome.trials;
  // Each thread may finish the evaluation it had started: at most one more per thread.
  CHECK(trials.size() >= 10);
  CHECK(trials.size() <= 11);
  CHECK(trials.size() == observer.seen.size());
  for (const auto& t : trials) CHECK(observer.seen.count(t.key) == 1);
}

TEST_CASE("optimize: a spec overrides the config's [optimize] keys") {
  mosaic_test::AppFixture f(kSpace);
  auto s = app::open_session(f.spec());
  app::OptimizeSpec spec;
  spec.method = "random";
  spec.max_evaluations = 12;
  spec.seed = 5;
  spec.walk_forward = 2;
  const app::OptimizePlan plan = app::plan_optimize(*s, spec);
  CHECK(plan.settings.method == "random");
  CHECK(plan.settings.max_evaluations == 12u);
  CHECK_FALSE(plan.settings.max_seconds);
  CHECK(plan.settings.seed == 5u);
  CHECK(plan.folds.size() == 2);
  app::Observer quiet;
  const app::OptimizeResult r = app::optimize(*s, plan, quiet);
  REQUIRE(r.folds.size() == 2);
  CHECK(r.folds[0].outcome.trials.size() == 6);  // each fold gets half the budget
}

TEST_CASE("plan_optimize: a bad constraint is a config error at its line and key") {
  mosaic_test::AppFixture f(std::string(kSpace) + "[optimize.x]\n");
  // The [optimize] table is parsed with the config: an unknown key fails open_session.
  try {
    app::open_session(f.spec());
    FAIL("expected a config error");
  } catch (const app::Error& e) {
    CHECK(e.kind == app::ErrorKind::Config);
    CHECK(e.file == f.config.string());
  }
  mosaic_test::AppFixture g(
      "[optimize]\nconstraints = [\"toy_weights.nope < 3\"]\n[optimize.space.technical]\nsearch = [\"fast\"]\nfast = 10\n");
  auto s = app::open_session(g.spec());
  try {
    app::plan_optimize(*s, {});
    FAIL("expected a config error");
  } catch (const app::Error& e) {
    CHECK(e.kind == app::ErrorKind::Config);
    CHECK(e.file == g.config.string());
    CHECK(e.key == "optimize.constraints[0]");
    CHECK(e.line == 7);
  }
}

TEST_CASE("plan_optimize: a space override of an undeclared parameter points at its line") {
  mosaic_test::AppFixture f("[optimize.space.toy_weights]\nnope = { min = 1, max = 2 }\n");
  auto s = app::open_session(f.spec());
  try {
    app::plan_optimize(*s, {});
    FAIL("expected a config error");
  } catch (const app::Error& e) {
    CHECK(e.kind == app::ErrorKind::Config);
    CHECK(e.key.rfind("optimize.space", 0) == 0);
    CHECK(e.line > 0);
    CHECK(std::string(e.what()).find("nope") != std::string::npos);
  }
}

TEST_CASE("plan_optimize: an unknown method is a usage error naming the key") {
  mosaic_test::AppFixture f(kSpace);
  auto s = app::open_session(f.spec());
  app::OptimizeSpec spec;
  spec.method = "annealing";
  try {
    app::plan_optimize(*s, spec);
    FAIL("expected a usage error");
  } catch (const app::Error& e) {
    CHECK(e.kind == app::ErrorKind::Usage);
    CHECK(e.key == "method");
  }
}
