// Indicator series kept from one process call to the next by one instance. A search hands
// the same prices to every configuration and the instance survives them
// (mosaic.ext.reconfigure/1), so a moving average of a period another configuration already
// used is looked up instead of computed: an SMA sweep has 4,263 configurations but only 145
// distinct periods.
//
// The series are valid for the prices they came from. The instance keeps a copy of the close
// panel and compares it exactly at every call (a hash could collide and serve a stale series);
// different prices forget everything. Bounded: past the budget nothing more is kept, and
// what is kept stays until the prices change, so a series handed out stays valid. Evicting
// instead (least recently used, or all) was measured on the default example's 39,000-config
// genetic run, whose periods do not fit: the churn of freeing and refilling made it slower
// than keeping the first series.
#pragma once

#include "emit_spec.hpp"

#include <cstddef>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <tuple>
#include <vector>

namespace mosaic::technical {

class KeptSeries {
 public:
  explicit KeptSeries(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // At the start of a process call, with the close panel's columns and the host's key of
  // them (mosaic.ext.content_key/1; 0 when the host has none): forgets everything unless
  // they hold exactly the prices of the previous call. Equal keys say so without reading
  // the prices; without a key they are compared.
  void check_prices(const std::vector<std::span<const double>>& close, std::uint64_t key) {
    const std::size_t rows = close.empty() ? 0 : close.front().size(), assets = close.size();
    bool same = rows == rows_ && assets == assets_;
    if (same && key != 0 && key == key_) return;
    // memcmp and memcpy of nothing still need valid pointers, which empty columns lack.
    for (std::size_t a = 0; same && a < assets && rows > 0; ++a)
      same = std::memcmp(close[a].data(), prices_.data() + a * rows, rows * sizeof(double)) == 0;
    key_ = key;
    if (same) return;
    series_.clear();
    bytes_ = 0;
    rows_ = rows;
    assets_ = assets;
    prices_.resize(rows * assets);
    for (std::size_t a = 0; a < assets && rows > 0; ++a)
      std::memcpy(prices_.data() + a * rows, close[a].data(), rows * sizeof(double));
  }

  std::optional<std::span<const double>> find(Indicator kind, const std::vector<double>& args,
                                              std::size_t asset) const {
    const auto it = series_.find(Key{kind, args, asset});
    if (it == series_.end()) return std::nullopt;
    return std::span<const double>(it->second);
  }

  // Room for a new series of the current length, or nullopt past the budget (the caller
  // computes into its own scratch then).
  std::optional<std::span<double>> make(Indicator kind, const std::vector<double>& args, std::size_t asset) {
    const std::size_t size = rows_ * sizeof(double);
    if (bytes_ + size > budget_) return std::nullopt;
    bytes_ += size;
    auto& values = series_[Key{kind, args, asset}];
    values.assign(rows_, 0.0);
    return std::span<double>(values);
  }

  // Forgets a series whose computation failed half-way (make() handed out its room).
  void forget(Indicator kind, const std::vector<double>& args, std::size_t asset) {
    const auto it = series_.find(Key{kind, args, asset});
    if (it == series_.end()) return;
    bytes_ -= it->second.size() * sizeof(double);
    series_.erase(it);
  }

 private:
  using Key = std::tuple<Indicator, std::vector<double>, std::size_t>;
  std::size_t budget_, bytes_ = 0;
  std::size_t rows_ = 0, assets_ = 0;
  std::vector<double> prices_;  // column by column
  std::uint64_t key_ = 0;       // the host's key of prices_, 0 when unknown
  std::map<Key, std::vector<double>> series_;
};

}  // namespace mosaic::technical
