// A run through host/app: the pipeline once on the whole data, then its weights backtested
// by the one route research::backtest_weights.
#include "app_fixture.hpp"

#include "host/app/run.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/weights_port.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;

TEST_CASE("run_backtest: the run's weights backtested, its metrics measured") {
  mosaic_test::AppFixture f;
  auto s = app::open_session(f.spec());
  const app::RunOutcome run = app::run_backtest(*s);
  CHECK_FALSE(run.result.degraded());
  REQUIRE(run.backtest);
  CHECK(run.backtest->weights_port == "weights.target");
  CHECK(run.backtest->result.equity.size() == s->data.bars());
  CHECK(run.backtest->metrics.periods == s->data.bars() - 1);
  // The same route from the same run gives the same figures, bit for bit.
  const auto again = research::backtest_weights(s->data, run.result, s->config.backtest);
  REQUIRE(again);
  CHECK(again->metrics.sharpe == run.backtest->metrics.sharpe);
  CHECK(again->result.equity == run.backtest->result.equity);
}

TEST_CASE("run_backtest: [backtest] delay, fill and slippage reach the backtest") {
  mosaic_test::AppFixture f("[backtest]\ncost_bps = 2\nslippage_bps = 3\ndelay = 2\nfill = \"next_open\"\n");
  auto s = app::open_session(f.spec());
  const app::RunOutcome run = app::run_backtest(*s);
  REQUIRE(run.backtest);
  const auto weights = run_weights(run.result.ports, s->data.bars(), s->data.assets());
  REQUIRE(weights);
  BacktestSettings settings;
  settings.cost_bps = 5;
  settings.delay = 2;
  settings.fill = Fill::NextOpen;
  const BacktestResult direct = run_backtest({s->data.bars(), s->data.assets(), s->data.fields.at("close"),
                                              weights->values, s->data.fields.at("open")},
                                             settings);
  CHECK(direct.returns == run.backtest->result.returns);
  BacktestSettings at_close = settings;
  at_close.fill = Fill::Close;
  const BacktestResult other = run_backtest(
      {s->data.bars(), s->data.assets(), s->data.fields.at("close"), weights->values, {}}, at_close);
  CHECK(other.returns != run.backtest->result.returns);
}

TEST_CASE("check_health: every module healthy after a clean run") {
  mosaic_test::AppFixture f;
  auto s = app::open_session(f.spec());
  const app::HealthOutcome h = app::check_health(*s);
  CHECK(h.overall == ModuleState::Healthy);
  CHECK(h.result.modules.size() == 2);
}
