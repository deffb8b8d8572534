#include "host/journal/search_journal.hpp"

#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

using namespace mosaic::host;
using namespace mosaic::host::journal;
using namespace mosaic::host::research;
using mosaic_test::TempDir;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

Dimension dimension(Dimension::Kind kind, const std::string& module, const std::string& param) {
  Dimension d;
  d.kind = kind;
  d.module = module;
  d.param = param;
  return d;
}

std::vector<Dimension> dimensions() {
  Dimension fast = dimension(Dimension::Kind::Int, "m", "fast");
  fast.min = 1;
  fast.max = 50;
  fast.step = 1;
  Dimension k = dimension(Dimension::Kind::Float, "m", "k");
  k.max = 1;
  Dimension kind = dimension(Dimension::Kind::Enum, "m", "kind");
  kind.choices = {"a", "b"};
  // A switch of a module named like a metric: its column must not take the metric's.
  return {fast, k, kind, dimension(Dimension::Kind::Switch, "sharpe", "")};
}

Trial trial(int64_t fast, double k, const std::string& kind, bool on, uint64_t order) {
  Trial t;
  t.candidate.params["m"] = {BoundParam{"fast", ParamValue::of_int(fast)}, BoundParam{"k", ParamValue::of_float(k)},
                             BoundParam{"kind", ParamValue::of_string(kind, MOSAIC_PARAM_ENUM)}};
  t.candidate.enabled["m"] = true;
  t.candidate.enabled["sharpe"] = on;
  t.key = t.candidate.key();
  t.order = order;
  t.eval.ok = true;
  t.eval.metrics.total_return = 0.1 + 1e-17 * static_cast<double>(order);
  t.eval.metrics.sharpe = 1.0 / 3.0;
  t.eval.metrics.calmar = kNaN;  // undefined figures come back undefined
  t.eval.metrics.sortino = kInf;
  t.eval.metrics.max_drawdown = -0.25;
  t.eval.metrics.periods = 251;
  t.eval.metrics.sharpe_per_period = 0.0123456789012345678;
  t.returns_hash = 0xfedcba9876543210ULL;  // above INT64_MAX: stored through its bits
  t.moments.rows = {3, 3, 2};
  t.moments.sum = {0.01, -0.02, kNaN};
  t.moments.sumsq = {1e-4, 4e-4, kInf};
  return t;
}

JournalInputs inputs() {
  return {"c0ffee", {{"/data/prices.csv", "da7a"}}, {{"technical.so", "7ec4"}, {"risk.so", "215c"}}};
}

int64_t count_rows(const std::filesystem::path& file) {
  Database reader(file, Database::Mode::ReadOnly);
  auto q = reader.prepare("SELECT count(*) FROM trial");
  REQUIRE(q.step());
  return q.integer(0);
}

}  // namespace

TEST_CASE("a journal gives back every recorded trial bit for bit, by fold and key") {
  TempDir dir("journal");
  const auto file = dir / "journal.sqlite";
  const Trial a = trial(10, 0.5, "a", true, 0);
  Trial failed = trial(11, 0.25, "b", false, 1);
  failed.eval.ok = false;
  failed.eval.error = "m: run failed: segfault";
  failed.moments = {};
  {
    auto j = SearchJournal::create(file, inputs(), {{"--method", "random", "--budget", "100"}, "/home/q"}, dimensions());
    j->record(0, a);
    j->record(0, failed);
    j->record(1, trial(12, 0.75, "a", true, 0));
    Trial replayed = trial(13, 0.1, "a", true, 5);
    replayed.replayed = true;  // already in the journal it came from: not written twice
    j->record(0, replayed);
    j->flush();
  }
  auto j = SearchJournal::reopen(file, dimensions());
  const RecordedTrials fold0 = j->recorded(0);
  REQUIRE(fold0.size() == 2);
  CHECK(j->recorded(1).size() == 1);
  CHECK(j->recorded(2).empty());

  const RecordedTrial& r = fold0.at(a.key);
  CHECK(r.ok);
  CHECK(r.error.empty());
  CHECK(r.returns_hash == a.returns_hash);
  for (const auto& field : Metrics::fields()) {
    INFO(field.first);
    const double want = a.eval.metrics.*field.second, got = r.metrics.*field.second;
    if (std::isnan(want)) CHECK(std::isnan(got));
    else CHECK(got == want);
  }
  CHECK(r.metrics.periods == 251);
  CHECK(r.metrics.sharpe_per_period == a.eval.metrics.sharpe_per_period);
  CHECK(r.moments.rows == a.moments.rows);
  CHECK(r.moments.sum[1] == a.moments.sum[1]);
  CHECK(std::isnan(r.moments.sum[2]));
  CHECK(r.moments.sumsq == a.moments.sumsq);

  const RecordedTrial& f = fold0.at(failed.key);
  CHECK_FALSE(f.ok);
  CHECK(f.error == "m: run failed: segfault");
  CHECK(f.moments.empty());
}

