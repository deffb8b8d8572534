// When a decided weight is traded: at a bar's close, or at the next bar's open
// (docs/metrics.md, Timing).
#pragma once

#include <optional>
#include <string_view>

namespace mosaic::host {

enum class Fill {
  Close,     // at the close of the fill bar
  NextOpen,  // at the open of the bar after the fill bar
};

// "close" and "next_open", as [backtest] fill spells them.
constexpr std::string_view fill_name(Fill f) { return f == Fill::NextOpen ? "next_open" : "close"; }

constexpr std::optional<Fill> fill_named(std::string_view name) {
  if (name == fill_name(Fill::Close)) return Fill::Close;
  if (name == fill_name(Fill::NextOpen)) return Fill::NextOpen;
  return std::nullopt;
}

}  // namespace mosaic::host
