// The technical-indicators module: a blended trend / mean-reversion / momentum score per
// asset and bar, plus any indicator panels the `emit` parameter asks for.
#include "emit_spec.hpp"
#include "indicators/atr.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/roc.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/valid_bars.hpp"
#include "indicators/zscore.hpp"
#include "self_test_values.hpp"
#include "signal_rules.hpp"

#include <mosaic/module.hpp>

#include <cmath>
#include <optional>
#include <vector>

namespace mosaic::technical {

class TechnicalModule final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("technical", "1.1.0", mosaic::Role::Signal)
        .id("org.mosaic.technical")
        .describe("Technical indicators (SMA, EMA, RSI, MACD, Bollinger, ATR, ROC, z-score) and a blended "
                  "trend / mean-reversion / momentum score")
        .input("close", mosaic::Layout::Panel, "closing prices")
        .optional_input("high", mosaic::Layout::Panel, "highs, for ATR (close-only true range without them)")
        .optional_input("low", mosaic::Layout::Panel, "lows, for ATR")
        .output("signal.technical", mosaic::Layout::Panel, "blended score in [-1, 1]")
        .output("technical.*", mosaic::Layout::Panel, "indicator panels chosen by `emit`")
        .param_int("fast", 10, 2, 100, "fast moving-average period (trend rule)")
        .param_int("slow", 50, 5, 400, "slow moving-average period (trend rule); must exceed fast")
        .param_enum("trend_ma", "sma", {"sma", "ema"}, "moving-average type of the trend rule")
        .param_enum("trend_mode", "scaled", {"scaled", "sign"},
                    "trend score: \"scaled\" = spread / slow / trend_scale, clipped; \"sign\" = +1, 0 or -1 "
                    "(a pure crossover). A spread within 1e-12 of the slow average is a tie and scores 0")
        .param_int("rsi_period", 14, 2, 100, "RSI period (mean-reversion rule)")
        .param_int("bb_period", 20, 5, 100, "Bollinger period (mean-reversion rule)")
        .param_float("bb_k", 2.0, 0.5, 4.0, "Bollinger band width in population standard deviations", 0.25)
        .param_int("roc_period", 20, 1, 250, "rate-of-change period (momentum rule)")
        .param_float("w_trend", 1.0, 0.0, 1.0, "weight of the trend rule", 0.1)
        .param_float("w_meanrev", 0.5, 0.0, 1.0, "weight of the mean-reversion rule", 0.1)
        .param_float("w_momentum", 0.5, 0.0, 1.0, "weight of the momentum rule", 0.1)
        .param_float("trend_scale", 0.05, 0.001, 0.5, "MA spread (fraction of the slow MA) that scores +-1")
        .param_float("momentum_scale", 0.10, 0.005, 1.0, "rate of change that scores +-1")
        .param_string("emit", "", "indicator panels to publish, e.g. \"sma:20,rsi:14,macd:12:26:9,bb:20:2,atr:14\"")
        .setting()
        .constraint("fast < slow")
        .sla_latency_ms(5.0)
        .sla_min_confidence(0.5);
  }

  explicit TechnicalModule(const mosaic::Params& p) { configure(p); }

  // A search's new configuration keeps the instance, and with it the kept series.
  bool reconfigures() const override { return true; }
  void reconfigure(const mosaic::Params& p) override { configure(p); }

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const detail::WorkspaceScope scope(workspace_);
    const mosaic::PanelView close = in.panel("close");
    std::vector<std::span<const double>> columns;
    for (size_t a = 0; a < close.assets(); ++a) columns.push_back(close.column(a));
    kept_.check_prices(columns, in.content_key("close"));
    // Unfilled: score_series writes every bar of every asset.
    mosaic::PanelWriter& signal = out.panel("signal.technical", close, mosaic::kUnfilled);
    std::vector<std::vector<mosaic::PanelWriter*>> emitted;
    for (const auto& request : emit_) emitted.push_back(emit_indicator(request, in, close, out));
    IndicatorMemo memo;
    for (size_t a = 0; a < close.assets(); ++a) {
      memo.clear();
      for (size_t i = 0; i < emit_.size(); ++i) remember(emit_[i], emitted[i], a, memo);
      score_series(rules_, close.column(a), signal.column(a), scratch_, memo, &kept_, a);
    }
    // Inside the slowest rule's lookback the signal is NaN for lack of history; when the last
    // bar is such a bar for every asset, the signal is warming up (mosaic.ext.warmup/1), not
    // failing its confidence floor.
    if (!has_last_value(signal, close.assets())) out.set_warmup("signal.technical");
  }

  void self_test() override { run_self_test(); }

 private:
  // Reads and checks every parameter; leaves the instance unchanged when one is refused.
  void configure(const mosaic::Params& p) {
    SignalRules rules;
    rules.fast = static_cast<int>(p.get_int("fast"));
    rules.slow = static_cast<int>(p.get_int("slow"));
    rules.ema_trend = p.get_enum("trend_ma") == "ema";
    rules.trend_mode = p.get_enum("trend_mode") == "sign" ? TrendMode::Sign : TrendMode::Scaled;
    rules.rsi_period = static_cast<int>(p.get_int("rsi_period"));
    rules.bb_period = static_cast<int>(p.get_int("bb_period"));
    rules.bb_k = p.get_float("bb_k");
    rules.roc_period = static_cast<int>(p.get_int("roc_period"));
    rules.w_trend = p.get_float("w_trend");
    rules.w_meanrev = p.get_float("w_meanrev");
    rules.w_momentum = p.get_float("w_momentum");
    rules.trend_scale = p.get_float("trend_scale");
    rules.momentum_scale = p.get_float("momentum_scale");
    std::vector<EmitRequest> emit;
    try {
      rules.check();
      emit = parse_emit(p.get_string("emit"));
    } catch (const std::invalid_argument& e) {
      throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, e.what());
    }
    rules_ = rules;
    emit_ = std::move(emit);
  }

  static bool has_last_value(mosaic::PanelWriter& panel, size_t assets) {
    for (size_t a = 0; a < assets; ++a) {
      const auto column = panel.column(a);
      if (!column.empty() && std::isfinite(column.back())) return true;
    }
    return false;
  }

  // The emitted series the signal rules can reuse for asset `a`.
  static void remember(const EmitRequest& r, const std::vector<mosaic::PanelWriter*>& panels, size_t a,
                       IndicatorMemo& memo) {
    switch (r.indicator) {
      case Indicator::Sma:
      case Indicator::Ema:
      case Indicator::Rsi:
      case Indicator::Roc: memo.remember(r.indicator, r.args, panels[0]->column(a)); break;
      case Indicator::Bollinger: memo.remember(r.indicator, r.args, panels[3]->column(a)); break;
      default: break;
    }
  }

  static std::vector<mosaic::PanelWriter*> emit_indicator(const EmitRequest& r, const mosaic::Inputs& in,
                                                          const mosaic::PanelView& close,
                                                          mosaic::Outputs& out) {
    const std::vector<std::string> names = port_names(r);
    std::vector<mosaic::PanelWriter*> panels;
    for (const auto& name : names) panels.push_back(&out.panel(name, close));
    const int n = static_cast<int>(r.args[0]);
    const bool has_hl = in.has("high") && in.has("low");
    std::optional<mosaic::PanelView> high, low;
    if (r.indicator == Indicator::Atr && has_hl) {
      high.emplace(in.panel("high"));
      low.emplace(in.panel("low"));
    }
    for (size_t a = 0; a < close.assets(); ++a) {
      auto x = close.column(a);
      switch (r.indicator) {
        case Indicator::Sma: sma(x, n, panels[0]->column(a)); break;
        case Indicator::Ema: ema(x, n, panels[0]->column(a)); break;
        case Indicator::Rsi: rsi(x, n, panels[0]->column(a)); break;
        case Indicator::Roc: roc(x, n, panels[0]->column(a)); break;
        case Indicator::Zscore: zscore(x, n, panels[0]->column(a)); break;
        case Indicator::Macd:
          macd(x, n, static_cast<int>(r.args[1]), static_cast<int>(r.args[2]), panels[0]->column(a),
               panels[1]->column(a), panels[2]->column(a));
          break;
        case Indicator::Bollinger:
          bollinger(x, n, r.args[1], panels[2]->column(a), panels[1]->column(a), panels[0]->column(a),
                    panels[3]->column(a));
          break;
        case Indicator::Atr:
          if (high) atr(high->column(a), low->column(a), x, n, panels[0]->column(a));
          else atr({}, {}, x, n, panels[0]->column(a));
          break;
      }
    }
    return panels;
  }

  SignalRules rules_;
  std::vector<EmitRequest> emit_;
  // Per instance, not thread_local: an instance runs on one thread at a time, and
  // thread_local objects would pin the library in memory (see valid_bars.hpp).
  detail::Workspace workspace_;
  SignalScratch scratch_;
  KeptSeries kept_{kKeptBytes};
  static constexpr size_t kKeptBytes = size_t{32} << 20;
};

}  // namespace mosaic::technical

MOSAIC_EXPORT_MODULE(mosaic::technical::TechnicalModule)
