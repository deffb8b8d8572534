#include "host/report/equity_stats.hpp"

#include <cmath>
#include <cstdlib>

namespace mosaic::host::report {

std::vector<MonthlyReturn> monthly_returns(const std::vector<std::string>& dates, const std::vector<double>& equity) {
  std::vector<MonthlyReturn> out;
  const size_t n = std::min(dates.size(), equity.size());
  if (n == 0) return out;
  auto year_month = [&](size_t t) { return std::pair{std::atoi(dates[t].substr(0, 4).c_str()),
                                                     std::atoi(dates[t].substr(5, 2).c_str())}; };
  double start = equity[0];  // the equity the current month is measured from
  for (size_t t = 0; t < n; ++t) {
    const bool last_of_month = t + 1 == n || year_month(t + 1) != year_month(t);
    if (!last_of_month) continue;
    const auto [y, m] = year_month(t);
    if (std::isfinite(start) && std::isfinite(equity[t]) && start != 0) out.push_back({y, m, equity[t] / start - 1});
    start = equity[t];
  }
  return out;
}

std::vector<double> rolling_sharpe(const std::vector<double>& equity, size_t window, double periods_per_year,
                                   double risk_free_per_period) {
  const size_t n = equity.size();
  std::vector<double> out(n, NAN);
  if (window < 2) return out;
  for (size_t t = window; t < n; ++t) {
    double sum = 0, sumsq = 0;
    bool finite = true;
    for (size_t k = t + 1 - window; k <= t; ++k) {
      const double r = equity[k] / equity[k - 1] - 1 - risk_free_per_period;
      if (!std::isfinite(r)) finite = false;
      sum += r;
      sumsq += r * r;
    }
    if (!finite) continue;
    const double w = static_cast<double>(window);
    const double mean = sum / w;
    const double var = (sumsq - sum * mean) / (w - 1);
    if (var > 0) out[t] = mean / std::sqrt(var) * std::sqrt(periods_per_year);
  }
  return out;
}

}  // namespace mosaic::host::report
