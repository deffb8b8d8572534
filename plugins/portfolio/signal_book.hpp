// The signal methods (signal_proportional, equal_weight_positive) over a whole run at once.
//
// They keep no rolling window, and a rebalance reads only its own bar, so a run can be built
// a column (asset) at a time over the rebalance bars instead of a cross-section per bar:
// a handful of tight loops in place of several calls per bar, which dominated the cost when
// the universe is small. Every weight comes from the same operations in the same order as
// PortfolioBuilder's bar-by-bar path, so the two give identical bits (tested).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mosaic::portfolio {

struct Config;      // portfolio_builder.hpp
struct MarketData;  // portfolio_builder.hpp

class SignalBook {
 public:
  struct Result {
    size_t rebalances = 0;
    double eligible_share = 0.0;  // at the last rebalance
  };

  // `config.method` must be a signal method; the inputs are checked by the caller.
  Result run(const Config& config, const MarketData& in, std::span<const std::span<double>> weights);

 private:
  template <class At>
  void masked_scores(const MarketData& in, size_t asset, bool has_signals, bool equal_weight, std::span<double> out,
                     At at);
  void allocate(const Config& config, bool has_signals, size_t assets);

  // Scratch reused between runs. The book holds each asset's masked score, then its weight,
  // at every rebalance: columns_[asset][k] for bar k * rebalance, in book_ or (a rebalance
  // every bar) in the output column itself.
  std::vector<double> book_, num_, den_, sum_, count_, neg_, gross_, scale_;
  std::vector<double*> columns_;
  size_t rebalances_ = 0;
};

}  // namespace mosaic::portfolio
