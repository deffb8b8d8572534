#include "host/report/optimize_report.hpp"

#include "host/report/optimize_probe_files.hpp"

#include "host/app/error.hpp"
#include "host/report/best_config.hpp"
#include "host/report/metric_format.hpp"
#include "host/report/run_folder.hpp"
#include "host/report/text_table.hpp"
#include "host/data/timestamp.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <cmath>

namespace mosaic::host::report {
namespace {

std::string params_text(const app::OptimizePlan& plan, const research::Candidate& c) {
  std::string out;
  for (const auto& d : plan.space.dimensions()) {
    std::string v;
    if (d.kind == research::Dimension::Kind::Switch) {
      v = c.enabled.at(d.module) ? "on" : "off";
    } else if (!c.enabled.at(d.module)) {
      continue;  // a switched-off module's parameters do not matter
    } else if (const ParamValue* p = c.param(d.module, d.param)) {
      v = p->to_string();
    }
    out += fmt::format("{}{}={}", out.empty() ? "" : " ", d.label(), v);
  }
  return out;
}

std::string status(const research::Trial& t) {
  if (!t.eval.ok) return "failed";
  return t.violation > 0 ? "infeasible" : "ok";
}

std::string csv_cell(std::string s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

// Configurations this process evaluated per second: a resumed search's replayed trials took
// no time here.
double evaluation_rate(const research::SearchOutcome& o) {
  return o.seconds > 0 ? static_cast<double>(o.trials.size() - o.replayed) / o.seconds : 0.0;
}

std::string value_cell(const ParamValue* p) { return p ? p->to_string() : ""; }

nlohmann::json metrics_object(const Metrics& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, v] : m.items()) j[name] = json_number(v);
  return j;
}

nlohmann::json candidate_json(const app::OptimizePlan& plan, const research::Candidate& c) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& d : plan.space.dimensions()) {
    if (d.kind == research::Dimension::Kind::Switch) {
      j[d.label()] = c.enabled.at(d.module);
      continue;
    }
    const ParamValue* p = c.param(d.module, d.param);
    if (!p) continue;
    switch (p->type) {
      case MOSAIC_PARAM_INT: j[d.label()] = p->i; break;
      case MOSAIC_PARAM_FLOAT: j[d.label()] = p->f; break;
      case MOSAIC_PARAM_BOOL: j[d.label()] = p->b; break;
      default: j[d.label()] = p->s; break;
    }
  }
  return j;
}

std::string fold_dates(const app::Session& s, const research::Fold& f) {
  const auto& ts = s.data.ts;
  std::string out = fmt::format("train {} to {} ({} bars)", format_timestamp(ts[f.train_begin]),
                                format_timestamp(ts[f.train_end - 1]), f.train_end - f.train_begin);
  if (f.test_end > f.train_end)
    out += fmt::format(", test {} to {} ({} bars)", format_timestamp(ts[f.train_end]),
                       format_timestamp(ts[f.test_end - 1]), f.test_end - f.train_end);
  return out;
}

std::string leaders_table(const app::OptimizePlan& plan, const research::FoldResult& f) {
  static const std::vector<std::string> shown = {"sharpe", "total_return", "max_drawdown"};
  std::vector<std::string> headers = {"rank"};
  for (const auto& m : shown) {
    headers.push_back(m + " IS");
    headers.push_back(m + " OOS");
  }
  headers.push_back("parameters");
  TextTable t(headers);
  for (size_t k = 0; k < f.leaders.size(); ++k) {
    const auto& l = f.leaders[k];
    const research::Trial& tr = f.trial_of(l);
    std::vector<std::string> row = {std::to_string(k + 1)};
    for (const auto& m : shown) {
      row.push_back(format_metric(m, research::metric_value(tr.eval.metrics, m).value_or(NAN)));
      row.push_back(l.test && l.test->ok ? format_metric(m, research::metric_value(l.test->metrics, m).value_or(NAN))
                                         : "-");
    }
    std::string params = params_text(plan, tr.candidate);
    if (l.equivalents > 0)
      params += fmt::format(" (and {} equivalent config{})", l.equivalents, l.equivalents == 1 ? "" : "s");
    row.push_back(params);
    t.add(row);
  }
  return t.str();
}

