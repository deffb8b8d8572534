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

const std::string kSpace = mosaic_test::lookback_space(1);

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

TEST_CASE("optimize: configurations with the same returns are one strategy") {
  // toy_weights reads only closes, so technical's fast (3 values) changes nothing: 15
  // configurations, 5 strategies, each leader standing for 2 more.
  mosaic_test::AppFixture f(
      "[optimize]\nmethod = \"grid\"\nthreads = 1\ntrain_fraction = 0.7\nswitches = false\n"
      "[optimize.space.technical]\nsearch = [\"fast\"]\nfast = { min = 2, max = 4 }\n"
      "[optimize.space.toy_weights]\nlookback = { min = 10, max = 50, step = 10 }\n");
  auto s = app::open_session(f.spec());
  app::Observer quiet;
  const app::OptimizeResult r = app::optimize(*s, app::plan_optimize(*s, {}), quiet);
  const auto& fold = r.folds.at(0);
  CHECK(fold.outcome.trials.size() == 15);
  CHECK(fold.outcome.strategies == 5);
  REQUIRE(fold.leaders.size() == 5);
  std::set<size_t> strategies;
  for (const auto& l : fold.leaders) {
    CHECK(l.equivalents == 2);
    strategies.insert(fold.trial_of(l).strategy);
  }
  CHECK(strategies.size() == 5);
  // Every configuration of a strategy has the same in-sample metrics.
  for (const auto& t : fold.outcome.trials)
    for (const auto& u : fold.outcome.trials)
      if (t.strategy == u.strategy) CHECK(t.eval.metrics.sharpe == u.eval.metrics.sharpe);
  CHECK(fold.overfitting.trials == 15);
  CHECK(fold.overfitting.strategies == 5);
}

TEST_CASE("plan_optimize: the contract's fast < slow joins the constraints, once") {
  mosaic_test::AppFixture f("[optimize]\nswitches = false\n[optimize.space.technical]\nsearch = [\"fast\", \"slow\"]\n");
  auto s = app::open_session(f.spec());
  const app::OptimizePlan plan = app::plan_optimize(*s, {});
  REQUIRE(plan.settings.constraints.size() == 1);
  CHECK(plan.settings.constraints[0].text == "technical.fast < technical.slow");
  CHECK(plan.settings.constraints[0].declared_by == "technical");
  mosaic_test::AppFixture g(
      "[optimize]\nswitches = false\nconstraints = [\"technical.fast < technical.slow\"]\n"
      "[optimize.space.technical]\nsearch = [\"fast\", \"slow\"]\n");
  auto t = app::open_session(g.spec());
  const app::OptimizePlan stated = app::plan_optimize(*t, {});
  REQUIRE(stated.settings.constraints.size() == 1);
  CHECK(stated.settings.constraints[0].declared_by.empty());
}

TEST_CASE("plan_optimize: the default example's space holds strategy knobs only") {
  auto s = app::open_session({std::filesystem::path(MOSAIC_SOURCE_DIR) / "examples/default.toml", std::nullopt,
                              std::nullopt, false});
  const app::OptimizePlan plan = app::plan_optimize(*s, {});
  for (const auto& d : plan.space.dimensions()) {
    INFO(d.label());
    if (d.kind == research::Dimension::Kind::Switch) continue;
    const ContractInfo& c = s->pipeline->contract(d.module);
    CHECK_FALSE(c.param(d.param)->setting);
  }
  for (const char* setting : {"regime.seed", "regime.tol", "regime.max_iter", "regime.starts", "portfolio.periods_per_year",
                              "risk.periods_per_year", "risk.var_lookback"}) {
    INFO(setting);
    bool found = false;
    for (const auto& d : plan.space.dimensions()) found = found || d.label() == setting;
    CHECK_FALSE(found);
  }
}

TEST_CASE("plan_optimize: [optimize] only searches the modules it names, the others keep their values") {
  mosaic_test::AppFixture f("[optimize]\nonly = [\"toy_weights\"]\n");
  auto s = app::open_session(f.spec());
  const app::OptimizePlan plan = app::plan_optimize(*s, {});
  REQUIRE_FALSE(plan.space.dimensions().empty());
  for (const auto& d : plan.space.dimensions()) CHECK(d.module == "toy_weights");

  mosaic_test::AppFixture unknown("[optimize]\nonly = [\"volbrake\"]\n");
  auto u = app::open_session(unknown.spec());
  CHECK_THROWS_WITH_AS(app::plan_optimize(*u, {}),
                       doctest::Contains("optimize.only: 'volbrake' is not in the pipeline (technical, toy_weights)"),
                       app::Error);
  mosaic_test::AppFixture both("[optimize]\nonly = [\"toy_weights\"]\n[optimize.space.technical]\nfast = 10\n");
  auto b = app::open_session(both.spec());
  CHECK_THROWS_WITH_AS(app::plan_optimize(*b, {}), doctest::Contains("'technical' is not in optimize.only"), app::Error);
}

