#include "host/research/moments.hpp"

#include <cmath>
#include <stdexcept>

namespace mosaic::host::research {

ReturnMoments return_moments(std::span<const double> returns) {
  const std::size_t n = returns.size();
  if (n < 2) throw std::invalid_argument("return_moments: need at least 2 returns");
  double sum = 0;
  for (double r : returns) sum += r;
  const double mean = sum / static_cast<double>(n);
  double m2 = 0, m3 = 0, m4 = 0;
  for (double r : returns) {
    const double d = r - mean;
    const double d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  if (!(m2 > 0)) throw std::invalid_argument("return_moments: returns have zero variance");
  const double dn = static_cast<double>(n);
  ReturnMoments m;
  m.periods = n;
  m.mean = mean;
  m.stdev = std::sqrt(m2 / (dn - 1));
  m.sharpe = mean / m.stdev;
  m2 /= dn;
  m3 /= dn;
  m4 /= dn;
  m.skewness = m3 / std::pow(m2, 1.5);
  m.kurtosis = m4 / (m2 * m2);
  return m;
}

double sharpe_ratio(std::span<const double> returns) { return return_moments(returns).sharpe; }

}  // namespace mosaic::host::research
