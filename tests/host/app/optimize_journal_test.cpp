// An optimization's journal through host/app: a search stopped part way and resumed from its
// journal ends as the uninterrupted search, and a journal is resumed only on the config,
// data and plugins it was written for.
#include "app_fixture.hpp"
#include "support/slurp.hpp"

#include "host/app/error.hpp"
#include "host/app/optimize.hpp"
#include "host/journal/sqlite.hpp"

#include <doctest/doctest.h>

#include <atomic>

using namespace mosaic::host;

namespace {

const std::string kSpace = mosaic_test::lookback_space(2);

// Asks to stop after `stop_after` trials it was told of (0: never); counts the evaluated ones.
struct Stopper : app::Observer {
  explicit Stopper(size_t stop_after = 0) : stop_after(stop_after) {}
  void trial_done(const app::Trial& t) override {
    evaluated += !t.replayed;
    if (stop_after && ++told >= stop_after) request_stop();
  }
  size_t stop_after;
  std::atomic<size_t> told{0}, evaluated{0};
};

app::OptimizeResult search(const mosaic_test::AppFixture& f, const app::OptimizeSpec& spec, app::Observer& observer,
                           const app::JournalSpec* journal) {
  auto s = app::open_session(f.spec());
  return app::optimize(*s, app::plan_optimize(*s, spec), observer, journal);
}

void check_same_result(const app::OptimizeResult& a, const app::OptimizeResult& b) {
  CHECK(a.interrupted == b.interrupted);
  REQUIRE(a.folds.size() == b.folds.size());
  for (size_t i = 0; i < a.folds.size(); ++i) {
    INFO("fold " << i);
    const auto &x = a.folds[i], &y = b.folds[i];
    REQUIRE(x.outcome.trials.size() == y.outcome.trials.size());
    for (size_t k = 0; k < x.outcome.trials.size(); ++k) {
      CHECK(x.outcome.trials[k].key == y.outcome.trials[k].key);
      CHECK(x.outcome.trials[k].values == y.outcome.trials[k].values);
      CHECK(x.outcome.trials[k].strategy == y.outcome.trials[k].strategy);
    }
    REQUIRE(x.leaders.size() == y.leaders.size());
    for (size_t k = 0; k < x.leaders.size(); ++k) {
      CHECK(x.leaders[k].trial == y.leaders[k].trial);
      REQUIRE((x.leaders[k].test && y.leaders[k].test));
      CHECK(x.leaders[k].test->metrics.sharpe == y.leaders[k].test->metrics.sharpe);
    }
    REQUIRE((x.overfitting.pbo && y.overfitting.pbo));
    CHECK(x.overfitting.pbo->pbo == y.overfitting.pbo->pbo);
    REQUIRE((x.overfitting.dsr && y.overfitting.dsr));
    CHECK(x.overfitting.dsr->probability == y.overfitting.dsr->probability);
  }
  REQUIRE(a.stitched.has_value() == b.stitched.has_value());
  if (a.stitched) CHECK(a.stitched->backtest.equity == b.stitched->backtest.equity);
}

app::JournalSpec journal_in(const mosaic_test::AppFixture& f, bool resume) {
  return {f.dir / "run" / app::kJournalFileName, resume, {"--config", "c.toml"}, f.dir.path()};
}

// A journal written for one search, and a fixture to resume it from.
struct Stopped {
  mosaic_test::AppFixture f{kSpace};
  Stopped() {
    std::filesystem::create_directories(f.dir / "run");
    Stopper stop(10);
    const auto spec = journal_in(f, false);
    REQUIRE(search(f, {}, stop, &spec).interrupted);
  }
  void tamper(const std::string& sql) const {
    journal::Database(f.dir / "run" / app::kJournalFileName, journal::Database::Mode::ReadWrite).exec(sql);
  }
  app::Error resume_error() const {
    Stopper quiet;
    const auto spec = journal_in(f, true);
    try {
      search(f, {}, quiet, &spec);
    } catch (const app::Error& e) {
      return e;
    }
    FAIL("the resume was not refused");
    return app::Error(app::ErrorKind::Usage, "");
  }
};

}  // namespace

