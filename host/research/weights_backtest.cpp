#include "host/research/weights_backtest.hpp"

#include "host/pipeline/weights_port.hpp"
#include "host/research/market_backtester.hpp"

#include <vector>

namespace mosaic::host::research {

std::optional<WeightsBacktest> backtest_weights(const MarketData& data, const RunResult& run,
                                                const BacktestSettings& settings) {
  std::vector<double> scratch;
  const auto w = run_weights_view(run.ports, data.bars(), data.assets(), scratch);
  if (!w) return std::nullopt;
  WeightsBacktest out{std::string(w->port), {}, {}};
  market_backtester(data, settings).run(w->values, settings, out.result);
  out.metrics = compute_metrics(out.result, settings);
  return out;
}

}  // namespace mosaic::host::research
