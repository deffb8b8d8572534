#include "hmm.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace mosaic::regime {

namespace {

constexpr double kLog2Pi = 1.8378770664093454836;  // ln(2 pi)
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kNegInf = -std::numeric_limits<double>::infinity();
// EM keeps every transition probability at least this large, so that no transition that
// the data cannot rule out becomes impossible for good (EM never revives a zero).
constexpr double kMinTransition = 1e-10;
// A state whose expected number of observations falls below this keeps its old mean and
// variance: there is nothing to estimate them from.
constexpr double kMinStateWeight = 1e-8;

// Sample moments of the finite returns.
struct Moments {
  size_t n = 0;
  double mean = 0.0;
  double var = 0.0;
};

Moments moments(std::span<const double> r) {
  Moments m;
  for (double x : r)
    if (std::isfinite(x)) {
      ++m.n;
      m.mean += x;
    }
  if (m.n == 0) return m;
  m.mean /= static_cast<double>(m.n);
  for (double x : r)
    if (std::isfinite(x)) m.var += (x - m.mean) * (x - m.mean);
  m.var /= static_cast<double>(m.n);
  return m;
}

// splitmix64: fully specified, so the random starts are the same on every platform and
// standard library (std::*_distribution is not).
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
};

// exp(x) for x <= 0, within 2 ulp of the exact value, as plain arithmetic so that a loop
// of them vectorises (glibc's exp is a call per value; this makes an E-step about 10%
// faster, and its results independent of the libm version). Inputs
// below -708 give exp(-708) ~ 3e-308 rather than a subnormal or 0: for an emission density
// relative to the likeliest state's, both mean "impossible". x = k ln2 + r with
// |r| <= ln2 / 2 (k by the round-to-nearest magic-number trick, ln2 split in two parts so
// k * ln2_hi is exact), exp(r) by its Taylor series to r^12 / 12! (truncation error below
// 2e-16 on that interval), times 2^k built in the exponent bits.
inline double exp_nonpositive(double x) {
  constexpr double kLog2e = 1.4426950408889634074;
  constexpr double kMagic = 0x1.8p52;
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  x = std::max(x, -708.0);
  const double shifted = x * kLog2e + kMagic;
  const double k = shifted - kMagic;
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  const uint64_t exponent = std::bit_cast<uint64_t>(shifted) - std::bit_cast<uint64_t>(kMagic) + 1023;
  return p * std::bit_cast<double>(exponent << 52);
}

// Expected sufficient statistics of one E-step, about a shift (the sample mean) so that
// the variance does not lose digits to cancellation.
template <int K>
struct Stats {
  double s0[K] = {}, s1[K] = {}, s2[K] = {};
  double xi[K][K] = {};
  double g0[K] = {};  // smoothed posterior of the first bar
};

