// The decayed average per asset and bar, and the at-or-after-timestamp rule.
#include <doctest/doctest.h>

#include "decay.hpp"

#include <cmath>
#include <span>
#include <stdexcept>
#include <vector>

using namespace mosaic::sentiment;

namespace {

// assets x bars output filled by decayed_average; returns the coverage.
struct Panel {
  std::vector<std::vector<double>> values;
  double coverage = 0;
  Panel(size_t assets, size_t bars, std::vector<NewsEvent> events, DecayOptions options)
      : values(assets, std::vector<double>(bars, -99.0)) {
    std::vector<std::span<double>> columns(values.begin(), values.end());
    coverage = decayed_average(events, columns, options);
  }
};

}  // namespace

TEST_CASE("decay: an item counts from the first bar at or after its timestamp") {
  const std::vector<int64_t> calendar{100, 200, 300};
  CHECK(first_bar_at_or_after(calendar, 50) == 0);   // before the first bar: counts at bar 0
  CHECK(first_bar_at_or_after(calendar, 100) == 0);  // exactly on a bar: that bar
  CHECK(first_bar_at_or_after(calendar, 101) == 1);  // during a bar: the next one
  CHECK(first_bar_at_or_after(calendar, 300) == 2);
  CHECK(first_bar_at_or_after(calendar, 301) == 3);  // after the last bar: none
  CHECK(first_bar_at_or_after(std::vector<int64_t>{}, 1) == 0);
}

TEST_CASE("decay: a lone item fades with the half-life, 0 before it") {
  // Half-life 2 bars: lambda = 0.5^(1/2) = 0.70710678; an item of -0.6 at bar 1 gives
  // 0, -0.6, -0.6 * 0.7071 = -0.42426, -0.6 * 0.5 = -0.3, -0.6 * 0.35355 = -0.21213.
  const Panel p(1, 5, {{0, 1, -0.6}}, {2.0, true});
  const double l = std::sqrt(0.5);
  const std::vector<double> expected{0.0, -0.6, -0.6 * l, -0.3, -0.6 * l * l * l};
  for (size_t t = 0; t < 5; ++t) CHECK(p.values[0][t] == doctest::Approx(expected[t]).epsilon(1e-12));
  CHECK(p.coverage == 1.0);
}

TEST_CASE("decay: items on the same bar are averaged, older ones weigh less") {
  // Half-life 1 (lambda 0.5). Bar 0: +1 and -0.5 -> S = 0.5, W = 2 -> 0.25.
  // Bar 1: S = 0.25 + 0.8 = 1.05, W = 1 + 1 = 2 -> 0.525.
  // Bar 2: S = 0.525, W = 1 -> 0.525.  Bar 3: S = 0.2625, W = 0.5 -> fade: 0.2625 / 1;
  // plain mean: 0.2625 / 0.5 = 0.525.
  const std::vector<NewsEvent> events{{0, 1, 0.8}, {0, 0, 1.0}, {0, 0, -0.5}};
  const Panel fade(1, 4, events, {1.0, true});
  const Panel mean(1, 4, events, {1.0, false});
  const double faded[] = {0.25, 0.525, 0.525, 0.2625};
  const double held[] = {0.25, 0.525, 0.525, 0.525};
  for (size_t t = 0; t < 4; ++t) {
    CHECK(fade.values[0][t] == doctest::Approx(faded[t]).epsilon(1e-12));
    CHECK(mean.values[0][t] == doctest::Approx(held[t]).epsilon(1e-12));
  }
}

TEST_CASE("decay: assets without news get 0 and lower the coverage") {
  const Panel p(4, 3, {{2, 0, 0.5}, {0, 2, -1.0}}, {5.0, true});
  CHECK(p.values[1] == std::vector<double>{0, 0, 0});
  CHECK(p.values[3] == std::vector<double>{0, 0, 0});
  CHECK(p.values[0] == std::vector<double>{0, 0, -1.0});
  CHECK(p.values[2][0] == 0.5);
  CHECK(p.coverage == 0.5);
  CHECK(Panel(0, 3, {}, {5.0, true}).coverage == 0.0);
  CHECK(Panel(3, 3, {}, {5.0, true}).coverage == 0.0);
}

TEST_CASE("decay: results stay in [-1, 1]; a weight decayed to nothing gives the limit") {
  std::vector<NewsEvent> events;
  for (size_t t = 0; t < 50; ++t) events.push_back({0, t, t % 3 == 0 ? 1.0 : -1.0});
  const Panel p(1, 2000, events, {0.5, true});
  for (double v : p.values[0]) {
    CHECK(v >= -1.0);
    CHECK(v <= 1.0);
  }
  CHECK(p.values[0].back() == 0.0);  // 0.25^1950 underflows: faded to 0
  // The plain mean holds its level, though every weight fell below 1e-300 long ago.
  const Panel held(1, 2000, {{0, 0, 0.7}, {0, 1, 0.1}}, {0.5, false});
  const double level = (0.7 * 0.25 + 0.1) / (0.25 + 1.0);
  for (size_t t = 1; t < 2000; t += 111) CHECK(held.values[0][t] == doctest::Approx(level).epsilon(1e-12));
  CHECK(held.values[0].back() == doctest::Approx(level).epsilon(1e-12));
}

TEST_CASE("decay: events outside the panel are refused") {
  std::vector<double> column(3);
  std::vector<std::span<double>> columns{column};
  std::vector<NewsEvent> late{{0, 3, 0.1}};
  CHECK_THROWS_AS(decayed_average(late, columns, {}), std::invalid_argument);
  std::vector<NewsEvent> stranger{{1, 0, 0.1}};
  CHECK_THROWS_AS(decayed_average(stranger, columns, {}), std::invalid_argument);
  std::vector<NewsEvent> none;
  CHECK_THROWS_AS(decayed_average(none, columns, {0.0, true}), std::invalid_argument);
}
