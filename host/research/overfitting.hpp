// The overfitting figures every optimization reports, from its trials: the Deflated Sharpe
// Ratio of the winner given how many configurations were tried, and the Probability of
// Backtest Overfitting by CSCV over every strategy the search ran (from each trial's block
// moments).
#pragma once

#include "host/research/deflated_sharpe.hpp"
#include "host/research/pbo.hpp"
#include "host/research/trial.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::research {

struct OverfittingReport {
  size_t trials = 0;                  // evaluated configurations with a defined Sharpe ratio
  size_t strategies = 0;              // distinct strategies among them: the N of the DSR
  double sharpe_variance = 0;         // of the strategies' per-period Sharpe ratios
  std::optional<DeflatedSharpe> dsr;  // nullopt: dsr_note says why
  std::string dsr_note;
  std::optional<PboResult> pbo;  // nullopt: pbo_note says why
  size_t pbo_configs = 0;        // strategies in the CSCV: every one that ran, by its first configuration
  size_t pbo_blocks = 0;
  std::string pbo_note;
};

// `winner_returns` are the winner's in-sample per-period returns. Configurations of one
// strategy (Trial::strategy) count once: copies of a strategy are not more trials, and
// would shrink the Sharpe variance the DSR deflates with, or tie with themselves in the
// CSCV. The CSCV runs on `threads` threads.
OverfittingReport overfitting_report(const std::vector<Trial>& trials, const std::vector<double>& winner_returns,
                                     size_t pbo_blocks, int threads = 1);

// The indices of the trials on the Pareto front of two minimised objectives (`f1`, `f2`
// per trial), sorted by f1. A point is on the front when no other is at least as good on
// both and better on one.
std::vector<size_t> pareto_front(const std::vector<double>& f1, const std::vector<double>& f2);

}  // namespace mosaic::host::research
