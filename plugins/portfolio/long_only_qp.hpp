// A small dense quadratic programme over long-only weights:
//
//   minimise 1/2 w'Qw - c'w   subject to  w >= 0  and  sum(w) = 1  (Budget::FullyInvested)
//                                                   or  sum(w) <= 1 (Budget::AtMostOne)
//
// Q must be symmetric positive definite (a shrunk covariance is). Minimum variance is
// (Q = Sigma, c = 0, fully invested); mean-variance is (Q = gamma Sigma, c = mu, at most 1).
//
// Method: the primal active-set method (Nocedal & Wright, Numerical Optimization, 2nd ed.,
// algorithm 16.3). The working set holds the bounds w_i = 0 that are active, plus the budget
// when it binds. Each iteration solves the equality-constrained problem on the free weights
// exactly (a Cholesky factorisation of Q restricted to them), steps toward its solution until
// a bound or the budget blocks, and, at a stationary point, drops the constraint with the most
// negative Lagrange multiplier. It stops when every multiplier is non-negative: the KKT
// conditions then hold, so the point is the global optimum of this convex problem. The answer
// is exact up to rounding, and a warm start at the previous solution usually needs one or two
// iterations. An iteration cap guards against cycling on degenerate problems; the point
// returned is always feasible.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::portfolio {

enum class Budget { FullyInvested, AtMostOne };

struct QpStatus {
  int iterations = 0;
  bool converged = false;
};

class LongOnlyQp {
 public:
  // Q: q x q, column-major. c: q values. w: q values; in: a starting point (made feasible
  // first: negatives cut to 0, then scaled into the budget; a fully invested start with no
  // positive weight becomes 1/q each), out: the solution. max_iterations 0 means 20 (q + 5).
  // Throws std::invalid_argument on mismatched sizes or a Q that is not positive definite.
  QpStatus solve(std::span<const double> Q, std::span<const double> c, Budget budget, std::span<double> w,
                 int max_iterations = 0);

 private:
  // Solves the equality-constrained step on the free set into step_; false when Q restricted
  // to the free set is not positive definite.
  bool free_step(std::span<const double> Q, size_t q, bool budget_active);

  std::vector<double> grad_, step_, h_, u_, v_;
  std::vector<size_t> free_;
  std::vector<char> at_zero_;
};

}  // namespace mosaic::portfolio