// A walk-forward run, fold by fold: each winner and how it did on its own test bars, then the
// folds' test stretches joined into one out-of-sample curve.
std::string walk_forward_text(const app::Session& s, const app::OptimizePlan& plan, const app::OptimizeResult& run) {
  TextTable t({"fold", "train", "test", "sharpe IS", "sharpe OOS", "winner"});
  const auto& ts = s.data.ts;
  for (size_t i = 0; i < run.folds.size(); ++i) {
    const research::FoldResult& f = run.folds[i];
    const auto& fold = f.fold;
    const std::string train = fmt::format("{} to {}", format_timestamp(ts[fold.train_begin]),
                                          format_timestamp(ts[fold.train_end - 1]));
    const std::string test = fold.test_end > fold.train_end
                                 ? fmt::format("{} to {}", format_timestamp(ts[fold.train_end]),
                                               format_timestamp(ts[fold.test_end - 1]))
                                 : "-";
    if (!f.has_winner()) {
      t.add({std::to_string(i + 1), train, test, "-", "-", "no feasible configuration"});
      continue;
    }
    const research::Leader& w = f.leaders.front();
    const research::Trial& tr = f.trial_of(w);
    t.add({std::to_string(i + 1), train, test, format_metric("sharpe", tr.eval.metrics.sharpe),
           w.test && w.test->ok ? format_metric("sharpe", w.test->metrics.sharpe) : "-", params_text(plan, tr.candidate)});
  }
  std::string out = fmt::format("\nwalk-forward ({}), the winner of each fold:\n", plan.config.rolling ? "rolling" : "anchored");
  const std::string table = t.str();
  for (size_t at = 0, nl; at < table.size(); at = nl + 1) {
    nl = table.find('\n', at);
    if (nl == std::string::npos) nl = table.size();
    out += "  " + table.substr(at, nl - at) + "\n";
  }
  if (!run.stitched) {
    out += "  no stitched out-of-sample curve: a fold has no winner tested out of sample\n";
    return out;
  }
  const auto& st = *run.stitched;
  const Metrics& m = st.metrics;
  out += fmt::format("  stitched out of sample, {} to {} ({} bars): Sharpe {}, total return {}, CAGR {}, max drawdown {}\n"
                     "  (each fold's winner over its own test bars only, joined end to end: the curve a walk-forward\n"
                     "  optimization would have earned; oos_equity.csv)\n",
                     format_timestamp(ts[st.first_bar + 1]), format_timestamp(ts[st.first_bar + st.backtest.bars - 1]),
                     st.backtest.bars - 1, format_metric("sharpe", m.sharpe), format_metric("total_return", m.total_return),
                     format_metric("cagr", m.cagr), format_metric("max_drawdown", m.max_drawdown));
  return out;
}

}  // namespace

