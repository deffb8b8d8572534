#include "host/cli/ablation_report.hpp"
#include "host/cli/ablation_runs.hpp"
#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/run_folder.hpp"
#include "host/cli/session.hpp"
#include "host/data/timestamp.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace mosaic::host::cli {
namespace {

constexpr std::size_t kResamples = 1000;

nlohmann::json bootstrap_json(const research::BootstrapSettings& b) {
  return {{"method", "paired stationary bootstrap of the per-period rows (return, turnover, gross exposure)"},
          {"resamples", b.resamples},
          {"mean_block_length", b.mean_block_length},
          {"confidence", b.confidence},
          {"seed", b.seed}};
}

std::string summary_text(const Session& s, const AblationPlan& plan, const std::vector<AblationAssessment>& assessed,
                         const research::BootstrapSettings& b) {
  std::string text =
      fmt::format("mosaic ablate: {}\n  data     {} ({} bars x {} assets, {} to {})\n  optional {}\n  required {}\n",
                  s.config.file.string(), s.config.prices.string(), s.data.bars(), s.data.assets(),
                  format_timestamp(s.data.ts.front()), format_timestamp(s.data.ts.back()),
                  plan.optional.empty() ? "none" : fmt::format("{}", fmt::join(plan.optional, ", ")),
                  plan.required.empty() ? "none" : fmt::format("{}", fmt::join(plan.required, ", ")));
  if (!plan.disabled_in_config.empty())
    text += fmt::format("  disabled in the config, left out: {}\n", fmt::join(plan.disabled_in_config, ", "));
  text += "\n" + ablation_table(assessed);
  text += fmt::format(
      "\nchange: the run minus the full pipeline; 95% intervals from {} paired stationary-bootstrap resamples of the\n"
      "bars (mean block {} bars, seed {}). verdict: whether the 95% interval of Sharpe(with the module) minus\n"
      "Sharpe(without it) lies above 0 (helps), below 0 (hurts) or holds 0; 'without' runs are judged against the\n"
      "full pipeline, '+ required' runs against the required modules only.\n",
      b.resamples, b.mean_block_length, b.seed);
  for (const auto& a : assessed)
    for (const auto& note : a.notes) text += fmt::format("  {}: {}\n", a.run->label, note);
  return text;
}

}  // namespace

int cmd_ablate(const CommonOptions& o) {
  auto s = open_session(o);
  const AblationPlan plan = plan_ablation(*s);
  const std::vector<AblationRun> runs = run_ablation(*s, plan);
  if (!runs.front().backtest)
    throw CliError(kModule, fmt::format("{}: the full pipeline produces no weights.final or weights.target: nothing "
                                        "to ablate",
                                        s->config.file.string()));
  const fs::path folder = make_run_folder(o.out, "ablate");

  research::BootstrapSettings bootstrap;
  bootstrap.resamples = kResamples;
  bootstrap.seed = o.seed;
  bootstrap.mean_block_length = research::default_mean_block_length(s->data.bars() - 1);
  const auto assessed = assess_ablation(runs, s->config.backtest, bootstrap);

  nlohmann::json report = {
      {"config", s->config.file.string()},
      {"data",
       {{"file", s->config.prices.string()},
        {"bars", s->data.bars()},
        {"assets", s->data.assets()},
        {"first", format_timestamp(s->data.ts.front())},
        {"last", format_timestamp(s->data.ts.back())}}},
      {"modules", plan.modules},
      {"optional_modules", plan.optional},
      {"required_modules", plan.required},
      {"disabled_in_config", plan.disabled_in_config},
      {"bootstrap", bootstrap_json(bootstrap)},
      {"runs", ablation_json(assessed, s->config.backtest)},
      {"run_folder", folder.string()},
  };
  const std::string summary = summary_text(*s, plan, assessed, bootstrap);
  write_text_file(folder / "config.toml", s->config.text);
  write_text_file(folder / "report.json", report.dump(2) + "\n");
  write_text_file(folder / "summary.txt", summary);
  write_text_file(folder / "ablation.csv", ablation_csv(assessed));
  write_text_file(folder / "equity.csv", ablation_equity_csv(s->data, runs));

  if (o.json)
    fmt::print("{}\n", report.dump(2));
  else
    fmt::print("{}\nwrote {}\n", summary, folder.string());
  return kOk;
}

}  // namespace mosaic::host::cli