// Scaled forward-backward, arranged for speed (the E-step is nearly all of a fit's cost):
//   1. Emissions, bar by bar independently: each bar's densities are divided by the largest
//      one, e_j = exp(lb_j - max lb), which changes no posterior (the factor is common to
//      all states; it is added back to the log-likelihood) and keeps a far outlier from
//      underflowing every state at once. With 2 states that is one exp per bar.
//   2. Forward, unnormalised: a_t = (a_{t-1} A) * e_t, rescaled only when its sum falls
//      below 1e-60 (the factor is folded into that bar's e and into the log-likelihood).
//      Posteriors do not need a per-bar normalisation: with any positive per-bar factors,
//      gamma_t = a_t * b_t / Z, where Z = sum a_{T-1}. The dependency chain from bar to
//      bar is then two multiply-adds and a multiply, not a division.
//   3. Backward with the same factors: b_t = A (e_{t+1} * b_{t+1}), accumulating the
//      statistics unnormalised and dividing by Z once at the end.
// With `stats`, accumulates the E-step statistics; with `gamma`, writes the smoothed
// posteriors. Returns the log-likelihood (-inf if some bar was impossible under p).
template <int K>
double forward_backward(const HmmParams& p, std::span<const double> r, double shift, EmWorkspace& ws,
                        Stats<K>* stats, std::vector<double>* gamma) {
  const size_t n = r.size();
  ws.alpha.resize(n * K);
  ws.emission.resize(n * K);
  double* alpha = ws.alpha.data();
  double* em = ws.emission.data();

  double A[K][K], mu[K], half_prec[K], lnorm[K];
  for (int i = 0; i < K; ++i) {
    for (int j = 0; j < K; ++j) A[i][j] = p.trans[i][j];
    mu[i] = p.mean[i];
    half_prec[i] = 0.5 / p.var[i];
    lnorm[i] = -0.5 * (kLog2Pi + std::log(p.var[i]));
  }
  const StateVector pi = stationary(p);

  // 1. Emissions: each state's log-density relative to the bar's likeliest state (0 for
  //    every state at a missing return), then exp over all of them in one vectorised pass.
  //    With 2 states only one of the two is not exp(0) = 1: e_other = exp(-|lb_1 - lb_0|).
  ws.top.resize(n);
  double* top = ws.top.data();
  if constexpr (K == 2) {
    ws.scratch.resize(2 * n);
    double* other = ws.scratch.data();
    double* diff = other + n;
    for (size_t t = 0; t < n; ++t) {
      const double x = r[t];
      const bool observed = x - x == 0.0;  // finite, without a branch so the loop vectorises
      const double d0 = x - mu[0], d1 = x - mu[1];
      const double lb0 = lnorm[0] - half_prec[0] * d0 * d0, lb1 = lnorm[1] - half_prec[1] * d1 * d1;
      const double d = observed ? lb1 - lb0 : 0.0;
      diff[t] = d;
      other[t] = -std::fabs(d);
      top[t] = observed ? std::max(lb0, lb1) : 0.0;
    }
    for (size_t t = 0; t < n; ++t) other[t] = exp_nonpositive(other[t]);
    for (size_t t = 0; t < n; ++t) {
      em[2 * t] = diff[t] > 0.0 ? other[t] : 1.0;
      em[2 * t + 1] = diff[t] > 0.0 ? 1.0 : other[t];
    }
  } else {
    for (size_t t = 0; t < n; ++t) {
      const double x = r[t];
      const bool observed = x - x == 0.0;
      double lb[K], m = kNegInf;
      for (int j = 0; j < K; ++j) {
        const double d = x - mu[j];
        lb[j] = lnorm[j] - half_prec[j] * d * d;
        m = std::max(m, lb[j]);
      }
      for (int j = 0; j < K; ++j) em[t * K + j] = observed ? lb[j] - m : 0.0;
      top[t] = observed ? m : 0.0;
    }
    for (size_t i = 0; i < n * K; ++i) em[i] = exp_nonpositive(em[i]);
  }

  // 2. Forward.
  double loglik = 0.0;
  bool impossible = false;
  double prev[K];
  for (int j = 0; j < K; ++j) prev[j] = pi[j];
  for (size_t t = 0; t < n; ++t) {
    double* e = em + t * K;
    double* a = alpha + t * K;
    loglik += top[t];
    double sum = 0.0;
    for (int j = 0; j < K; ++j) {
      double pred = 0.0;
      if (t == 0) pred = pi[j];
      else
        for (int i = 0; i < K; ++i) pred += prev[i] * A[i][j];
      a[j] = pred * e[j];
      sum += a[j];
    }
    if (sum < 1e-60) [[unlikely]] {
      if (!(sum > 0.0)) {  // every state impossible: carry the prediction, mark the fit
        impossible = true;
        sum = 0.0;
        for (int j = 0; j < K; ++j) {
          a[j] = t == 0 ? pi[j] : 0.0;
          if (t > 0)
            for (int i = 0; i < K; ++i) a[j] += prev[i] * A[i][j];
          e[j] = 1.0;
          sum += a[j];
        }
      }
      const double inv = 1.0 / sum;
      for (int j = 0; j < K; ++j) a[j] *= inv, e[j] *= inv;
      loglik += std::log(sum);
    }
    for (int j = 0; j < K; ++j) prev[j] = a[j];
  }
  double z = 0.0;
  for (int j = 0; j < K; ++j) z += n ? prev[j] : pi[j];
  loglik += std::log(z);
  if (impossible) loglik = kNegInf;
  if ((!stats && !gamma) || n == 0) return loglik;

  // 3. Backward.
  const double inv_z = 1.0 / z;
  if (gamma) gamma->assign(n * K, 0.0);
  double beta[K], xi_acc[K][K] = {}, s0[K] = {}, s1[K] = {}, s2[K] = {};
  for (int j = 0; j < K; ++j) beta[j] = 1.0;
  for (size_t t = n; t-- > 0;) {
    const double* a = alpha + t * K;
    if (t + 1 < n) {
      const double* e = em + (t + 1) * K;
      double w[K];
      for (int j = 0; j < K; ++j) w[j] = e[j] * beta[j];
      for (int i = 0; i < K; ++i) {
        double s = 0.0;
        for (int j = 0; j < K; ++j) {
          xi_acc[i][j] += a[i] * w[j];
          s += A[i][j] * w[j];
        }
        beta[i] = s;
      }
    }
    double g[K];
    for (int j = 0; j < K; ++j) g[j] = a[j] * beta[j];
    if (gamma)
      for (int j = 0; j < K; ++j) (*gamma)[t * K + j] = g[j] * inv_z;
    if (stats && t == 0)
      for (int j = 0; j < K; ++j) stats->g0[j] = g[j] * inv_z;
    if (stats && std::isfinite(r[t])) {
      const double x = r[t] - shift;
      for (int j = 0; j < K; ++j) {
        s0[j] += g[j];
        s1[j] += g[j] * x;
        s2[j] += g[j] * x * x;
      }
    }
  }
  if (stats)
    for (int i = 0; i < K; ++i) {
      stats->s0[i] = s0[i] * inv_z;
      stats->s1[i] = s1[i] * inv_z;
      stats->s2[i] = s2[i] * inv_z;
      for (int j = 0; j < K; ++j) stats->xi[i][j] = A[i][j] * xi_acc[i][j] * inv_z;
    }
  return loglik;
}