std::string optimize_summary(const app::Session& s, const app::OptimizePlan& plan, const app::OptimizeResult& run) {
  std::string out;
  std::string targets;
  for (const auto& t : plan.settings.targets)
    targets += fmt::format("{}{} ({})", targets.empty() ? "" : ", ", t.name, t.maximize ? "max" : "min");
  out += fmt::format("mosaic optimize: {}\n  method {}, target {}, {} thread(s), seed {}\n", s.config.file.string(),
                     plan.settings.method, targets, plan.settings.threads, plan.settings.seed);
  out += fmt::format("  search space: {} dimensions, {} configurations\n", plan.space.dimensions().size(),
                     plan.space.size().str());
  if (run.interrupted) out += "  interrupted (Ctrl-C): the report covers what was evaluated\n";
  for (size_t i = 0; i < run.folds.size(); ++i) {
    const research::FoldResult& f = run.folds[i];
    const auto& o = f.outcome;
    size_t ok = 0, infeasible = 0, failed = 0;
    for (const auto& t : o.trials) (t.eval.ok ? (t.violation > 0 ? infeasible : ok) : failed)++;
    out += fmt::format("\n{}{}\n", run.folds.size() > 1 ? fmt::format("fold {} of {}: ", i + 1, run.folds.size()) : "",
                       fold_dates(s, f.fold));
    out += fmt::format("  {} configurations evaluated in {:.1f} s ({:.0f} per second; stopped: {})\n", o.trials.size(),
                       o.seconds, evaluation_rate(o), o.stop_reason);
    if (o.replayed > 0)
      out += fmt::format("  {} of them were taken from the journal of the interrupted run, not evaluated again\n",
                         o.replayed);
    out += fmt::format("  {} distinct strategies: configurations whose in-sample returns are identical count as one\n",
                       o.strategies);
    out += fmt::format("  {} feasible, {} broke a metric constraint, {} failed; {} broke a parameter constraint "
                       "and were not run\n",
                       ok, infeasible, failed, o.rejected_by_constraints);
    out += fmt::format("  output cache: {} hits, {} misses\n", o.cache.hits, o.cache.misses);
    if (!f.has_winner()) {
      out += "  no feasible configuration: nothing to report as a winner\n";
      for (const auto& t : o.trials)
        if (!t.eval.ok) {
          out += fmt::format("  e.g. {}: {}\n", params_text(plan, t.candidate), t.eval.error);
          break;
        }
      continue;
    }
    if (!f.pareto.empty()) out += fmt::format("  Pareto front: {} configurations\n", f.pareto.size());
    out += fmt::format("\n  in sample (IS) and out of sample (OOS), the best {} distinct strategies:\n",
                       f.leaders.size());
    std::string table = leaders_table(plan, f);
    for (size_t at = 0, nl; at < table.size(); at = nl + 1) {
      nl = table.find('\n', at);
      if (nl == std::string::npos) nl = table.size();
      out += "  " + table.substr(at, nl - at) + "\n";
    }
    const auto& ov = f.overfitting;
    if (ov.dsr)
      out += fmt::format("\n  Deflated Sharpe Ratio of the winner: {:.3f} (per-period Sharpe {:.4f}, expected maximum "
                         "of {} distinct strategies {:.4f}; {} configurations)\n",
                         ov.dsr->probability, ov.dsr->sharpe, ov.strategies, ov.dsr->expected_max_sharpe, ov.trials);
    else
      out += fmt::format("\n  Deflated Sharpe Ratio: not computed ({})\n", ov.dsr_note);
    if (ov.pbo)
      out += fmt::format("  Probability of Backtest Overfitting: {:.3f} (CSCV, S = {}, {} distinct strategies, {} "
                         "combinations)\n",
                         ov.pbo->pbo, ov.pbo_blocks, ov.pbo_configs, ov.pbo->combinations);
    else
      out += fmt::format("  Probability of Backtest Overfitting: not computed ({})\n", ov.pbo_note);
  }
  if (plan.folds.size() > 1) out += walk_forward_text(s, plan, run);
  return out;
}