TEST_CASE("optimize: walk-forward stitches each fold's winner over its own test bars into one curve") {
  for (const bool rolling : {false, true}) {
    INFO((rolling ? "rolling" : "anchored"));
    mosaic_test::AppFixture f(kSpace);
    auto s = app::open_session(f.spec());
    app::OptimizeSpec spec;
    spec.walk_forward = 3;
    spec.rolling = rolling;
    const app::OptimizePlan plan = app::plan_optimize(*s, spec);
    REQUIRE(plan.folds.size() == 3);
    // 249 bars in 4 blocks: fold k tests block k and trains on the blocks before it
    // (anchored) or on block k-1 alone (rolling).
    CHECK(plan.folds[1].train_begin == (rolling ? 62u : 0u));
    CHECK(plan.folds[1].train_end == 124);
    CHECK(plan.folds[2].test_end == 249);
    app::Observer quiet;
    const app::OptimizeResult r = app::optimize(*s, plan, quiet);
    REQUIRE(r.stitched);
    const auto& st = *r.stitched;
    CHECK(st.first_bar == plan.folds[0].train_end - 1);
    CHECK(st.backtest.bars == 249 - plan.folds[0].train_end + 1);
    CHECK(st.backtest.equity.front() == 1.0);
    // The curve is the folds' own test stretches, end to end.
    size_t k = 0;
    double compounded = 1;
    for (const auto& fold : r.folds) {
      REQUIRE(fold.winner_test);
      for (double ret : fold.winner_test->returns) {
        CHECK(st.backtest.returns[k + 1] == ret);
        compounded *= 1 + ret;
        ++k;
      }
    }
    CHECK(k + 1 == st.backtest.bars);
    CHECK(st.backtest.equity.back() == doctest::Approx(compounded).epsilon(1e-12));
    CHECK(st.metrics.total_return == doctest::Approx(compounded - 1).epsilon(1e-12));
    // Each fold's in-sample metrics cover its own training bars only.
    for (size_t i = 0; i < r.folds.size(); ++i) {
      const auto& fold = r.folds[i];
      REQUIRE(fold.has_winner());
      CHECK(fold.trial_of(fold.leaders.front()).eval.metrics.periods ==
            fold.fold.train_end - fold.fold.train_begin - (fold.fold.train_begin == 0 ? 1 : 0));
    }
  }
}

TEST_CASE("optimize: cache_mb sizes the output cache, and 0 runs without one to the same results") {
  mosaic_test::AppFixture cached(kSpace);
  auto s = app::open_session(cached.spec());
  const app::OptimizePlan plan = app::plan_optimize(*s, {});
  CHECK(plan.settings.cache_bytes == size_t{256} << 20);
  app::Observer quiet;
  const app::OptimizeResult with_cache = app::optimize(*s, plan, quiet);

  mosaic_test::AppFixture uncached(std::string(kSpace).replace(std::string(kSpace).find("switches"), 0, "cache_mb = 0\n"));
  auto u = app::open_session(uncached.spec());
  const app::OptimizePlan no_cache_plan = app::plan_optimize(*u, {});
  CHECK(no_cache_plan.settings.cache_bytes == 0);
  const app::OptimizeResult without = app::optimize(*u, no_cache_plan, quiet);
  const auto& a = with_cache.folds.at(0).outcome;
  const auto& b = without.folds.at(0).outcome;
  CHECK(a.cache.hits + a.cache.misses > 0);
  CHECK(b.cache.hits + b.cache.misses == 0);
  REQUIRE(a.trials.size() == b.trials.size());
  for (size_t i = 0; i < a.trials.size(); ++i) CHECK(a.trials[i].returns_hash == b.trials[i].returns_hash);
}

TEST_CASE("optimize: a module whose output changes with every configuration is not cached") {
  // Only technical.fast is searched and technical reads nothing but prices: each
  // configuration gives its signal a new cache key, so keeping it would only grow memory.
  mosaic_test::AppFixture f(
      "[optimize]\nmethod = \"grid\"\nthreads = 1\nswitches = false\n"
      "[optimize.space.technical]\nsearch = [\"fast\"]\nfast = { min = 2, max = 9, step = 1 }\n"
      "[optimize.space.toy_weights]\nsearch = []\n");
  auto s = app::open_session(f.spec());
  app::Observer quiet;
  const app::OptimizeResult r = app::optimize(*s, app::plan_optimize(*s, {}), quiet);
  const auto& cache = r.folds.at(0).outcome.cache;
  CHECK(r.folds.at(0).outcome.trials.size() == 8);
  CHECK(cache.entries == 0);
  CHECK(cache.hits + cache.misses == 0);

  // With toy_weights searched instead, technical's signal is the same for every
  // configuration: stored once, then served.
  mosaic_test::AppFixture g(kSpace);
  auto t = app::open_session(g.spec());
  const app::OptimizeResult kept_run = app::optimize(*t, app::plan_optimize(*t, {}), quiet);  // named: a reference
  const auto& kept = kept_run.folds.at(0).outcome.cache;  // into a temporary's member would dangle (ASan found it)
  CHECK(kept.entries >= 1);
  CHECK(kept.hits >= 39);
}

