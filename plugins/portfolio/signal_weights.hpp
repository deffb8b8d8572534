// How the portfolio blends several `signal.*` inputs into one score per asset and bar.
//
// Each source (the port name after "signal.") has a non-negative weight:
//   1. its entry in the `signal_weights` string, e.g. "momentum:0.5,carry:2", if it has one;
//   2. else `w_technical` for signal.technical and `w_sentiment` for signal.sentiment;
//   3. else `w_other`.
// The numeric parameters are what an optimizer searches; the string names any other source.
// The blend at an asset and bar is the weighted mean over the sources whose value there is
// finite:  score = sum_s w_s x_s / sum_s w_s.  It is NaN (no view) when no source with a
// positive weight has a value. Sources are scores in [-1, 1], so the blend is too.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mosaic::portfolio {

struct SignalWeights {
  double technical = 1.0;
  double sentiment = 1.0;
  double other = 1.0;
  std::vector<std::pair<std::string, double>> named;

  // Parses "name:weight,name:weight". Names may carry the "signal." prefix; weights are
  // finite and >= 0; a name may appear once. Throws std::invalid_argument naming the item.
  static std::vector<std::pair<std::string, double>> parse(std::string_view spec);

  // The weight of a source, given by its port name ("signal.technical") or its bare name.
  double weight(std::string_view source) const;
};

// One source's score per asset (spans of equal length) and its weight.
struct SignalSource {
  std::string name;
  double weight = 1.0;
  std::vector<std::span<const double>> columns;
};

// The blended score of one asset at bar t; NaN when no weighted source has a value.
double blend_at(std::span<const SignalSource> sources, size_t asset, size_t t);

}  // namespace mosaic::portfolio
