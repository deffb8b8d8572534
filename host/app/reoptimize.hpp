// One occasion of serve's scheduled re-optimization, as engine work: the search on a
// trailing window less its holdout, the live config and the search's winner measured on the
// holdout, and the gate's verdict. It knows no server: serve runs it on a thread of its own
// and acts on the verdict (serve/reoptimizer.hpp). docs/serve.md explains each rule.
#pragma once

#include "host/app/observer.hpp"
#include "host/app/optimize.hpp"
#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"
#include "host/config/reoptimize_config.hpp"
#include "host/research/comparison.hpp"

#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mosaic::host::app {

struct ReoptimizeJob {
  Config live;        // the live config: its [serve.reoptimize] (required) and [optimize] drive the search
  MarketData window;  // the trailing bars, the holdout last
  std::filesystem::path plugin_dir;
};

// What the gate judges.
struct GateFigures {
  std::string target;  // the metric
  bool maximize = true;
  double live_holdout = NAN;       // the live config's target on the holdout
  double candidate_holdout = NAN;  // the winner's
  double improvement = NAN;        // candidate - live in the metric's better direction
  std::optional<double> dsr;       // the winner's Deflated Sharpe Ratio (in sample); nullopt: dsr_note
  std::optional<double> pbo;       // the search's PBO; nullopt: pbo_note
  std::string dsr_note, pbo_note;
  size_t trials = 0, strategies = 0;
  bool winner_is_live = false;  // the search found the live config itself
};

struct GateVerdict {
  bool pass = false;
  std::vector<std::string> reasons;  // each failed rule, in the gate's order
};

// The gate's rules, in order: the winner is not the live config; it beats the live config
// on the holdout by `margin`; its DSR is at least `min_dsr`; the PBO is at most `max_pbo`.
// A figure that could not be computed fails its rule: the gate admits what it can prove.
GateVerdict judge_gate(const GateFigures& f, const ReoptimizeGate& gate);

struct Reoptimization {
  std::unique_ptr<Session> session;  // the window's session, for the run folder
  OptimizePlan plan;
  OptimizeResult result;
  std::optional<research::Candidate> winner;
  GateFigures figures;
  GateVerdict verdict;
  size_t train_bars = 0, holdout_bars = 0;
};

// The verdict of a shadow period, on excess returns at `settings`' risk-free rate: the
// candidate is rejected when its returns beside the live config's are worse by the
// Jobson-Korkie-Memmel test (p below 1 - confidence) or the stationary bootstrap interval
// of the Sharpe difference (wholly below 0), and when neither test can be computed (a
// stream without a Sharpe ratio): the gate admits what it can prove.
struct ShadowVerdict {
  bool rejected = false;
  std::vector<std::string> reasons;  // why it is rejected; or, when not, what the tests said
  research::SharpeComparison comparison;  // A: the live config, B: the candidate
};
ShadowVerdict judge_shadow(std::span<const double> live, std::span<const double> candidate,
                           const BacktestSettings& settings, double confidence);

// Throws app::Error: Config when the live config has no [serve.reoptimize] or its search
// cannot run (as plan_optimize and optimize), Usage when stopped before anything was
// evaluated. A stop after that returns what was found, with result.interrupted set.
Reoptimization reoptimize(ReoptimizeJob job, Observer& observer);

}  // namespace mosaic::host::app
