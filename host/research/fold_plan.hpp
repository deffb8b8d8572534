// Which bars each fold of an optimization trains and tests on: one train/test split, or K
// anchored walk-forward folds.
#pragma once

#include <cstddef>
#include <vector>

namespace mosaic::host::research {

struct Fold {
  size_t train_begin = 0;  // the optimizer scores bars [train_begin, train_end); the modules
                           // see the bars before too, as a live system would
  size_t train_end = 0;
  size_t test_end = 0;   // out of sample: bars [train_end, test_end); == train_end when none
};

// `walk_forward` > 0 cuts the bars into K + 1 blocks, fold k testing on block k and
// training on blocks 0..k-1 (anchored, expanding) or on block k-1 alone (`rolling`);
// otherwise one fold trains on the first `train_fraction` of the bars. Throws
// std::invalid_argument when a fold would train on fewer than 3 bars or test on 1.
std::vector<Fold> plan_folds(int walk_forward, double train_fraction, size_t bars, bool rolling = false);

}  // namespace mosaic::host::research
