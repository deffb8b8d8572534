// A Gaussian hidden Markov model on one return series, 2 or 3 states: the filter step,
// forward-backward, and Baum-Welch (EM) fitting with several starts.
//
// Conventions:
//   - trans[i][j] = P(S_t = j | S_{t-1} = i): rows sum to one.
//   - var[k] is a variance (not a standard deviation).
//   - The initial state distribution is not a free parameter: it is the stationary
//     (steady-state) distribution of trans, as in statsmodels' MarkovRegression.
//   - A NaN return is a missing observation: its emission density is 1 for every state,
//     so the filter only predicts across it and EM leaves it out of the means and variances.
//   - After every fit the states are ordered by variance, ascending: state 0 is the calmest,
//     state k-1 the high-volatility state.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mosaic::regime {

inline constexpr int kMinStates = 2;
inline constexpr int kMaxStates = 3;

using StateVector = std::array<double, kMaxStates>;

struct HmmParams {
  int k = 2;
  StateVector mean{};
  StateVector var{};
  std::array<StateVector, kMaxStates> trans{};

  bool operator==(const HmmParams&) const = default;
};

// Empty when the parameters are usable; otherwise what is wrong ("var[1] = -2 is not
// positive"). Checks k, finite means, positive finite variances, rows of trans in [0, 1]
// summing to one within 1e-9.
std::string check_params(const HmmParams& p);

// The stationary distribution pi = pi * trans (the initial distribution of the model).
StateVector stationary(const HmmParams& p);

// Relabels the states so that var is ascending (means and transitions follow).
void order_by_variance(HmmParams& p);

// One step of the forward (filter) recursion:
//   predicted_j = sum_i prev_i * trans[i][j];   out_j = predicted_j * N(r; mean_j, var_j) / c
// where c normalises out to sum one. `prev` and `out` may alias. A NaN r leaves the
// prediction as the result. Returns log c, the log predictive density of r (0 for NaN).
double forward_step(const HmmParams& p, const double* prev, double r, double* out);

// Filtered probabilities P(S_t | r_0..r_t) for every t (row-major, returns.size() x k),
// starting from the stationary distribution. Returns the log-likelihood.
double filter(const HmmParams& p, std::span<const double> returns, std::vector<double>& filtered);

// Smoothed probabilities P(S_t | r_0..r_{T-1}) (row-major, T x k). Uses the whole sample:
// the module never calls this; it exists so the tests can show the difference.
void smooth(const HmmParams& p, std::span<const double> returns, std::vector<double>& smoothed);

// Log-likelihood of the sample under p.
double log_likelihood(const HmmParams& p, std::span<const double> returns);

struct FitOptions {
  int max_iter = 300;
  // EM stops when one update raises the log-likelihood by less than tol per observation.
  double tol = 1e-6;
  // Lower bound on each state's variance, as a fraction of the sample variance, so that
  // no state collapses onto a single return.
  double var_floor = 1e-3;
};

struct FitResult {
  HmmParams params;
  double loglik = 0.0;
  int iterations = 0;  // EM updates applied to reach params
  bool converged = false;
};

// Scratch for the forward-backward passes; reused between fits so a refit allocates
// nothing once it has grown. Keep one per instance (not thread_local).
struct EmWorkspace {
  std::vector<double> alpha, emission, top, scratch;
};

// Baum-Welch from `start` (a warm start), until converged or max_iter updates. The result
// is ordered by variance. Throws std::invalid_argument when the sample has fewer than 2k
// finite returns or no variation.
FitResult fit_em(std::span<const double> returns, const HmmParams& start, const FitOptions& options,
                 EmWorkspace& ws);

// Baum-Welch from `starts` starting points and the best log-likelihood kept: start 0 is
// deterministic (every mean at the sample mean, variances spread around the sample
// variance, sticky transitions), the others are drawn from a generator seeded with `seed`,
// so the result is a pure function of the arguments.
FitResult fit_multistart(std::span<const double> returns, int k, int starts, uint64_t seed,
                         const FitOptions& options, EmWorkspace& ws);

// The starting point `index` of fit_multistart (exposed for the tests).
HmmParams starting_point(std::span<const double> returns, int k, int index, uint64_t seed);

}  // namespace mosaic::regime