TEST_CASE("a journal's header says how the search was started and what it ran on") {
  TempDir dir("journal");
  const auto file = dir / "journal.sqlite";
  auto j = SearchJournal::create(file, inputs(), {{"--config", "my.toml", "--budget", "1h"}, "/home/q"}, dimensions());
  j->record(0, trial(1, 0.5, "a", true, 0));
  j->set_state("interrupted");
  const JournalHeader h = read_journal_header(file);  // while the search holds it open
  CHECK(h.command.args == std::vector<std::string>{"--config", "my.toml", "--budget", "1h"});
  CHECK(h.command.cwd == "/home/q");
  CHECK(h.state == "interrupted");
  CHECK(h.trials == 1);
  CHECK(h.inputs.config == "c0ffee");
  CHECK(h.inputs.data == inputs().data);
  CHECK(h.inputs.plugins == inputs().plugins);
}

TEST_CASE("a journal is a table pandas and sqlite3 read: a column per dimension and per metric") {
  TempDir dir("journal");
  const auto file = dir / "journal.sqlite";
  auto j = SearchJournal::create(file, inputs(), {{}, "/"}, dimensions());
  j->record(0, trial(42, 0.125, "b", false, 7));
  j->flush();
  Database reader(file, Database::Mode::ReadOnly);
  auto q = reader.prepare(
      "SELECT \"m.fast\", \"m.k\", \"m.kind\", \"param:sharpe\", sharpe, calmar, trial_order, fold FROM trial");
  REQUIRE(q.step());
  CHECK(q.integer(0) == 42);
  CHECK(q.real(1) == 0.125);
  CHECK(q.text(2) == "b");
  CHECK(q.integer(3) == 0);
  CHECK(q.real(4) == 1.0 / 3.0);
  CHECK(q.is_null(5));  // NaN is stored as NULL, which pandas reads as NaN
  CHECK(q.integer(6) == 7);
  CHECK(q.integer(7) == 0);
  auto mode = reader.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
}

TEST_CASE("a journal commits on its own within a second, while another process may read it") {
  TempDir dir("journal");
  const auto file = dir / "journal.sqlite";
  auto j = SearchJournal::create(file, inputs(), {{}, "/"}, dimensions());
  for (int i = 0; i < 100; ++i) j->record(0, trial(i, 0.5, "a", true, static_cast<uint64_t>(i)));
  // No flush: the writer thread commits every 250 ms. Waited for with a generous deadline,
  // since a shared machine may stall a thread; what must hold is that it gets there alone.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (count_rows(file) < 100 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(count_rows(file) == 100);
}

TEST_CASE("a journal is made only where none is, and only a journal is reopened") {
  TempDir dir("journal");
  const auto file = dir / "journal.sqlite";
  SearchJournal::create(file, inputs(), {{}, "/"}, dimensions());
  CHECK_THROWS_WITH_AS(SearchJournal::create(file, inputs(), {{}, "/"}, dimensions()),
                       doctest::Contains("already exists"), SqliteError);

  const auto junk = dir.write("junk.sqlite", std::string(4096, '\x7f'));
  CHECK_THROWS_WITH_AS(read_journal_header(junk), doctest::Contains("junk.sqlite"), SqliteError);
  CHECK_THROWS_AS(SearchJournal::reopen(junk, dimensions()), SqliteError);

  const auto other = dir / "other.sqlite";
  Database(other, Database::Mode::Create).exec("CREATE TABLE t (x)");
  CHECK_THROWS_WITH_AS(read_journal_header(other), doctest::Contains("not a Mosaic search journal"), SqliteError);
  CHECK_THROWS_WITH_AS(read_journal_header(dir / "missing.sqlite"), doctest::Contains("no such file"), SqliteError);
}

TEST_CASE("a journal that cannot be written says so at every flush after") {
  TempDir dir("journal");
  const auto file = dir / "journal.sqlite";
  auto j = SearchJournal::create(file, inputs(), {{}, "/"}, dimensions());
  {
    // Whatever the writer thread meets first (here, a table gone), the search hears of it.
    Database other(file, Database::Mode::ReadWrite);
    other.exec("DROP TABLE trial");
  }
  j->record(0, trial(1, 0.5, "a", true, 0));
  CHECK_THROWS_WITH_AS(j->flush(), doctest::Contains("journal.sqlite"), SqliteError);
  CHECK_THROWS_AS(j->flush(), SqliteError);  // and keeps saying so
}

TEST_CASE("a journal being written is not opened by a second search; a closed one is") {
  TempDir dir("journal");
  const auto file = dir / "journal.sqlite";
  {
    auto first = SearchJournal::create(file, inputs(), {{}, "/"}, dimensions());
    CHECK_THROWS_WITH_AS(SearchJournal::reopen(file, dimensions()), doctest::Contains("another search is writing"),
                         SqliteError);
    CHECK(read_journal_header(file).state == "running");  // reading it is always allowed
  }
  CHECK_NOTHROW(SearchJournal::reopen(file, dimensions()));
}

TEST_CASE("a journal's finish commits what is queued and then the state on its own thread; wait returns once both are in") {
  TempDir dir("journal");
  const auto file = dir / "journal.sqlite";
  auto j = SearchJournal::create(file, inputs(), {{}, "/"}, dimensions());
  for (uint64_t k = 0; k < 500; ++k) j->record(0, trial(1 + static_cast<int64_t>(k % 50), 0.5, "a", true, k));
  j->finish("finished");
  j->wait();
  j->wait();  // again: nothing more to wait for
  const JournalHeader h = read_journal_header(file);
  CHECK(h.state == "finished");
  CHECK(h.trials == 500);
}