nlohmann::json optimize_json(const app::Session& s, const app::OptimizePlan& plan, const app::OptimizeResult& run) {
  nlohmann::json j;
  j["config"] = s.config.file.string();
  j["method"] = plan.settings.method;
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : plan.settings.targets) targets.push_back({{"metric", t.name}, {"maximize", t.maximize}});
  j["targets"] = targets;
  j["threads"] = plan.settings.threads;
  j["seed"] = plan.settings.seed;
  j["space_size"] = plan.space.size().str();
  j["interrupted"] = run.interrupted;
  nlohmann::json constraints = nlohmann::json::array();
  for (const auto& k : plan.settings.constraints) constraints.push_back(k.text);
  j["constraints"] = constraints;
  j["folds"] = nlohmann::json::array();
  for (const auto& f : run.folds) {
    const auto& o = f.outcome;
    nlohmann::json fj;
    fj["train_bars"] = f.fold.train_end - f.fold.train_begin;
    fj["test_bars"] = f.fold.test_end - f.fold.train_end;
    fj["evaluated"] = o.trials.size();
    fj["strategies"] = o.strategies;
    fj["seconds"] = o.seconds;
    fj["evaluations_per_second"] = evaluation_rate(o);
    fj["from_journal"] = o.replayed;
    fj["stop_reason"] = o.stop_reason;
    fj["rejected_by_parameter_constraints"] = o.rejected_by_constraints;
    fj["cache"] = {{"hits", o.cache.hits}, {"misses", o.cache.misses}, {"evictions", o.cache.evictions}};
    fj["leaders"] = nlohmann::json::array();
    for (const auto& l : f.leaders) {
      const research::Trial& t = f.trial_of(l);
      nlohmann::json lj = {{"parameters", candidate_json(plan, t.candidate)},
                           {"strategy", t.strategy},
                           {"equivalent_configs", l.equivalents},
                           {"in_sample", metrics_object(t.eval.metrics)}};
      lj["out_of_sample"] = l.test && l.test->ok ? metrics_object(l.test->metrics) : nlohmann::json(nullptr);
      if (l.test && !l.test->ok) lj["out_of_sample_error"] = l.test->error;
      fj["leaders"].push_back(lj);
    }
    if (!f.pareto.empty()) {
      fj["pareto_front"] = nlohmann::json::array();
      for (size_t i : f.pareto)
        fj["pareto_front"].push_back({{"parameters", candidate_json(plan, o.trials[i].candidate)},
                                      {"in_sample", metrics_object(o.trials[i].eval.metrics)}});
    }
    const auto& ov = f.overfitting;
    fj["deflated_sharpe"] = ov.dsr ? nlohmann::json{{"probability", ov.dsr->probability},
                                                    {"sharpe_per_period", ov.dsr->sharpe},
                                                    {"expected_max_sharpe", ov.dsr->expected_max_sharpe},
                                                    {"z", json_number(ov.dsr->z)},
                                                    {"trials", ov.trials},
                                                    {"strategies", ov.strategies},
                                                    {"sharpe_variance", ov.sharpe_variance}}
                                   : nlohmann::json{{"not_computed", ov.dsr_note}};
    fj["pbo"] = ov.pbo ? nlohmann::json{{"pbo", ov.pbo->pbo},
                                        {"blocks", ov.pbo_blocks},
                                        {"strategies", ov.pbo_configs},
                                        {"combinations", ov.pbo->combinations}}
                       : nlohmann::json{{"not_computed", ov.pbo_note}};
    if (f.has_winner()) fj["winner"] = candidate_json(plan, f.trial_of(f.leaders.front()).candidate);
    j["folds"].push_back(fj);
  }
  if (plan.folds.size() > 1) {
    nlohmann::json wf = {{"mode", plan.config.rolling ? "rolling" : "anchored"}};
    if (run.stitched) {
      const auto& st = *run.stitched;
      wf["stitched_out_of_sample"] = {{"bars", st.backtest.bars - 1},
                                      {"first", format_timestamp(s.data.ts[st.first_bar + 1])},
                                      {"last", format_timestamp(s.data.ts[st.first_bar + st.backtest.bars - 1])},
                                      {"metrics", metrics_object(st.metrics)}};
    } else {
      wf["stitched_out_of_sample"] = nullptr;
    }
    j["walk_forward"] = wf;
  }
  return j;
}