double forward_backward(const HmmParams& p, std::span<const double> r, double shift, EmWorkspace& ws,
                        std::vector<double>* gamma) {
  if (p.k == 2) return forward_backward<2>(p, r, shift, ws, nullptr, gamma);
  return forward_backward<3>(p, r, shift, ws, nullptr, gamma);
}

// Inverts the k x k matrix m in place (Gauss-Jordan, partial pivoting); false if singular.
bool invert(int k, double m[kMaxStates][kMaxStates]) {
  double inv[kMaxStates][kMaxStates] = {};
  for (int i = 0; i < k; ++i) inv[i][i] = 1.0;
  for (int c = 0; c < k; ++c) {
    int piv = c;
    for (int i = c + 1; i < k; ++i)
      if (std::fabs(m[i][c]) > std::fabs(m[piv][c])) piv = i;
    if (std::fabs(m[piv][c]) < 1e-300) return false;
    for (int j = 0; j < k; ++j) std::swap(m[c][j], m[piv][j]), std::swap(inv[c][j], inv[piv][j]);
    const double d = 1.0 / m[c][c];
    for (int j = 0; j < k; ++j) m[c][j] *= d, inv[c][j] *= d;
    for (int i = 0; i < k; ++i) {
      if (i == c) continue;
      const double f = m[i][c];
      for (int j = 0; j < k; ++j) m[i][j] -= f * m[c][j], inv[i][j] -= f * inv[c][j];
    }
  }
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) m[i][j] = inv[i][j];
  return true;
}

