// One run of a session's pipeline on the whole data, and the backtest of its weights.
#pragma once

#include "host/app/session.hpp"
#include "host/backtest/buy_and_hold.hpp"
#include "host/research/weights_backtest.hpp"

#include <optional>

namespace mosaic::host::app {

struct RunOutcome {
  RunResult result;
  std::optional<research::WeightsBacktest> backtest;  // nullopt: the run made no weights port
  // The equal-weight buy-and-hold of the universe over the same bars, beside a backtest.
  std::optional<BuyAndHold> benchmark;
};

// Throws app::Error (Module) when the weights panel does not fit the data.
RunOutcome run_backtest(Session& s);

// Every module's state after one run (healthy, degraded, quarantined, disabled).
struct HealthOutcome {
  RunResult result;
  ModuleState overall;
};
HealthOutcome check_health(Session& s);

}  // namespace mosaic::host::app
