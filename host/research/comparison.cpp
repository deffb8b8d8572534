#include "host/research/comparison.hpp"

#include "host/research/moments.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::host::research {
namespace {

std::optional<double> sharpe_or_note(std::span<const double> x, const char* side, std::vector<std::string>& notes) {
  try {
    return sharpe_ratio(x);
  } catch (const std::invalid_argument&) {
    notes.push_back(std::string(side) + "'s returns are constant (or fewer than 2): its Sharpe ratio is undefined");
    return std::nullopt;
  }
}

}  // namespace

CommonBars common_bars(std::span<const std::int64_t> ts_a, std::span<const std::int64_t> ts_b) {
  CommonBars c;
  std::size_t i = 0, j = 0;
  while (i < ts_a.size() && j < ts_b.size()) {
    if (ts_a[i] < ts_b[j])
      ++i;
    else if (ts_b[j] < ts_a[i])
      ++j;
    else {
      c.a.push_back(i++);
      c.b.push_back(j++);
    }
  }
  return c;
}

std::vector<double> excess_returns(const BacktestResult& result, const BacktestSettings& settings) {
  const double rf = std::pow(1.0 + settings.risk_free_rate, 1.0 / settings.periods_per_year) - 1.0;
  std::vector<double> x;
  for (std::size_t t = 1; t < result.bars; ++t) x.push_back(result.returns[t] - rf);
  return x;
}

SharpeComparison compare_sharpe(std::span<const double> a, std::span<const double> b, double periods_per_year,
                                const BootstrapSettings& bootstrap, double confidence) {
  if (a.size() != b.size()) throw std::invalid_argument("compare_sharpe: the return series differ in length");
  SharpeComparison c;
  c.periods = a.size();
  c.identical = std::equal(a.begin(), a.end(), b.begin());
  const auto sa = sharpe_or_note(a, "A", c.notes), sb = sharpe_or_note(b, "B", c.notes);
  if (sa) c.sharpe_a = *sa;
  if (sb) c.sharpe_b = *sb;
  if (c.identical) {
    c.difference = c.difference_annualised = 0;
    if (sa) c.correlation = 1.0;
    c.notes.push_back(
        "A and B return the same on every period: the Sharpe difference is exactly 0 with no sampling variance, "
        "so the Jobson-Korkie-Memmel test does not apply (there is no evidence of a difference)");
  }
  if (!sa || !sb) return c;
  if (!c.identical) {
    c.difference = c.sharpe_b - c.sharpe_a;
    c.difference_annualised = c.difference * std::sqrt(periods_per_year);
    // Rounding can put the correlation of near-identical streams a hair outside [-1, 1].
    c.correlation = std::clamp(correlation(a, b), -1.0, 1.0);
    try {
      c.jobson_korkie_memmel =
          research::jobson_korkie_memmel(c.sharpe_b, c.sharpe_a, *c.correlation, c.periods, confidence);
    } catch (const std::invalid_argument& e) {
      c.notes.push_back(std::string("Jobson-Korkie-Memmel not computed: ") + e.what());
    }
  }
  BootstrapSettings settings = bootstrap;
  settings.confidence = confidence;
  c.bootstrap = sharpe_difference_bootstrap(b, a, settings);
  c.bootstrap->replicates.clear();
  return c;
}

}  // namespace mosaic::host::research
