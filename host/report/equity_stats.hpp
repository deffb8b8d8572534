// What report.html derives from an equity curve: monthly returns and a rolling Sharpe ratio.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace mosaic::host::report {

struct MonthlyReturn {
  int year = 0, month = 0;  // month 1..12
  double value = 0;         // equity at the month's last bar over that of the month before, - 1
};

// `dates` start with YYYY-MM. The first month is measured from the first bar's equity.
// Months without a finite equity at both ends are left out.
std::vector<MonthlyReturn> monthly_returns(const std::vector<std::string>& dates, const std::vector<double>& equity);

// The Sharpe ratio of the per-period returns over the last `window` periods at each bar
// (mean of the excess returns over their sample sd, times sqrt(periods_per_year)), as
// docs/metrics.md defines it for the whole run; NaN until a window is full and where the sd
// is 0 or a return is not finite.
std::vector<double> rolling_sharpe(const std::vector<double>& equity, size_t window, double periods_per_year,
                                   double risk_free_per_period);

}  // namespace mosaic::host::report