namespace {

// oos_equity.csv: date, equity, drawdown and the fold whose winner traded each test bar.
void write_stitched_equity(const app::Session& s, const app::OptimizeResult& run, const std::filesystem::path& file) {
  const auto& st = *run.stitched;
  try {
    auto csv = fmt::output_file(file.string());
    csv.print("date,equity,drawdown,fold\n");
    csv.print("{},{},{},\n", format_timestamp(s.data.ts[st.first_bar]), st.backtest.equity[0], st.backtest.drawdown[0]);
    size_t k = 1;
    for (size_t f = 0; f < run.folds.size(); ++f) {
      const auto& fold = run.folds[f].fold;
      for (size_t bar = fold.train_end; bar < fold.test_end; ++bar, ++k)
        csv.print("{},{},{},{}\n", format_timestamp(s.data.ts[bar]), st.backtest.equity[k], st.backtest.drawdown[k],
                  f + 1);
    }
  } catch (const std::system_error& e) {
    throw app::Error(app::ErrorKind::Output, fmt::format("cannot write {}: {}", file.string(), e.code().message()),
                     {.file = file.string()});
  }
}

}  // namespace

void write_optimize_folder(const app::Session& s, const app::OptimizePlan& plan, const app::OptimizeResult& run,
                           const std::filesystem::path& dir) {
  write_text_file(dir / "config.toml", s.config.text);
  write_text_file(dir / "summary.txt", optimize_summary(s, plan, run));
  write_text_file(dir / "report.json", optimize_json(s, plan, run).dump(2) + "\n");

  const std::string results = (dir / "results.csv").string();
  try {
    auto csv = fmt::output_file(results);
    csv.print("fold,trial,status,strategy,problem");
    for (const auto& d : plan.space.dimensions()) csv.print(",{}", csv_cell(d.label()));
    for (const auto& name : research::metric_names()) csv.print(",{}", name);
    csv.print("\n");
    for (size_t fi = 0; fi < run.folds.size(); ++fi) {
      const auto& trials = run.folds[fi].outcome.trials;
      for (size_t i = 0; i < trials.size(); ++i) {
        const research::Trial& t = trials[i];
        std::string problem = t.eval.error;
        for (const auto& b : t.broken) problem += (problem.empty() ? "broke: " : "; ") + b;
        csv.print("{},{},{},{},{}", fi + 1, i + 1, status(t), t.strategy > 0 ? std::to_string(t.strategy) : "",
                  csv_cell(problem));
        for (const auto& d : plan.space.dimensions())
          csv.print(",{}", d.kind == research::Dimension::Kind::Switch
                               ? std::string(t.candidate.enabled.at(d.module) ? "on" : "off")
                               : csv_cell(value_cell(t.candidate.param(d.module, d.param))));
        for (const auto& [name, v] : t.eval.metrics.items()) csv.print(",{}", t.eval.ok ? metric_cell(v) : "");
        csv.print("\n");
      }
    }
  } catch (const std::system_error& e) {
    throw app::Error(app::ErrorKind::Output, fmt::format("cannot write {}: {}", results, e.code().message()),
                     {.file = results});
  }

  if (run.stitched) write_stitched_equity(s, run, dir / "oos_equity.csv");
  write_out_of_sample_csv(run, dir / "out_of_sample.csv");
  write_pbo_logits_csv(run, dir / "pbo_logits.csv");
  const research::FoldResult& last = run.folds.back();
  if (!last.has_winner()) return;
  write_text_file(dir / "best.toml", best_config_toml(s, last.trial_of(last.leaders.front()).candidate));
  if (last.winner_equity.empty()) return;
  const std::string equity = (dir / "equity.csv").string();
  try {
    auto csv = fmt::output_file(equity);
    csv.print("date,equity,drawdown,sample\n");
    for (size_t t = 0; t < last.winner_equity.size(); ++t)
      csv.print("{},{},{},{}\n", format_timestamp(s.data.ts[t]), last.winner_equity[t], last.winner_drawdown[t],
                t < last.fold.train_end ? "train" : "test");
  } catch (const std::system_error& e) {
    throw app::Error(app::ErrorKind::Output, fmt::format("cannot write {}: {}", equity, e.code().message()),
                     {.file = equity});
  }
}

}  // namespace mosaic::host::report