TEST_CASE("optimize: a search stopped part way and resumed from its journal ends as the uninterrupted one") {
  for (const int folds : {1, 2}) {
    INFO(folds << " fold(s)");
    mosaic_test::AppFixture f(kSpace);
    app::OptimizeSpec spec;
    if (folds > 1) spec.walk_forward = folds;
    Stopper whole_observer;
    const app::OptimizeResult whole = search(f, spec, whole_observer, nullptr);

    std::filesystem::create_directories(f.dir / "run");
    // Stopped in the last fold: 40 trials per fold.
    const size_t stop_after = folds == 1 ? 15 : 55;
    Stopper first(stop_after);
    const auto made = journal_in(f, false);
    const app::OptimizeResult cut = search(f, spec, first, &made);
    REQUIRE(cut.interrupted);
    REQUIRE(cut.journal);
    cut.journal->wait();  // its last commits are made while the caller goes on
    const app::ResumePoint point = app::read_resume_point(f.dir / "run");
    CHECK(point.state == "interrupted");
    CHECK(point.trials == first.evaluated.load());
    CHECK(point.args == std::vector<std::string>{"--config", "c.toml"});

    Stopper second;
    const auto resumed_spec = journal_in(f, true);
    const app::OptimizeResult resumed = search(f, spec, second, &resumed_spec);
    resumed.journal->wait();
    check_same_result(whole, resumed);
    // What the journal held was taken from it, not evaluated again.
    CHECK(first.evaluated.load() + second.evaluated.load() == whole_observer.evaluated.load());
    CHECK(app::read_resume_point(f.dir / "run").state == "finished");
    CHECK(app::read_resume_point(f.dir / "run").trials == whole_observer.evaluated.load());
  }
}

TEST_CASE("optimize: a journal is not resumed on another config, and the error gives both digests") {
  Stopped stopped;
  const std::string text = mosaic_test::slurp(stopped.f.config);
  stopped.f.dir.write("c.toml", text + "# edited\n");
  const app::Error e = stopped.resume_error();
  CHECK(e.kind == app::ErrorKind::Config);
  CHECK(std::string(e.what()).find("config differs") != std::string::npos);
  CHECK(e.file == stopped.f.config.string());
}

TEST_CASE("optimize: a journal is not resumed on other data, and the error names the file") {
  Stopped stopped;
  stopped.tamper("UPDATE input SET sha256 = '0123456789abcdef0000' WHERE kind = 'data'");
  const app::Error e = stopped.resume_error();
  CHECK(e.kind == app::ErrorKind::Data);
  const std::string what = e.what();
  CHECK(what.find("data differ") != std::string::npos);
  CHECK(what.find("msft_2000_2001.csv had sha256 0123456789abcdef, and has ") != std::string::npos);
}

TEST_CASE("optimize: a journal is not resumed on other plugins, and the error names the library") {
  Stopped stopped;
  stopped.tamper("UPDATE input SET sha256 = 'feed' WHERE kind = 'plugin' AND name = 'toy_weights.so'");
  app::Error e = stopped.resume_error();
  CHECK(e.kind == app::ErrorKind::Module);
  CHECK(std::string(e.what()).find("plugins differ: toy_weights.so had sha256 feed") != std::string::npos);

  stopped.tamper("UPDATE input SET name = 'gone.so' WHERE name = 'toy_weights.so'");
  e = stopped.resume_error();
  CHECK(e.kind == app::ErrorKind::Module);
  CHECK(std::string(e.what()).find("plugins differ: gone.so (sha256 feed) is not among them now") != std::string::npos);
}

TEST_CASE("optimize: --resume of a folder without a journal is a usage error naming it") {
  mosaic_test::TempDir dir("resume");
  try {
    app::read_resume_point(dir.path());
    FAIL("expected an error");
  } catch (const app::Error& e) {
    CHECK(e.kind == app::ErrorKind::Usage);
    CHECK(std::string(e.what()).find("journal.sqlite") != std::string::npos);
  }
}
