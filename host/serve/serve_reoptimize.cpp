// Scheduled re-optimization in the serve loop: the parts of ServeHost that start an
// occasion, act on its verdict, run a candidate's shadow period and promote it through the
// config gate. The search itself runs on the Reoptimizer's thread; everything here runs on
// the serve loop's, between bars.
#include "host/data/timestamp.hpp"
#include "host/loader/sha256.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/data_ports.hpp"
#include "host/pipeline/weights_port.hpp"
#include "host/report/best_config.hpp"
#include "host/serve/serve_host.hpp"
#include "host/serve/status_documents.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace mosaic::host::serve {
namespace {

// The last bar of the run's traded weights, by asset; empty when it has none.
std::vector<double> last_weights(const RunResult& run, size_t bars, size_t assets) {
  std::optional<WeightsMatrix> w;
  try {
    w = run_weights(run.ports, bars, assets);
  } catch (const std::exception&) {
    return {};
  }
  if (!w || bars == 0) return {};
  std::vector<double> out(assets);
  for (size_t a = 0; a < assets; ++a) out[a] = w->values[a * bars + bars - 1];
  return out;
}

std::string gate_summary(const app::GateFigures& f, const ReoptimizeGate& g) {
  return fmt::format("passed the gate: holdout {} {:.4g} against the live config's {:.4g} ({:+.4g}, margin {:.4g}); "
                     "DSR {:.4f} >= {:.4f} over {} strategies; PBO {:.4f} <= {:.4f}",
                     f.target, f.candidate_holdout, f.live_holdout, f.improvement, g.margin, f.dsr.value_or(NAN),
                     g.min_dsr, f.strategies, f.pbo.value_or(NAN), g.max_pbo);
}

}  // namespace

void ServeHost::maybe_reoptimize() {
  const auto& c = parts_.config.reoptimize;
  // Not on a config still on probation: its first bar may yet roll it back.
  if (!c || shadow_ || probation_ || !reoptimizer_->due(*c, stats_.bars)) return;
  const BarHistory& history = parts_.feed->history();
  if (history.bars() < c->window) {
    if (!short_history_logged_)
      log_warn("reoptimize", fmt::format("an occasion is due, but serve holds {} bars and the window needs {}; it "
                                         "starts once they have arrived",
                                         history.bars(), c->window));
    short_history_logged_ = true;
    return;
  }
  short_history_logged_ = false;
  reoptimizer_->start(parts_.config, history.window(history.bars(), c->window), stats_.bars);
}

void ServeHost::take_reoptimization() {
  auto finished = reoptimizer_->take_finished();
  if (!finished) return;
  Occasion& o = *finished->occasion;
  if (finished->outcome) {
    const app::Reoptimization& r = *finished->outcome;
    if (o.live_sha256 != stats_.live_config.sha256) {
      reoptimizer_->decide(o, "stopped", {fmt::format("superseded: the live config changed during the search (now {} "
                                                       "from {}); its figures no longer compare with it",
                                                       stats_.live_config.sha256.substr(0, 12), stats_.live_config.source)});
    } else if (!r.verdict.pass) {
      reoptimizer_->decide(o, "rejected", r.verdict.reasons);
    } else {
      act_on_winner(o, r);
    }
  }
  if (o.status == "rejected" || o.status == "failed" || o.status == "stopped")
    log_warn("reoptimize", fmt::format("occasion {} {}: {}", o.number, o.status, fmt::join(o.reasons, "; ")));
  else
    log_info("reoptimize", fmt::format("occasion {} {}{}", o.number, o.status,
                                       o.reasons.empty() ? "" : ": " + fmt::format("{}", fmt::join(o.reasons, "; "))));
  publish();
}

