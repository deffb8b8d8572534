// A run's returns where they lie: contiguous, or one lane of the interleaved returns of runs
// measured together (Backtester::measure_lanes: [bar * lanes + lane]).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::host::research {

struct StridedReturns {
  const double* first = nullptr;
  std::size_t count = 0;
  std::size_t stride = 1;

  StridedReturns() = default;
  // Implicit: contiguous returns are the common case.
  StridedReturns(std::span<const double> contiguous) : first(contiguous.data()), count(contiguous.size()) {}
  StridedReturns(const std::vector<double>& contiguous) : StridedReturns(std::span<const double>(contiguous)) {}
  StridedReturns(const double* first_return, std::size_t returns, std::size_t step)
      : first(first_return), count(returns), stride(step) {}

  std::size_t size() const { return count; }
  double operator[](std::size_t i) const { return first[i * stride]; }
  // The returns from the i-th on.
  StridedReturns from(std::size_t i) const { return {first + i * stride, count - i, stride}; }
};

}  // namespace mosaic::host::research
