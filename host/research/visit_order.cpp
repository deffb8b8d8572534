#include "host/research/visit_order.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

namespace mosaic::host::research {

std::vector<size_t> z_order(const Grid& grid, std::span<const uint64_t> grid_index) {
  std::vector<size_t> order(grid_index.size());
  std::iota(order.begin(), order.end(), size_t{0});
  const auto& radix = grid.radix();
  std::vector<int> width(radix.size());
  int total = 0, widest = 0;
  for (size_t d = 0; d < radix.size(); ++d) {
    width[d] = radix[d] > 1 ? std::bit_width(radix[d] - 1) : 0;
    total += width[d];
    widest = std::max(widest, width[d]);
  }
  if (total > 64 || radix.size() < 2) return order;
  std::vector<uint64_t> code(grid_index.size(), 0);
  for (size_t k = 0; k < grid_index.size(); ++k) {
    const std::vector<uint64_t> digits = grid.digits(grid_index[k]);
    uint64_t z = 0;
    for (int bit = widest - 1; bit >= 0; --bit)
      for (size_t d = 0; d < digits.size(); ++d)
        if (bit < width[d]) z = (z << 1) | ((digits[d] >> bit) & 1);
    code[k] = z;
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return code[a] < code[b]; });
  return order;
}

}  // namespace mosaic::host::research
