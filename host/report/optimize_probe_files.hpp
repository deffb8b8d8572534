// The optimize folder's files behind report.html's overfitting pictures:
//   out_of_sample.csv  fold, trial, strategy, then in- and out-of-sample values of every
//                      metric, for the strategies measured out of sample (FoldResult::probes)
//   pbo_logits.csv     fold, combination, logit: the CSCV's logit per combination
#pragma once

#include "host/app/optimize.hpp"

#include <filesystem>

namespace mosaic::host::report {

// Throws app::Error (Output) naming the file it cannot write.
void write_out_of_sample_csv(const app::OptimizeResult& run, const std::filesystem::path& file);
void write_pbo_logits_csv(const app::OptimizeResult& run, const std::filesystem::path& file);

}  // namespace mosaic::host::report
