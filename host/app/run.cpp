#include "host/app/run.hpp"

#include "host/app/error.hpp"
#include "host/pipeline/market_ports.hpp"
#include "host/pipeline/module_json.hpp"

namespace mosaic::host::app {

RunOutcome run_backtest(Session& s) {
  RunOutcome out{s.pipeline->run(data_ports(s), shape_of(s.data)), std::nullopt, std::nullopt};
  try {
    out.backtest = research::backtest_weights(s.data, out.result, s.config.backtest);
  } catch (const std::runtime_error& e) {
    throw Error(ErrorKind::Module, e.what());
  }
  if (out.backtest) out.benchmark = equal_weight_buy_and_hold(s.data.bars(), s.data.assets(), s.data.fields.at("close"));
  return out;
}

HealthOutcome check_health(Session& s) {
  RunResult result = s.pipeline->run(data_ports(s), shape_of(s.data));
  return {std::move(result), overall_state(*s.pipeline)};
}

}  // namespace mosaic::host::app