// The transition M-step. The initial distribution is the steady state pi(A), so the
// expected complete-data log-likelihood has, besides sum_ij xi_ij log A_ij, the term
// sum_k g_k log pi_k(A) (g = smoothed posterior of the first bar). Ignoring that term (the
// usual Baum-Welch update, xi_ij / sum_j xi_ij) biases the transition probabilities by
// O(1) expected transitions, several percent for sticky regimes. Its maximiser satisfies
//   A_ij = (xi_ij + A_ij G_ij) / sum_j (xi_ij + A_ij G_ij),   G_ij = d/dA_ij sum_k g_k log pi_k,
// solved by fixed-point iteration from the usual update (the G terms are O(1) against
// xi's O(T), so it contracts quickly). pi = M^-1 e_last with M = (I - A)^T, its last row
// replaced by ones, gives dpi/dA_ij = pi_i M^-1 e_j for j < k-1 and 0 for j = k-1.
void transition_m_step(int k, const double xi[][kMaxStates], const StateVector& g, HmmParams& p) {
  double row[kMaxStates];
  for (int i = 0; i < k; ++i) {
    row[i] = 0.0;
    for (int j = 0; j < k; ++j) row[i] += xi[i][j];
    if (!(row[i] > 0.0)) return;  // a state never left nor entered: keep the old matrix
  }
  HmmParams a = p;
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) a.trans[i][j] = xi[i][j] / row[i];
  for (int sweep = 0; sweep < 50; ++sweep) {
    const StateVector pi = stationary(a);
    double m[kMaxStates][kMaxStates];
    for (int r = 0; r < k; ++r)
      for (int c = 0; c < k; ++c) m[r][c] = r == k - 1 ? 1.0 : (r == c ? 1.0 : 0.0) - a.trans[c][r];
    if (!invert(k, m)) break;
    double h[kMaxStates] = {};  // h = (g / pi)^T M^-1
    for (int c = 0; c < k; ++c)
      for (int r = 0; r < k; ++r) h[c] += g[r] / std::max(pi[r], 1e-300) * m[r][c];
    double change = 0.0;
    HmmParams next = a;
    for (int i = 0; i < k; ++i) {
      double num[kMaxStates], total = 0.0;
      for (int j = 0; j < k; ++j) {
        const double grad = j == k - 1 ? 0.0 : h[j] * pi[i];
        total += (num[j] = std::max(xi[i][j] + a.trans[i][j] * grad, 0.0));
      }
      if (!(total > 0.0)) return;
      for (int j = 0; j < k; ++j) {
        next.trans[i][j] = num[j] / total;
        change = std::max(change, std::fabs(next.trans[i][j] - a.trans[i][j]));
      }
    }
    a = next;
    if (change < 1e-15) break;
  }
  for (int i = 0; i < k; ++i) {
    double total = 0.0;
    for (int j = 0; j < k; ++j) total += (a.trans[i][j] = std::max(a.trans[i][j], kMinTransition));
    for (int j = 0; j < k; ++j) p.trans[i][j] = a.trans[i][j] / total;
  }
}

// The M-step: new means, variances (floored) and transition rows from the statistics.
template <int K>
void m_step(const Stats<K>& s, double shift, double var_floor, HmmParams& p) {
  for (int j = 0; j < K; ++j) {
    if (s.s0[j] < kMinStateWeight) continue;
    const double m = s.s1[j] / s.s0[j];
    p.mean[j] = shift + m;
    p.var[j] = std::max(s.s2[j] / s.s0[j] - m * m, var_floor);
  }
  double xi[kMaxStates][kMaxStates] = {};
  for (int i = 0; i < K; ++i)
    for (int j = 0; j < K; ++j) xi[i][j] = s.xi[i][j];
  StateVector g{};
  for (int j = 0; j < K; ++j) g[j] = s.g0[j];
  transition_m_step(K, xi, g, p);
}

template <int K>
FitResult run_em(std::span<const double> r, HmmParams theta, const Moments& mo, const FitOptions& o,
                 EmWorkspace& ws) {
  const double floor = o.var_floor * mo.var;
  for (int j = 0; j < K; ++j) theta.var[j] = std::max(theta.var[j], floor);
  const double tol = o.tol * static_cast<double>(mo.n);

  FitResult best;
  best.loglik = kNegInf;
  double previous = kNegInf;
  for (int it = 0;; ++it) {
    Stats<K> s;
    const double ll = forward_backward<K>(theta, r, mo.mean, ws, &s, nullptr);
    if (ll > best.loglik || it == 0) {
      best.params = theta;
      best.loglik = ll;
      best.iterations = it;
    }
    if (it > 0 && ll - previous < tol) {
      best.converged = std::isfinite(ll);
      break;
    }
    if (it >= o.max_iter || !std::isfinite(ll)) break;
    m_step<K>(s, mo.mean, floor, theta);
    previous = ll;
  }
  order_by_variance(best.params);
  return best;
}