void ServeHost::act_on_winner(Occasion& o, const app::Reoptimization& r) {
  const std::string text = report::best_config_toml(*r.session, *r.winner);
  o.candidate_sha256 = sha256_hex(text);
  reoptimizer_->write_file(o, "candidate.toml", text);
  std::vector<std::string> reasons{gate_summary(r.figures, o.gate)};
  const std::string source = fmt::format("reoptimize occasion {}", o.number);
  if (o.gate.shadow_bars == 0) return promote(o, text, std::move(reasons), source);

  // The candidate goes through the config gate now, so that its shadow runs the pipeline
  // that would go live; it is not swapped in.
  std::map<std::string, PortValue> data;
  std::optional<PluginLock> live_lock = parts_.shadow.current_lock();
  DeployContext context = deploy_context(data);
  DeployCandidate c = prepare_deploy(text, parts_.config.file.parent_path() / "reoptimized-config.toml", source,
                                     source, context);
  parts_.shadow.set_lock(std::move(live_lock));
  if (!c.pipeline) {
    reoptimizer_->decide(o, "rejected", {"config gate: " + c.record.result});
    return;
  }
  shadow_.emplace(text, std::move(c.config), std::move(c.pipeline), o.gate.shadow_bars);
  shadow_occasion_ = o.number;
  o.status = "shadowing";
  o.reasons = std::move(reasons);
  reoptimizer_->write_occasion(o);
}

void ServeHost::promote(Occasion& o, const std::string& text, std::vector<std::string> reasons, const std::string& source) {
  const DeployRecord d =
      deploy(text, parts_.config.file.parent_path() / "reoptimized-config.toml", source, source, o.number);
  if (!d.ok) {
    reoptimizer_->decide(o, "rejected", {"config gate: " + d.result});
    return;
  }
  reasons.push_back(fmt::format("live as config {}", d.sha256.substr(0, 12)));
  reoptimizer_->decide(o, "promoted", std::move(reasons));
}

void ServeHost::step_shadow(const MarketData& window, const Shape& shape, const RunResult& live) {
  const RunResult candidate = shadow_->pipeline().run(data_ports(window), shape);
  if (const std::string why = run_verdict(candidate, shape); !why.empty())
    return end_shadow("rejected", {fmt::format("shadow: the candidate failed a bar: {}", why)});
  const size_t bars = window.bars(), assets = window.assets();
  std::vector<double> closes(assets);
  const std::vector<double>& close = window.fields.at("close");
  for (size_t a = 0; a < assets; ++a) closes[a] = close[a * bars + bars - 1];
  shadow_->step(window.ts.back(), closes, last_weights(live, bars, assets), last_weights(candidate, bars, assets));
  if (!shadow_->done()) return;

  Occasion* o = reoptimizer_->find(shadow_occasion_);
  const double confidence = o ? o->gate.shadow_confidence : 0.95;
  const app::ShadowVerdict v = shadow_->verdict(parts_.config.backtest, confidence);
  if (o) {
    o->shadow = shadow_json(v, shadow_->returns());
    std::string csv = "ts,live_return,candidate_return\n";
    for (size_t i = 0; i < shadow_->returns(); ++i)
      csv += fmt::format("{},{},{}\n", format_timestamp(shadow_->times()[i]), shadow_->live_returns()[i],
                         shadow_->candidate_returns()[i]);
    reoptimizer_->write_file(*o, "shadow.csv", csv);
  }
  if (v.rejected) return end_shadow("rejected", [&] {
    std::vector<std::string> out;
    for (const auto& why : v.reasons) out.push_back("shadow: " + why);
    return out;
  }());
  const std::string text = shadow_->text();
  shadow_.reset();
  if (!o) return;
  std::vector<std::string> reasons = o->reasons;
  reasons.push_back("shadow: " + v.reasons.front());
  promote(*o, text, std::move(reasons), fmt::format("reoptimize occasion {} after {} shadow bars", o->number,
                                                    o->gate.shadow_bars));
}

void ServeHost::end_shadow(const std::string& status, std::vector<std::string> reasons) {
  if (Occasion* o = reoptimizer_->find(shadow_occasion_)) {
    reoptimizer_->decide(*o, status, std::move(reasons));
    log_warn("reoptimize", fmt::format("occasion {} {}: {}", o->number, status, fmt::join(o->reasons, "; ")));
  }
  shadow_.reset();
}

void ServeHost::stop_reoptimization() {
  reoptimizer_->stop();
  if (shadow_) end_shadow("stopped", {"serve stopped during the shadow period; the candidate was not applied"});
}

}  // namespace mosaic::host::serve
