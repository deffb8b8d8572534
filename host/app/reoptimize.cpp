#include "host/app/reoptimize.hpp"

#include "host/app/error.hpp"
#include "host/research/config_evaluator.hpp"
#include "host/research/eval_data.hpp"
#include "host/research/objective.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mosaic::host::app {
namespace {

OptimizeSpec spec_of(const ReoptimizeConfig& r) {
  OptimizeSpec spec;
  spec.method = r.method;
  if (r.target) spec.targets = std::vector<std::string>{*r.target};
  if (r.max_evaluations || r.max_seconds) {
    spec.max_evaluations = r.max_evaluations;
    spec.max_seconds = r.max_seconds;
  }
  spec.threads = r.threads;
  spec.seed = r.seed;
  spec.walk_forward = 0;
  return spec;
}

}  // namespace

GateVerdict judge_gate(const GateFigures& f, const ReoptimizeGate& gate) {
  GateVerdict v;
  if (f.winner_is_live) v.reasons.push_back("the search's winner is the live config");
  if (!std::isfinite(f.improvement))
    v.reasons.push_back(fmt::format("holdout: {} is undefined for the {} (live {}, candidate {})", f.target,
                                    std::isfinite(f.candidate_holdout) ? "live config" : "candidate", f.live_holdout,
                                    f.candidate_holdout));
  else if (f.improvement < gate.margin)
    v.reasons.push_back(fmt::format("holdout: the candidate's {} {:.4g} against the live config's {:.4g} gains {:+.4g}, "
                                    "short of the margin {:.4g}",
                                    f.target, f.candidate_holdout, f.live_holdout, f.improvement, gate.margin));
  if (!f.dsr)
    v.reasons.push_back(fmt::format("DSR: not computed ({})", f.dsr_note));
  else if (*f.dsr < gate.min_dsr)
    v.reasons.push_back(fmt::format("DSR: {:.4f} is below the floor {:.4f} (over {} strategies)", *f.dsr, gate.min_dsr,
                                    f.strategies));
  if (!f.pbo)
    v.reasons.push_back(fmt::format("PBO: not computed ({})", f.pbo_note));
  else if (*f.pbo > gate.max_pbo)
    v.reasons.push_back(fmt::format("PBO: {:.4f} is above the ceiling {:.4f}", *f.pbo, gate.max_pbo));
  v.pass = v.reasons.empty();
  return v;
}

ShadowVerdict judge_shadow(std::span<const double> live, std::span<const double> candidate,
                           const BacktestSettings& settings, double confidence) {
  ShadowVerdict v;
  const double rf = std::pow(1.0 + settings.risk_free_rate, 1.0 / settings.periods_per_year) - 1.0;
  std::vector<double> a(live.begin(), live.end()), b(candidate.begin(), candidate.end());
  for (auto& x : a) x -= rf;
  for (auto& x : b) x -= rf;
  research::BootstrapSettings bootstrap;
  bootstrap.confidence = confidence;
  v.comparison = research::compare_sharpe(a, b, settings.periods_per_year, bootstrap, confidence);
  const auto& c = v.comparison;
  const double alpha = 1.0 - confidence;
  if (c.jobson_korkie_memmel && c.difference < 0 && c.jobson_korkie_memmel->p_value < alpha)
    v.reasons.push_back(fmt::format("Jobson-Korkie-Memmel: the candidate's Sharpe ratio is lower by {:.4f} per period "
                                    "(p = {:.4f} < {:.4f})",
                                    -c.difference, c.jobson_korkie_memmel->p_value, alpha));
  if (c.bootstrap && c.bootstrap->high < 0)
    v.reasons.push_back(fmt::format("bootstrap: the {:.0f}% interval of the Sharpe difference, [{:.4f}, {:.4f}] per "
                                    "period, lies below 0",
                                    100 * confidence, c.bootstrap->low, c.bootstrap->high));
  if (!c.jobson_korkie_memmel && !c.bootstrap && !c.identical)
    v.reasons.push_back(fmt::format("no evidence: neither test could be computed over {} bars ({})", c.periods,
                                    fmt::join(c.notes, "; ")));
  v.rejected = !v.reasons.empty();
  if (!v.rejected)
    v.reasons.push_back(fmt::format("over {} bars, neither test finds the candidate worse (Sharpe difference {:+.4f} "
                                    "per period{})",
                                    c.periods, c.difference,
                                    c.jobson_korkie_memmel ? fmt::format(", p = {:.4f}", c.jobson_korkie_memmel->p_value)
                                                           : std::string()));
  return v;
}

Reoptimization reoptimize(ReoptimizeJob job, Observer& observer) {
  if (!job.live.reoptimize)
    throw Error(ErrorKind::Config, fmt::format("{}: no [serve.reoptimize] table", job.live.file.string()),
                {.file = job.live.file.string(), .key = "serve.reoptimize"});
  const ReoptimizeConfig r = *job.live.reoptimize;
  const size_t bars = job.window.bars();
  if (bars < r.window)
    throw Error(ErrorKind::Usage, fmt::format("the window holds {} bars; [serve.reoptimize] window needs {}", bars, r.window),
                {.key = "serve.reoptimize.window"});

  Reoptimization out;
  out.session = open_session_on(std::move(job.live), std::move(job.window), job.plugin_dir);
  const Session& s = *out.session;
  out.plan = plan_optimize(s, spec_of(r));
  // The holdout exactly: the optimizer scores the bars before it, and everything it reports
  // out of sample is measured on the holdout alone.
  out.train_bars = bars - r.holdout;
  out.holdout_bars = r.holdout;
  out.plan.folds = {research::Fold{0, out.train_bars, bars}};
  out.plan.tune_allocator = false;  // a long-lived host keeps glibc's defaults
  out.result = optimize(s, out.plan, observer);

  GateFigures& f = out.figures;
  const research::MetricTarget target = research::metric_target(out.plan.config.targets.front());
  f.target = target.name;
  f.maximize = target.maximize;
  const research::FoldResult& fold = out.result.folds.front();
  const research::Candidate& live = out.plan.space.base();
  const research::EvalData holdout =
      research::make_eval_data(s.data, nullptr, s.config.backtest, bars, out.train_bars - 1);
  research::ConfigEvaluator evaluator(out.plan.recipe, nullptr);
  if (const research::Evaluation e = evaluator.evaluate(live, holdout); e.ok) f.live_holdout = target.value(e.metrics);
  if (fold.has_winner()) {
    const research::Leader& best = fold.leaders.front();
    out.winner = fold.trial_of(best).candidate;
    f.winner_is_live = out.winner->key() == live.key();
    if (best.test && best.test->ok) f.candidate_holdout = target.value(best.test->metrics);
  }
  f.improvement = f.maximize ? f.candidate_holdout - f.live_holdout : f.live_holdout - f.candidate_holdout;
  const research::OverfittingReport& o = fold.overfitting;
  if (o.dsr) f.dsr = o.dsr->probability;
  if (o.pbo) f.pbo = o.pbo->pbo;
  f.dsr_note = o.dsr_note;
  f.pbo_note = o.pbo_note;
  f.trials = o.trials;
  f.strategies = o.strategies;
  out.verdict = judge_gate(f, r.gate);
  if (!out.winner) {
    out.verdict.pass = false;
    out.verdict.reasons.insert(out.verdict.reasons.begin(), "the search found no configuration that ran");
  }
  return out;
}

}  // namespace mosaic::host::app
