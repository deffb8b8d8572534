// Historical VaR and CVaR at 95%.
#include "fixtures.hpp"
#include "tail_risk.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <vector>

using namespace mosaic::risk;

TEST_CASE("tail count: k = ceil(0.95 L), the tail holds L - k + 1 returns") {
  CHECK(tail_count(20) == 2);    // k = 19
  CHECK(tail_count(21) == 2);    // k = ceil(19.95) = 20
  CHECK(tail_count(100) == 6);   // k = 95
  CHECK(tail_count(250) == 13);  // k = ceil(237.5) = 238
  CHECK(tail_count(1) == 1);
}

TEST_CASE("VaR and CVaR on a hand series") {
  // 20 returns: 0.01 .. 0.17, then -0.02, -0.04, -0.01 (shuffled in). Sorted losses, worst
  // first: 0.04, 0.02, 0.01, ... The tail is the 2 worst: VaR = 0.02, CVaR = 0.03.
  std::vector<double> r;
  for (int i = 1; i <= 17; ++i) r.push_back(0.01 * i);
  r.insert(r.begin() + 3, -0.02);
  r.insert(r.begin() + 9, -0.04);
  r.insert(r.begin() + 15, -0.01);
  REQUIRE(r.size() == 20);
  const TailRisk tr = historical_tail_risk(r);
  CHECK(tr.var == doctest::Approx(0.02));
  CHECK(tr.cvar == doctest::Approx(0.03));
  // 25 returns: k = ceil(23.75) = 24, tail of 2 again; add a worse loss and it moves in.
  r.insert(r.end(), {0.0, 0.0, 0.0, 0.0, -0.1});
  const TailRisk tr2 = historical_tail_risk(r);
  CHECK(tr2.var == doctest::Approx(0.04));
  CHECK(tr2.cvar == doctest::Approx(0.07));
  // All gains: the VaR is the negative of the smallest gain.
  const std::vector<double> gains(20, 0.01);
  CHECK(historical_tail_risk(gains).var == doctest::Approx(-0.01));
  CHECK(historical_tail_risk(gains).cvar == doctest::Approx(-0.01));
}

TEST_CASE("sorted window: the same figures as sorting the last L returns, with ties") {
  risk_test::Lcg rng(9);
  SortedWindow w;
  w.reset(40);
  std::deque<double> last;
  for (int t = 0; t < 500; ++t) {
    // Rounded to 1e-3 so that equal values occur and leave the window.
    const double r = std::round(rng.normal() * 10.0) / 1000.0;
    w.push(r);
    last.push_back(r);
    if (last.size() > 40) last.pop_front();
    CHECK(w.count() == last.size());
    const std::vector<double> v(last.begin(), last.end());
    const TailRisk direct = historical_tail_risk(v), rolling = w.tail_risk();
    CHECK(rolling.var == direct.var);
    CHECK(rolling.cvar == doctest::Approx(direct.cvar).epsilon(1e-14));
    CHECK(rolling.cvar >= rolling.var);
  }
}