Moments checked_moments(std::span<const double> r, int k) {
  const Moments mo = moments(r);
  if (mo.n < static_cast<size_t>(2 * k))
    throw std::invalid_argument("HMM fit: " + std::to_string(mo.n) + " finite returns, need at least " +
                                std::to_string(2 * k));
  // Returns that vary by less than 1e-12 (rounding noise around a constant) do not vary.
  if (!(mo.var > 1e-24)) throw std::invalid_argument("HMM fit: the returns do not vary");
  return mo;
}

}  // namespace

std::string check_params(const HmmParams& p) {
  if (p.k < kMinStates || p.k > kMaxStates)
    return "state count " + std::to_string(p.k) + " is not in [" + std::to_string(kMinStates) + ", " +
           std::to_string(kMaxStates) + "]";
  for (int i = 0; i < p.k; ++i) {
    const std::string s = std::to_string(i);
    if (!std::isfinite(p.mean[i])) return "mean[" + s + "] is not finite";
    if (!(p.var[i] > 0.0) || !std::isfinite(p.var[i])) return "var[" + s + "] = " + std::to_string(p.var[i]) + " is not positive";
    double row = 0.0;
    for (int j = 0; j < p.k; ++j) {
      const double a = p.trans[i][j];
      if (!(a >= 0.0 && a <= 1.0)) return "trans[" + s + "][" + std::to_string(j) + "] is not a probability";
      row += a;
    }
    if (std::fabs(row - 1.0) > 1e-9) return "row " + s + " of the transition matrix sums to " + std::to_string(row);
  }
  return {};
}

StateVector stationary(const HmmParams& p) {
  StateVector pi{};
  const int k = p.k;
  // Solve pi (I - A) = 0 with sum(pi) = 1: the transposed system, last equation replaced
  // by the normalisation, by Gaussian elimination with partial pivoting.
  double m[kMaxStates][kMaxStates + 1];
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) m[i][j] = (i == j ? 1.0 : 0.0) - p.trans[j][i];
    m[i][k] = 0.0;
  }
  for (int j = 0; j <= k; ++j) m[k - 1][j] = 1.0;
  for (int c = 0; c < k; ++c) {
    int piv = c;
    for (int i = c + 1; i < k; ++i)
      if (std::fabs(m[i][c]) > std::fabs(m[piv][c])) piv = i;
    if (std::fabs(m[piv][c]) < 1e-300) {  // reducible chain: no unique steady state
      for (int j = 0; j < k; ++j) pi[j] = 1.0 / k;
      return pi;
    }
    for (int j = 0; j <= k; ++j) std::swap(m[c][j], m[piv][j]);
    for (int i = 0; i < k; ++i) {
      if (i == c) continue;
      const double f = m[i][c] / m[c][c];
      for (int j = c; j <= k; ++j) m[i][j] -= f * m[c][j];
    }
  }
  double total = 0.0;
  for (int i = 0; i < k; ++i) total += (pi[i] = std::max(m[i][k] / m[i][i], 0.0));
  for (int i = 0; i < k; ++i) pi[i] /= total;
  return pi;
}

void order_by_variance(HmmParams& p) {
  std::array<int, kMaxStates> order{};
  std::iota(order.begin(), order.begin() + p.k, 0);
  std::stable_sort(order.begin(), order.begin() + p.k, [&](int a, int b) { return p.var[a] < p.var[b]; });
  HmmParams q = p;
  for (int i = 0; i < p.k; ++i) {
    q.mean[i] = p.mean[order[i]];
    q.var[i] = p.var[order[i]];
    for (int j = 0; j < p.k; ++j) q.trans[i][j] = p.trans[order[i]][order[j]];
  }
  p = q;
}

double forward_step(const HmmParams& p, const double* prev, double r, double* out) {
  const int k = p.k;
  double pred[kMaxStates] = {};
  for (int j = 0; j < k; ++j)
    for (int i = 0; i < k; ++i) pred[j] += prev[i] * p.trans[i][j];
  if (!std::isfinite(r)) {
    for (int j = 0; j < k; ++j) out[j] = pred[j];
    return 0.0;
  }
  double lb[kMaxStates], top = kNegInf;
  for (int j = 0; j < k; ++j) {
    const double d = r - p.mean[j];
    lb[j] = -0.5 * (kLog2Pi + std::log(p.var[j])) - 0.5 * d * d / p.var[j];
    top = std::max(top, lb[j]);
  }
  double a[kMaxStates], c = 0.0;
  for (int j = 0; j < k; ++j) c += (a[j] = pred[j] * std::exp(lb[j] - top));
  if (!(c > 0.0) || !std::isfinite(c)) {
    for (int j = 0; j < k; ++j) out[j] = pred[j];
    return kNegInf;
  }
  for (int j = 0; j < k; ++j) out[j] = a[j] / c;
  return top + std::log(c);
}

