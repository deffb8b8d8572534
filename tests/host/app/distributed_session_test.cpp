// What the ranks of a distributed optimization exchange, without MPI: the session as bytes
// and opened again elsewhere, the plugin identities and their comparison, the messages'
// round trips, and a worker's evaluation of points, equal to the search's own.
#include "app_fixture.hpp"

#include "host/app/distributed_session.hpp"
#include "host/app/error.hpp"
#include "host/app/optimize_worker.hpp"
#include "host/app/rank_messages.hpp"
#include "host/research/candidate_point.hpp"
#include "host/research/grid.hpp"
#include "host/research/trial_store.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace mosaic::host;

TEST_CASE("distributed session: rank 0's session opens again from its bytes, with the same plugins") {
  mosaic_test::AppFixture f(mosaic_test::lookback_space(1));
  auto s = app::open_session(f.spec());
  const app::SessionBytes bytes = app::decode_session(app::encode_session(app::session_bytes(*s)));
  CHECK(bytes.config_text == s->config.text);
  CHECK(bytes.prices_name == "msft_2000_2001.csv");
  mosaic_test::TempDir scratch("rank");
  auto copy = app::open_session_from(bytes, scratch.path());
  CHECK(copy->data.bars() == s->data.bars());
  CHECK(copy->data.tickers == s->data.tickers);
  CHECK(copy->config.prices.parent_path() == scratch.path() / "data");
  const auto ids = app::plugin_identities(*s);
  REQUIRE(ids.size() == 2);
  CHECK(app::plugin_identities(*copy) == ids);
  CHECK(app::decode_identities(app::encode_identities(ids)) == ids);
  CHECK(app::compare_plugins(ids, "on rank 1", ids, "on rank 0").empty());
  auto other = ids;
  other[1].sha256 = "0000";
  CHECK(app::compare_plugins(other, "on rank 1", ids, "on rank 0") ==
        ids[1].name + ": sha256 0000 on rank 1, " + ids[1].sha256 + " on rank 0");
  other.pop_back();
  CHECK(app::compare_plugins(other, "on rank 1", ids, "on rank 0") == ids[1].name + ": loaded on rank 0, not on rank 1");
}

TEST_CASE("rank messages: points and results go to bytes and back unchanged, and a cut message is refused") {
  const std::vector<std::vector<double>> points = {{1, 2.5, -3}, {}, {1e300}};
  CHECK(app::decode_points(app::encode_points(points)) == points);
  research::RecordedTrial a{true, "", {}, 42, {{10, 11}, {0.5, -0.25}, {1, 2}}};
  a.metrics.sharpe = 1.25;
  a.metrics.calmar = std::nan("");
  a.metrics.periods = 99;
  research::RecordedTrial b{false, "portfolio: failed", {}, 0, {}};
  const auto back = app::decode_results(app::encode_results({a, b}));
  REQUIRE(back.size() == 2);
  CHECK(back[0].ok);
  CHECK(back[0].metrics.sharpe == 1.25);
  CHECK(std::isnan(back[0].metrics.calmar));
  CHECK(back[0].metrics.periods == 99);
  CHECK(back[0].returns_hash == 42);
  CHECK(back[0].moments.sum == a.moments.sum);
  CHECK_FALSE(back[1].ok);
  CHECK(back[1].error == "portfolio: failed");
  std::vector<std::vector<double>> island_points;
  std::vector<uint64_t> orders;
  std::vector<research::RecordedTrial> island_results;
  app::decode_island_trials(app::encode_island_trials({{1, 2}, {3, 4}}, {7, uint64_t{1} << 41}, {a, b}), island_points,
                            orders, island_results);
  CHECK(island_points == std::vector<std::vector<double>>{{1, 2}, {3, 4}});
  CHECK(orders == std::vector<uint64_t>{7, uint64_t{1} << 41});
  REQUIRE(island_results.size() == 2);
  CHECK(island_results[1].error == "portfolio: failed");
  CHECK_THROWS_AS(app::decode_island_trials(app::encode_island_trials({{1}}, {1, 2}, {a}), island_points, orders,
                                            island_results),
                  std::runtime_error);
  const std::string bytes = app::encode_results({a});
  CHECK_THROWS_AS(app::decode_results(std::string_view(bytes).substr(0, bytes.size() - 1)), std::runtime_error);
  CHECK_THROWS_AS(app::decode_points("\xff\xff\xff\xff\xff\xff\xff\x7f"), std::runtime_error);
}

TEST_CASE("optimize worker: a point evaluated by a worker is what the search records for it") {
  mosaic_test::AppFixture f(mosaic_test::lookback_space(1));
  auto s = app::open_session(f.spec());
  const app::OptimizePlan plan = app::plan_optimize(*s, {});
  const research::Grid grid(plan.space, 100);
  std::vector<std::vector<double>> points;
  std::vector<research::Candidate> candidates;
  for (uint64_t i = 0; i < 5; ++i) {
    candidates.push_back(grid.at(i * 7));
    points.push_back(research::point_of(plan.space, candidates.back()));
  }
  app::OptimizeWorker worker(*s, plan);
  const auto results = worker.evaluate(0, points);
  REQUIRE(results.size() == 5);
  research::PipelineRecipe recipe = plan.recipe;
  research::ConfigEvaluator evaluator(recipe, nullptr);
  const research::Fold& fold = plan.folds[0];
  const research::EvalData train = research::make_eval_data(s->data, nullptr, s->config.backtest, fold.train_end);
  for (size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    const research::RecordedTrial own = research::record_evaluation(evaluator, train, candidates[i], plan.settings.pbo_blocks);
    CHECK(results[i].ok == own.ok);
    CHECK(results[i].metrics.sharpe == own.metrics.sharpe);
    CHECK(results[i].returns_hash == own.returns_hash);
    CHECK(results[i].moments.sum == own.moments.sum);
  }
  CHECK_THROWS_AS(worker.evaluate(3, points), app::Error);
  CHECK_THROWS_AS(worker.evaluate(0, {{1e9}}), app::Error);
}
