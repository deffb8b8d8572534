#include "host/report/equity_stats.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace mosaic::host::report;

TEST_CASE("report: monthly returns run from each month's last bar to the next") {
  const std::vector<std::string> dates = {"2024-01-30", "2024-01-31", "2024-02-01", "2024-02-29", "2024-03-01"};
  const std::vector<double> equity = {1.0, 1.1, 1.2, 0.99, 1.089};
  const auto m = monthly_returns(dates, equity);
  REQUIRE(m.size() == 3);
  CHECK(m[0].year == 2024);
  CHECK(m[0].month == 1);
  CHECK(m[0].value == doctest::Approx(0.1));   // from the first bar's 1.0
  CHECK(m[1].month == 2);
  CHECK(m[1].value == doctest::Approx(-0.1));  // 0.99 / 1.1 - 1
  CHECK(m[2].month == 3);
  CHECK(m[2].value == doctest::Approx(0.1));   // 1.089 / 0.99 - 1
}

TEST_CASE("report: a month without a finite equity at both ends is left out") {
  const auto m = monthly_returns({"2024-01-31", "2024-02-29", "2024-03-29"}, {1.0, NAN, 1.2});
  REQUIRE(m.size() == 1);
  CHECK(m[0].month == 1);  // Feb ends on NaN, Mar starts from it
}

TEST_CASE("report: the rolling Sharpe ratio is the window's mean excess return over its sample sd") {
  // Returns 0.1, -0.05, 0.02, 0.1 after the first bar; window 3 at bars 3 and 4.
  const std::vector<double> equity = {1.0, 1.1, 1.045, 1.0659, 1.17249};
  const auto s = rolling_sharpe(equity, 3, 4, 0.0);
  REQUIRE(s.size() == 5);
  for (size_t t = 0; t < 3; ++t) CHECK(std::isnan(s[t]));
  auto sharpe = [](double a, double b, double c) {
    const double mean = (a + b + c) / 3;
    const double sd = std::sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean) + (c - mean) * (c - mean)) / 2);
    return mean / sd * 2;  // sqrt(4 periods a year)
  };
  CHECK(s[3] == doctest::Approx(sharpe(0.1, -0.05, 0.02)));
  CHECK(s[4] == doctest::Approx(sharpe(-0.05, 0.02, 0.1)));
  CHECK(std::isnan(rolling_sharpe({1, 1, 1, 1}, 3, 252, 0)[3]));  // zero sd
}