double filter(const HmmParams& p, std::span<const double> returns, std::vector<double>& filtered) {
  const auto k = static_cast<size_t>(p.k);
  filtered.assign(returns.size() * k, kNaN);
  // Starting "one bar before" from the stationary distribution: its prediction is itself.
  const StateVector pi = stationary(p);
  double loglik = 0.0;
  const double* prev = pi.data();
  for (size_t t = 0; t < returns.size(); ++t) {
    loglik += forward_step(p, prev, returns[t], &filtered[t * k]);
    prev = &filtered[t * k];
  }
  return loglik;
}

void smooth(const HmmParams& p, std::span<const double> returns, std::vector<double>& smoothed) {
  EmWorkspace ws;
  forward_backward(p, returns, 0.0, ws, &smoothed);
}

double log_likelihood(const HmmParams& p, std::span<const double> returns) {
  EmWorkspace ws;
  return forward_backward(p, returns, 0.0, ws, nullptr);
}

FitResult fit_em(std::span<const double> returns, const HmmParams& start, const FitOptions& options,
                 EmWorkspace& ws) {
  if (const std::string why = check_params(start); !why.empty())
    throw std::invalid_argument("HMM fit: bad starting point: " + why);
  const Moments mo = checked_moments(returns, start.k);
  if (start.k == 2) return run_em<2>(returns, start, mo, options, ws);
  return run_em<3>(returns, start, mo, options, ws);
}

HmmParams starting_point(std::span<const double> returns, int k, int index, uint64_t seed) {
  const Moments mo = checked_moments(returns, k);
  const double sd = std::sqrt(mo.var);
  HmmParams p;
  p.k = k;
  if (index == 0) {
    static constexpr double kSpread2[] = {0.5, 2.5}, kSpread3[] = {0.4, 1.2, 4.0};
    for (int j = 0; j < k; ++j) {
      p.mean[j] = mo.mean;
      p.var[j] = mo.var * (k == 2 ? kSpread2[j] : kSpread3[j]);
      for (int i = 0; i < k; ++i) p.trans[j][i] = j == i ? 0.95 : 0.05 / (k - 1);
    }
    return p;
  }
  SplitMix rng{seed ^ (0xD1B54A32D192ED03ull * static_cast<uint64_t>(index))};
  for (int j = 0; j < k; ++j) {
    p.mean[j] = mo.mean + 0.5 * sd * (2.0 * rng.uniform() - 1.0);
    p.var[j] = mo.var * std::exp(4.0 * rng.uniform() - 2.0);  // a factor in [e^-2, e^2)
    const double stay = 0.75 + 0.24 * rng.uniform();
    double w[kMaxStates], total = 0.0;
    for (int i = 0; i < k; ++i) total += (w[i] = i == j ? 0.0 : 0.1 + rng.uniform());
    for (int i = 0; i < k; ++i) p.trans[j][i] = i == j ? stay : (1.0 - stay) * w[i] / total;
  }
  order_by_variance(p);
  return p;
}

FitResult fit_multistart(std::span<const double> returns, int k, int starts, uint64_t seed,
                         const FitOptions& options, EmWorkspace& ws) {
  if (k < kMinStates || k > kMaxStates) throw std::invalid_argument("HMM fit: state count must be 2 or 3");
  FitResult best;
  best.loglik = kNegInf;
  bool any = false;
  for (int s = 0; s < std::max(starts, 1); ++s) {
    FitResult f = fit_em(returns, starting_point(returns, k, s, seed), options, ws);
    if (!any || f.loglik > best.loglik) {
      best = f;
      any = true;
    }
  }
  return best;
}

}  // namespace mosaic::regime
