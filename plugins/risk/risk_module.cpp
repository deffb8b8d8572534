// The risk module: turns weights.target into weights.final through volatility targeting,
// weight and leverage caps and a drawdown brake, and reports the historical one-day VaR and
// CVaR at 95% of the book it holds. The maths lives in risk_core (risk_engine.hpp documents
// the timing).
#include "risk_controls.hpp"
#include "risk_engine.hpp"
#include "self_test.hpp"

#include <mosaic/module.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mosaic::risk {

class RiskModule final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("risk", "1.1.0", mosaic::Role::Risk)
        .id("org.mosaic.risk")
        .describe("Risk management: volatility targeting, per-asset and leverage caps, a drawdown brake; "
                  "historical one-day VaR and CVaR at 95% of the book held")
        .input("weights.target", mosaic::Layout::Panel, "target weights from portfolio construction")
        .input("close", mosaic::Layout::Panel, "closing prices")
        .output("weights.final", mosaic::Layout::Panel, "weights after the risk controls, decided with data up to the bar")
        .output("risk.var_95", mosaic::Layout::Panel,
                "historical one-day VaR at 95% of the book held, loss fraction (one column, 'portfolio')")
        .output("risk.cvar_95", mosaic::Layout::Panel,
                "historical one-day CVaR (expected shortfall) at 95%, loss fraction (one column, 'portfolio')")
        .param_float("vol_target", 0.10, 0.0, 1.0, "annualised volatility target of the book; 0 = off", 0.01)
        .param_enum("vol_basis", "invested", {"invested", "book"},
                    "what vol_target is the target of: a fully invested book, a book with less gross using that "
                    "share of it (invested), or the book as it comes, undoing any exposure decision upstream (book)")
        .param_int("vol_lookback", 63, 10, 504, "daily returns in the rolling covariance")
        .param_float("max_leverage", 1.5, 0.1, 10.0, "gross exposure the volatility target may scale up to", 0.1)
        .param_int("periods_per_year", 252, 1, 100000, "bars per year, to annualise volatility")
        .setting()
        .param_float("max_weight", 0.0, 0.0, 1.0, "cap on each |weight|; 0 = off", 0.05)
        .param_float("max_gross", 0.0, 0.0, 10.0, "cap on sum |weight|; 0 = off", 0.1)
        .param_float("max_net", 0.0, 0.0, 10.0, "cap on |sum weight|; 0 = off", 0.1)
        .param_float("dd_threshold", 0.0, 0.0, 0.9, "drawdown of the module's own equity that engages the brake; 0 = off",
                     0.01)
        .param_float("dd_factor", 0.5, 0.1, 1.0, "exposure multiplier while the brake is engaged", 0.05)
        .param_int("var_lookback", 250, 20, 2520, "past portfolio returns behind VaR and CVaR")
        .setting()
        .sla_latency_ms(5.0);
  }

  explicit RiskModule(const mosaic::Params& p) {
    Controls c;
    c.vol_target = p.get_float("vol_target");
    c.vol_basis = p.get_enum("vol_basis") == "book" ? VolBasis::Book : VolBasis::Invested;
    c.vol_lookback = static_cast<int>(p.get_int("vol_lookback"));
    c.max_leverage = p.get_float("max_leverage");
    c.periods_per_year = static_cast<int>(p.get_int("periods_per_year"));
    c.max_weight = p.get_float("max_weight");
    c.max_gross = p.get_float("max_gross");
    c.max_net = p.get_float("max_net");
    c.dd_threshold = p.get_float("dd_threshold");
    c.dd_factor = p.get_float("dd_factor");
    c.var_lookback = static_cast<int>(p.get_int("var_lookback"));
    try {
      engine_.emplace(c);
    } catch (const std::invalid_argument& e) {
      throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, e.what());
    }
  }

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView close = in.panel("close");
    const mosaic::PanelView target = in.panel("weights.target");
    const size_t assets = close.assets();
    if (target.rows() != close.rows())
      throw mosaic::Error(MOSAIC_ERR_BAD_INPUT, "weights.target has " + std::to_string(target.rows()) +
                                                    " bars, close has " + std::to_string(close.rows()));
    inputs_.close.clear();
    inputs_.target.clear();
    for (size_t a = 0; a < assets; ++a) {
      const size_t at = a < target.assets() && target.ticker(a) == close.ticker(a) ? a : target.find(close.ticker(a));
      if (at >= target.assets())
        throw mosaic::Error(MOSAIC_ERR_BAD_INPUT, "weights.target has no column for " + std::string(close.ticker(a)));
      inputs_.close.push_back(close.column(a));
      inputs_.target.push_back(target.column(at));
    }

    mosaic::Shape shape = close.shape();
    mosaic::PanelWriter& final_weights = out.panel("weights.final", shape);
    shape.tickers = {"portfolio"};
    mosaic::PanelWriter& var = out.panel("risk.var_95", shape);
    mosaic::PanelWriter& cvar = out.panel("risk.cvar_95", shape);
    outputs_.final_weights.clear();
    for (size_t a = 0; a < assets; ++a) outputs_.final_weights.push_back(final_weights.column(a));
    outputs_.var = var.column(0);
    outputs_.cvar = cvar.column(0);
    engine_->run(inputs_, outputs_);
  }

  void self_test() override { run_self_test(); }

 private:
  std::optional<RiskEngine> engine_;
  // Per instance, reused between calls.
  RiskInputs inputs_;
  RiskOutputs outputs_;
};

}  // namespace mosaic::risk

MOSAIC_EXPORT_MODULE(mosaic::risk::RiskModule)
