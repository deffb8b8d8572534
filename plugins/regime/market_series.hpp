// The market return series the regime model is fitted to.
//
// Every return is a daily LOG return, r_t = ln(P_t / P_{t-1}):
//   - one chosen column: the log return of that price series;
//   - the equal-weight market (no column chosen): ln(1 + m_t), where m_t is the average of
//     the simple returns P_t / P_{t-1} - 1 of the assets that have one at t. That is the log
//     return of a portfolio rebalanced to equal weights every bar, the usual "equal-weight
//     index"; averaging log returns instead would understate it by about half the
//     cross-sectional variance.
// A return at t needs valid (finite, positive) prices at t and at t-1: no return spans a
// gap, and an asset missing at either bar simply sits out of the average. A bar with no
// return (bar 0, a gap, or no asset with a return) is NaN: the model treats it as a
// missing observation.
#pragma once

#include <span>
#include <vector>

namespace mosaic::regime {

std::vector<double> log_returns(std::span<const double> prices);

std::vector<double> equal_weight_log_returns(const std::vector<std::span<const double>>& prices);

}  // namespace mosaic::regime
