// Indicator series already computed for one asset in one process call, so that the signal
// rules reuse what `emit` publishes (rsi:14, bb:20:2, roc:20, ...) instead of computing it
// a second time. For Bollinger the remembered series is %b, the only band the rules read.
#pragma once

#include "emit_spec.hpp"

#include <optional>
#include <span>
#include <vector>

namespace mosaic::technical {

class IndicatorMemo {
 public:
  void clear() { entries_.clear(); }
  void remember(Indicator kind, const std::vector<double>& args, std::span<const double> values) {
    entries_.push_back({kind, args, values});
  }
  std::optional<std::span<const double>> find(Indicator kind, const std::vector<double>& args) const {
    for (const auto& e : entries_)
      if (e.kind == kind && e.args == args) return e.values;
    return std::nullopt;
  }

 private:
  struct Entry {
    Indicator kind;
    std::vector<double> args;
    std::span<const double> values;
  };
  std::vector<Entry> entries_;
};

}  // namespace mosaic::technical
