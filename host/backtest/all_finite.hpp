// Whether every value of a column is finite: the test that lets a backtest take its
// every-bar path (Backtester::decides_every_bar), run once per column of every search config.
#pragma once

#include <cstddef>

namespace mosaic::host {

bool all_finite(const double* values, std::size_t count);

}  // namespace mosaic::host
