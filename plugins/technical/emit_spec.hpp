// The `emit` parameter: which indicator panels to publish besides the signal, e.g.
// "sma:20,rsi:14,macd:12:26:9,bb:20:2,atr:14". Each request names its output ports
// technical.<indicator>_<params>.
#pragma once

#include <string>
#include <vector>

namespace mosaic::technical {

enum class Indicator { Sma, Ema, Rsi, Macd, Bollinger, Atr, Roc, Zscore };

struct EmitRequest {
  Indicator indicator;
  std::vector<double> args;  // periods (whole numbers), and the band width k for bb
  std::string suffix;        // "20", "12_26_9", "20_2"
};

// Throws std::invalid_argument naming the bad item and what was expected.
std::vector<EmitRequest> parse_emit(const std::string& spec);

// The port names one request produces, e.g. technical.bb_upper_20_2 ... for bb:20:2.
std::vector<std::string> port_names(const EmitRequest& r);

}  // namespace mosaic::technical
