// Which bars each fold of an optimization trains and tests on: one train/test split, or K
// anchored walk-forward folds.
#pragma once

#include <cstddef>
#include <vector>

namespace mosaic::host::research {

struct Fold {
  size_t train_end = 0;  // the optimizer sees bars [0, train_end)
  size_t test_end = 0;   // out of sample: bars [train_end, test_end); == train_end when none
};

// `walk_forward` > 0 cuts the bars into K + 1 blocks, fold k training on blocks 0..k-1 and
// testing on block k; otherwise one fold trains on the first `train_fraction` of the bars.
// Throws std::invalid_argument when a fold would train on fewer than 3 bars or test on 1.
std::vector<Fold> plan_folds(int walk_forward, double train_fraction, size_t bars);

}  // namespace mosaic::host::research
