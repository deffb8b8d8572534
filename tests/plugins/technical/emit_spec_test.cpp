#include "emit_spec.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace mosaic::technical;

namespace {

std::vector<std::string> ports(const std::string& spec) {
  std::vector<std::string> all;
  for (const auto& r : parse_emit(spec))
    for (const auto& p : port_names(r)) all.push_back(p);
  return all;
}

std::string error_of(const std::string& spec) {
  try {
    parse_emit(spec);
    return {};
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("emit: every indicator names its ports technical.<indicator>_<params>") {
  CHECK(ports("").empty());
  CHECK(ports("  ").empty());
  CHECK(ports("sma:20, rsi:14") == std::vector<std::string>{"technical.sma_20", "technical.rsi_14"});
  CHECK(ports("macd:12:26:9") == std::vector<std::string>{"technical.macd_12_26_9", "technical.macd_signal_12_26_9",
                                                          "technical.macd_hist_12_26_9"});
  CHECK(ports("bb:20:2") == std::vector<std::string>{"technical.bb_upper_20_2", "technical.bb_middle_20_2",
                                                     "technical.bb_lower_20_2", "technical.bb_pctb_20_2"});
  CHECK(ports("bb:20:2.5") == std::vector<std::string>{"technical.bb_upper_20_2.5", "technical.bb_middle_20_2.5",
                                                       "technical.bb_lower_20_2.5", "technical.bb_pctb_20_2.5"});
  CHECK(ports("ema:5,atr:14,roc:20,zscore:30") ==
        std::vector<std::string>{"technical.ema_5", "technical.atr_14", "technical.roc_20", "technical.zscore_30"});
}

TEST_CASE("emit: mistakes name the item and what was expected") {
  CHECK(error_of("sma:20,wma:5").rfind("emit: 'wma:5': unknown indicator 'wma'", 0) == 0);
  CHECK(error_of("sma").rfind("emit: 'sma': sma takes 1 argument(s)", 0) == 0);
  CHECK(error_of("macd:12:26").rfind("emit: 'macd:12:26': macd takes 3 argument(s)", 0) == 0);
  CHECK(error_of("sma:2.5").rfind("emit: 'sma:2.5': periods are whole numbers in [1, 10000]", 0) == 0);
  CHECK(error_of("sma:x").rfind("emit: 'sma:x': 'x' is not a number", 0) == 0);
  CHECK(error_of("bb:20:0").rfind("emit: 'bb:20:0': the band width k must be in (0, 10]", 0) == 0);
  CHECK(error_of("macd:26:12:9").rfind("emit: 'macd:26:12:9': macd needs fast < slow", 0) == 0);
  CHECK(error_of("sma:20,,rsi:14").rfind("emit: '': empty item", 0) == 0);
  // The same ports twice would make every run fail with "emitted twice": refused up front.
  CHECK(error_of("sma:20,sma:20").rfind("emit: 'sma:20': requested twice", 0) == 0);
  CHECK(error_of("bb:20:2,bb:20:2.0").rfind("emit: 'bb:20:2.0': requested twice", 0) == 0);
  CHECK(error_of("sma:20").empty());
}