TEST_CASE("optimize: every strategy up to the probe cap is measured out of sample, the leaders as in their rows") {
  mosaic_test::AppFixture f(kSpace);
  auto s = app::open_session(f.spec());
  app::Observer quiet;
  const app::OptimizeResult r = app::optimize(*s, app::plan_optimize(*s, {}), quiet);
  const auto& fold = r.folds.at(0);
  // 40 configurations, fewer distinct strategies than the cap: every one is probed once.
  CHECK(fold.probes.size() == fold.outcome.strategies);
  std::set<size_t> strategies;
  for (const auto& p : fold.probes) CHECK(strategies.insert(fold.outcome.trials[p.trial].strategy).second);
  for (const auto& l : fold.leaders) {
    const auto it = std::find_if(fold.probes.begin(), fold.probes.end(), [&](const auto& p) { return p.trial == l.trial; });
    REQUIRE(it != fold.probes.end());
    REQUIRE(l.test);
    CHECK(it->test.sharpe == l.test->metrics.sharpe);
  }
}

TEST_CASE("optimize: out_of_sample caps the strategies measured out of sample; two threads measure the same") {
  std::string two = kSpace;
  two.replace(two.find("threads = 1"), 11, "threads = 2");
  mosaic_test::AppFixture one(kSpace), both(two);
  app::Observer quiet;
  auto s1 = app::open_session(one.spec());
  auto s2 = app::open_session(both.spec());
  const auto r1 = app::optimize(*s1, app::plan_optimize(*s1, {}), quiet);
  const auto r2 = app::optimize(*s2, app::plan_optimize(*s2, {}), quiet);
  const auto& p1 = r1.folds.at(0).probes;
  const auto& p2 = r2.folds.at(0).probes;
  REQUIRE(p1.size() == p2.size());
  for (size_t k = 0; k < p1.size(); ++k) {
    CHECK(p1[k].trial == p2[k].trial);
    CHECK(p1[k].test.sharpe == p2[k].test.sharpe);
    CHECK(p1[k].test.total_return == p2[k].test.total_return);
  }

  // The observer hears how far the measurement is, ending at every strategy measured.
  struct Measuring : app::Observer {
    std::vector<std::pair<size_t, size_t>> calls;
    void measuring_out_of_sample(size_t done, size_t total, double) override { calls.push_back({done, total}); }
  } watcher;
  const auto r3 = app::optimize(*s2, app::plan_optimize(*s2, {}), watcher);
  REQUIRE(!watcher.calls.empty());
  CHECK(watcher.calls.back().first == r3.folds.at(0).probes.size());
  CHECK(watcher.calls.back().second == r3.folds.at(0).probes.size());
  for (size_t k = 1; k < watcher.calls.size(); ++k) CHECK(watcher.calls[k - 1].first <= watcher.calls[k].first);

  // out_of_sample = 0: the leaders only, still measured.
  std::string none = kSpace;
  none.insert(none.find("switches"), "out_of_sample = 0\n");
  mosaic_test::AppFixture z(none);
  auto s0 = app::open_session(z.spec());
  const auto r0 = app::optimize(*s0, app::plan_optimize(*s0, {}), quiet);
  const auto& fold = r0.folds.at(0);
  CHECK(fold.probes.size() == fold.leaders.size());
  CHECK(fold.probes.size() < fold.outcome.strategies);
}

TEST_CASE("optimize: with both modules isolated, the search finds exactly what it finds in-process") {
  mosaic_test::AppFixture inside(mosaic_test::lookback_space(2));
  mosaic_test::AppFixture outside(mosaic_test::lookback_space(2) +
                                  "[modules.technical]\nisolate = true\n[modules.toy_weights]\nisolate = true\n");
  auto a = app::open_session(inside.spec());
  auto b = app::open_session(outside.spec());
  Recorder quiet_a, quiet_b;
  const app::OptimizeResult ra = app::optimize(*a, app::plan_optimize(*a, {}), quiet_a);
  const app::OptimizeResult rb = app::optimize(*b, app::plan_optimize(*b, {}), quiet_b);
  REQUIRE(ra.folds.size() == 1);
  REQUIRE(rb.folds.size() == 1);
  const auto& fa = ra.folds[0];
  const auto& fb = rb.folds[0];
  REQUIRE(fb.outcome.trials.size() == 40);
  for (size_t i = 0; i < 40; ++i) {
    CAPTURE(i);
    CHECK(fb.outcome.trials[i].key == fa.outcome.trials[i].key);
    CHECK(fb.outcome.trials[i].values == fa.outcome.trials[i].values);
  }
  REQUIRE(fb.has_winner());
  CHECK(fb.winner_equity == fa.winner_equity);
}
