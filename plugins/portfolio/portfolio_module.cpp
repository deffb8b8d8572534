// The portfolio-construction module: turns signals, prices and the regime into target
// weights (weights.target) with one of six methods. The maths lives in portfolio_core
// (portfolio_builder.hpp documents timing, warm-up and missing data).
#include "portfolio_builder.hpp"
#include "self_test.hpp"
#include "signal_weights.hpp"

#include <mosaic/module.hpp>

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mosaic::portfolio {

class PortfolioModule final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("portfolio", "1.0.0", mosaic::Role::Portfolio)
        .id("org.mosaic.portfolio")
        .describe("Portfolio construction: signal-proportional, equal weight on positive signals, inverse "
                  "volatility, minimum variance and mean-variance on a Ledoit-Wolf shrunk covariance, and "
                  "risk parity; blended signals, a rebalance interval and regime conditioning")
        .input("close", mosaic::Layout::Panel, "closing prices")
        .optional_input("signal.*", mosaic::Layout::Panel, "scores in [-1, 1], blended by the signal weights")
        .optional_input("regime.p_high_vol", mosaic::Layout::Panel,
                        "probability of the high-volatility regime (one column, 'market')")
        .output("weights.target", mosaic::Layout::Panel,
                "target weight per asset and bar, decided with data up to that bar; 0 until a method has "
                "enough history")
        .param_enum("method", "signal_proportional",
                    std::vector<std::string>(std::begin(kMethodNames), std::end(kMethodNames)),
                    "construction method; min_variance is fully invested, mean_variance invests at most 1, both "
                    "long-only")
        .param_bool("long_only", true,
                    "signal_proportional and equal_weight_positive: false allows shorts with net exposure 0")
        .param_float("w_technical", 1.0, 0.0, 1.0, "blend weight of signal.technical", 0.1)
        .param_float("w_sentiment", 1.0, 0.0, 1.0, "blend weight of signal.sentiment", 0.1)
        .param_float("w_other", 1.0, 0.0, 1.0, "blend weight of any other signal.* source", 0.1)
        .param_string("signal_weights", "",
                      "explicit blend weights by source, overriding the three above, e.g. \"momentum:0.5,carry:2\"")
        .setting()
        .names_ports()
        .param_bool("signal_filter", false,
                    "inverse_volatility, min_variance, mean_variance, risk_parity: hold only assets whose blended "
                    "signal is positive")
        .param_int("lookback", 63, 10, 504, "daily returns in the covariance / volatility window")
        .param_int("rebalance", 5, 1, 252, "bars between rebalances; weights are held in between")
        .param_float("risk_aversion", 5.0, 0.5, 50.0,
                     "mean_variance: gamma in max mu'w - gamma/2 w'Sigma w (annualised; the blended score is read "
                     "as an annual Sharpe ratio)",
                     0.5)
        .param_float("regime_k", 0.5, 0.0, 1.0, "gross exposure is scaled by 1 - regime_k * p_high_vol", 0.1)
        .param_int("periods_per_year", 252, 1, 100000, "bars per year, to annualise mean_variance's inputs")
        .setting()
        .sla_latency_ms(5.0);
  }

  explicit PortfolioModule(const mosaic::Params& p) {
    const auto method = parse_method(p.get_enum("method"));
    if (!method) throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "method: unknown '" + p.get_enum("method") + "'");
    Config c;
    c.method = *method;
    c.long_only = p.get_bool("long_only");
    c.signal_filter = p.get_bool("signal_filter");
    c.lookback = static_cast<int>(p.get_int("lookback"));
    c.rebalance = static_cast<int>(p.get_int("rebalance"));
    c.risk_aversion = p.get_float("risk_aversion");
    c.regime_k = p.get_float("regime_k");
    c.periods_per_year = static_cast<int>(p.get_int("periods_per_year"));
    weights_.technical = p.get_float("w_technical");
    weights_.sentiment = p.get_float("w_sentiment");
    weights_.other = p.get_float("w_other");
    try {
      weights_.named = SignalWeights::parse(p.get_string("signal_weights"));
      builder_.emplace(c);
    } catch (const std::invalid_argument& e) {
      throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, e.what());
    }
  }

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView close = in.panel("close");
    const size_t assets = close.assets();
    data_.close.clear();
    for (size_t a = 0; a < assets; ++a) data_.close.push_back(close.column(a));

    data_.signals.clear();
    for (std::string_view name : in.matching("signal.*")) {
      const mosaic::PanelView panel = in.panel(name);
      SignalSource& s = data_.signals.emplace_back();
      s.name = std::string(name);
      s.weight = weights_.weight(name);
      // Panels of a run share the universe; match by ticker all the same, so a source that
      // covers fewer assets reads as "no view" on the others.
      const bool same_rows = panel.rows() == close.rows();
      for (size_t a = 0; a < assets; ++a) {
        const size_t at = a < panel.assets() && panel.ticker(a) == close.ticker(a) ? a : panel.find(close.ticker(a));
        if (same_rows && at < panel.assets()) {
          s.columns.push_back(panel.column(at));
          continue;
        }
        // Made only when a source lacks an asset, rather than a column of NaN on every call.
        if (missing_.size() != close.rows()) missing_.assign(close.rows(), std::numeric_limits<double>::quiet_NaN());
        s.columns.push_back(missing_);
      }
    }

    data_.p_high_vol = {};
    if (in.has("regime.p_high_vol")) {
      const mosaic::PanelView regime = in.panel("regime.p_high_vol");
      if (regime.assets() > 0 && regime.rows() == close.rows()) {
        const size_t at = regime.find("market");
        data_.p_high_vol = regime.column(at < regime.assets() ? at : 0);
      }
    }

    mosaic::PanelWriter& weights = out.panel("weights.target", close);
    columns_.clear();
    for (size_t a = 0; a < assets; ++a) columns_.push_back(weights.column(a));
    builder_->run(data_, columns_);
    out.set_confidence("weights.target", builder_->eligible_share());
  }

  void self_test() override { run_self_test(); }

 private:
  SignalWeights weights_;
  std::optional<PortfolioBuilder> builder_;
  // Per instance, reused between calls.
  MarketData data_;
  std::vector<double> missing_;
  std::vector<std::span<double>> columns_;
};

}  // namespace mosaic::portfolio

MOSAIC_EXPORT_MODULE(mosaic::portfolio::PortfolioModule)
