#include "host/data/market_data.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace mosaic::host {

std::span<const double> MarketData::series(const std::string& field, size_t asset) const {
  const auto it = fields.find(field);
  if (it == fields.end())
    throw std::out_of_range(fmt::format("market data has no field '{}'", field));
  if (asset >= assets()) {
    throw std::out_of_range(fmt::format("field '{}': asset index {} is out of range ({} assets)",
                                        field, asset, assets()));
  }
  return std::span<const double>(it->second).subspan(asset * bars(), bars());
}

MarketData MarketData::slice(size_t first_bar, size_t end_bar) const {
  if (first_bar > end_bar || end_bar > bars()) {
    throw std::out_of_range(
        fmt::format("slice [{}, {}) is not within the {} bars", first_bar, end_bar, bars()));
  }
  MarketData out;
  out.ts.assign(ts.begin() + static_cast<ptrdiff_t>(first_bar),
                ts.begin() + static_cast<ptrdiff_t>(end_bar));
  out.tickers = tickers;
  for (const auto& [name, values] : fields) {
    std::vector<double>& sliced = out.fields[name];
    sliced.reserve(assets() * out.bars());
    for (size_t a = 0; a < assets(); ++a) {
      const auto from = values.begin() + static_cast<ptrdiff_t>(a * bars());
      sliced.insert(sliced.end(), from + static_cast<ptrdiff_t>(first_bar),
                    from + static_cast<ptrdiff_t>(end_bar));
    }
  }
  return out;
}

}  // namespace mosaic::host
