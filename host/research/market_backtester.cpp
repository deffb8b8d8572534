#include "host/research/market_backtester.hpp"

#include <stdexcept>

namespace mosaic::host::research {

Backtester market_backtester(const MarketData& data, const BacktestSettings& settings) {
  if (!data.has("close")) throw std::invalid_argument("backtest: the price data has no close");
  // The opens only when they are traded at: a fill at the close needs no open-to-close moves.
  const bool at_open = settings.fill == Fill::NextOpen;
  if (at_open && !data.has("open"))
    throw std::invalid_argument("backtest: fill = next_open trades at the open, and the price data has no open");
  return Backtester(data.bars(), data.assets(), data.fields.at("close"),
                    at_open ? std::span<const double>(data.fields.at("open")) : std::span<const double>());
}

}  // namespace mosaic::host::research
