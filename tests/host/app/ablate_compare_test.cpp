// Ablation and A/B comparison through host/app, on one stock's daily bars.
#include "app_fixture.hpp"

#include "host/app/ablate.hpp"
#include "host/app/compare.hpp"
#include "host/app/error.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;

TEST_CASE("ablate: technical is optional to toy_weights, judged with and without") {
  mosaic_test::AppFixture f;
  auto s = app::open_session(f.spec());
  const app::AblationResult r = app::ablate(*s, {7});
  CHECK(r.plan.optional == std::vector<std::string>{"technical"});
  CHECK(r.plan.required == std::vector<std::string>{"toy_weights"});
  // full, without technical, technical + required, required only
  REQUIRE(r.runs.size() == 4);
  CHECK(r.runs[0].kind == research::VariantKind::Full);
  CHECK(r.runs[1].label == "without technical");
  REQUIRE(r.assessments.size() == 4);
  CHECK(r.assessments[0].run == &r.runs[0]);
  // toy_weights reads only closes: without technical the book is the same, so the change
  // is exactly zero and the verdict says so.
  const auto& without = r.assessments[1];
  REQUIRE_FALSE(without.vs_full.empty());
  CHECK(research::find_delta(without.vs_full, "sharpe").delta == 0.0);
  CHECK(without.effect == research::Effect::NoSignificantEffect);
  CHECK(r.bootstrap.seed == 7);
  CHECK(r.bootstrap.resamples == research::kDefaultResamples);
  // The pipeline's switches are back as the config set them.
  CHECK(s->pipeline->setup("technical").enabled);
}

TEST_CASE("compare: two configs on their common bars, B's Sharpe minus A's") {
  mosaic_test::AppFixture a;
  mosaic_test::AppFixture b("[modules.toy_weights.params]\nlookback = 60\n");
  app::CompareSpec spec{a.spec(), b.spec(), 3};
  const app::ComparisonResult c = app::compare(spec);
  CHECK(c.test.same_calendar);
  CHECK(c.test.common.a.size() == 249);
  CHECK(c.test.sharpe.periods == 248);
  CHECK(c.test.bootstrap.seed == 3);
  CHECK(c.test.sharpe.difference == doctest::Approx(c.test.sharpe.sharpe_b - c.test.sharpe.sharpe_a));
  CHECK(c.a.path == a.config.string());
  CHECK(c.test.metrics_a.sharpe == doctest::Approx(c.a.backtest.metrics.sharpe));
}

TEST_CASE("compare: data with no bar in common is a data error") {
  mosaic_test::AppFixture a;
  mosaic_test::TempDir d("other");
  const auto other = d.write("p.csv", "date,ticker,close\n1990-01-02,A,10\n1990-01-03,A,11\n1990-01-04,A,12\n");
  mosaic_test::AppFixture b;
  app::SessionSpec sb = b.spec();
  sb.data = other;
  try {
    app::compare({a.spec(), sb, 1});
    FAIL("expected a data error");
  } catch (const app::Error& e) {
    CHECK(e.kind == app::ErrorKind::Data);
    CHECK(std::string(e.what()).find("no bars in common") != std::string::npos);
  }
}
