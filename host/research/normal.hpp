// The standard normal distribution: cumulative distribution and its inverse.
#pragma once

namespace mosaic::host::research {

// Phi(x), the standard normal cumulative distribution function.
double normal_cdf(double x);

// Phi^-1(p) for p in (0, 1); -inf at 0, +inf at 1; throws std::domain_error outside [0, 1].
// Acklam's rational approximation refined with one Halley step, accurate to about 1e-15.
double normal_quantile(double p);

}  // namespace mosaic::host::research
