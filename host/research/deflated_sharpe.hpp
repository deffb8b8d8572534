// Deflated Sharpe Ratio, Bailey & Lopez de Prado (2014), "The Deflated Sharpe Ratio:
// Correcting for Selection Bias, Backtest Overfitting and Non-Normality".
// Every Sharpe ratio here is per period (not annualised); kurtosis is ordinary (3 for a normal).
#pragma once

#include <cstddef>
#include <span>

namespace mosaic::host::research {

// Expected maximum of `trials` per-period Sharpe ratios whose true value is zero and whose
// variance across trials is `sharpe_variance`:
//   SR0 = sqrt(V) ((1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e))).
// One trial gives 0. Throws std::invalid_argument for trials == 0 or a negative variance.
double expected_max_sharpe(std::size_t trials, double sharpe_variance);

struct DeflatedSharpe {
  double sharpe = 0;               // the winner's per-period Sharpe ratio
  double expected_max_sharpe = 0;  // SR0
  double z = 0;                    // (SR - SR0) sqrt(T - 1) / sqrt(1 - skew SR + (kurt - 1)/4 SR^2)
  double probability = 0;          // DSR = Phi(z)
};

// From the winner's statistics. Throws std::invalid_argument for periods < 2, trials == 0,
// a negative variance, or a non-positive 1 - skew SR + (kurt - 1)/4 SR^2.
DeflatedSharpe deflated_sharpe(double sharpe, double skewness, double kurtosis, std::size_t periods,
                               std::size_t trials, double sharpe_variance);

// From the winner's per-period returns (moments as in return_moments).
DeflatedSharpe deflated_sharpe(std::span<const double> returns, std::size_t trials, double sharpe_variance);

}  // namespace mosaic::host::research
