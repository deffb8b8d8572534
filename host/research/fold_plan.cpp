#include "host/research/fold_plan.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace mosaic::host::research {

std::vector<Fold> plan_folds(int walk_forward, double train_fraction, size_t bars, bool rolling) {
  std::vector<Fold> folds;
  if (walk_forward > 0) {
    const size_t k = static_cast<size_t>(walk_forward);
    for (size_t f = 1; f <= k; ++f)
      folds.push_back({rolling ? bars * (f - 1) / (k + 1) : 0, bars * f / (k + 1), bars * (f + 1) / (k + 1)});
  } else {
    folds.push_back({0, static_cast<size_t>(static_cast<double>(bars) * train_fraction), bars});
    if (train_fraction >= 1) folds.back().train_end = bars;
  }
  for (const auto& f : folds) {
    if (f.train_end - f.train_begin < 3)
      throw std::invalid_argument(fmt::format("the data's {} bars leave {} for training; need at least 3 (lower "
                                              "walk_forward or raise train_fraction)",
                                              bars, f.train_end - f.train_begin));
    if (f.test_end > f.train_end && f.test_end - f.train_end < 2)
      throw std::invalid_argument(fmt::format("the data's {} bars leave {} for the test; need at least 2", bars,
                                              f.test_end - f.train_end));
  }
  return folds;
}

}  // namespace mosaic::host::research
