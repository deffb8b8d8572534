#include "host/report/optimize_probe_files.hpp"

#include "host/app/error.hpp"
#include "host/report/metric_format.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

namespace mosaic::host::report {
namespace {

template <class F>
void write_csv(const std::filesystem::path& file, F&& body) {
  try {
    auto csv = fmt::output_file(file.string());
    body(csv);
  } catch (const std::system_error& e) {
    throw app::Error(app::ErrorKind::Output, fmt::format("cannot write {}: {}", file.string(), e.code().message()),
                     {.file = file.string()});
  }
}

}  // namespace

void write_out_of_sample_csv(const app::OptimizeResult& run, const std::filesystem::path& file) {
  write_csv(file, [&](fmt::ostream& csv) {
    csv.print("fold,trial,strategy");
    for (const auto& name : research::metric_names()) csv.print(",in_sample_{},out_of_sample_{}", name, name);
    csv.print("\n");
    for (size_t f = 0; f < run.folds.size(); ++f)
      for (const auto& p : run.folds[f].probes) {
        const research::Trial& t = run.folds[f].outcome.trials[p.trial];
        csv.print("{},{},{}", f + 1, p.trial + 1, t.strategy);
        const auto in = t.eval.metrics.items(), out = p.test.items();
        for (size_t k = 0; k < in.size(); ++k) csv.print(",{},{}", metric_cell(in[k].second), metric_cell(out[k].second));
        csv.print("\n");
      }
  });
}

void write_pbo_logits_csv(const app::OptimizeResult& run, const std::filesystem::path& file) {
  write_csv(file, [&](fmt::ostream& csv) {
    csv.print("fold,combination,logit\n");
    for (size_t f = 0; f < run.folds.size(); ++f)
      if (const auto& pbo = run.folds[f].overfitting.pbo)
        for (size_t c = 0; c < pbo->logits.size(); ++c) csv.print("{},{},{}\n", f + 1, c + 1, pbo->logits[c]);
  });
}

}  // namespace mosaic::host::report
