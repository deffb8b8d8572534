#include "host/app/bench.hpp"
#include "host/app/error.hpp"
#include "host/app/module_check.hpp"
#include "host/app/plugin_catalog.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/exit_codes.hpp"
#include "host/report/catalog_report.hpp"
#include "host/report/checks_report.hpp"
#include "host/report/module_check_report.hpp"

#include <fmt/format.h>

namespace mosaic::host::cli {
namespace {

std::string name_filter(const CommonOptions& o) { return o.positional.size() > 1 ? o.positional[1] : std::string(); }

std::unique_ptr<app::PluginCatalog> open_catalog(const CommonOptions& o) {
  auto catalog = app::open_catalog({o.config, o.plugins});
  for (const auto& e : catalog->scan.errors) fmt::print(stderr, "mosaic: skipped {}\n", e.what());
  return catalog;
}

std::vector<app::CatalogModule> modules_of(const app::PluginCatalog& catalog, const std::string& only) {
  auto modules = app::catalog_modules(catalog, only);
  if (!only.empty() && modules.empty())
    throw app::Error(app::ErrorKind::Module, fmt::format("no module '{}' in {}", only, catalog.dir.string()),
                     {.module = only});
  return modules;
}

int list(const CommonOptions& o) {
  auto catalog = open_catalog(o);
  const std::string only = name_filter(o);
  const auto modules = modules_of(*catalog, only);
  if (o.json) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& m : modules) all.push_back(report::contract_json(m.module->contract, *m.library));
    fmt::print("{}\n", nlohmann::json{{"plugins", catalog->dir.string()},
                                       {"modules", all},
                                       {"data_ports", report::data_ports_json()}}
                           .dump(2));
  } else {
    std::string detail;
    if (!only.empty())
      for (const auto& m : modules) detail += report::contract_text(m.module->contract, *m.library) + "\n";
    fmt::print("plugins: {}\n\n{}\n{}{}", catalog->dir.string(), report::modules_table(modules), detail,
               only.empty() ? "\n" + report::data_ports_text() : std::string());
  }
  return catalog->scan.errors.empty() ? kOk : kModule;
}

int test(const CommonOptions& o) {
  auto catalog = open_catalog(o);
  std::vector<app::SelfTestResult> results;
  for (const auto& m : modules_of(*catalog, name_filter(o))) results.push_back(app::self_test(m));
  if (o.json)
    fmt::print("{}\n", report::self_test_json(results).dump(2));
  else
    fmt::print("{}", report::self_test_table(results));
  const bool passed = std::all_of(results.begin(), results.end(), [](const auto& r) { return r.passed; });
  return passed && catalog->scan.errors.empty() ? kOk : kModule;
}

int bench(const CommonOptions& o) {
  auto s = app::open_session(session_spec(o));
  const app::BenchSpec spec{o.repeat > 0 ? o.repeat : 50, name_filter(o)};
  const auto latencies = app::bench_pipeline(*s, spec);
  if (o.json)
    fmt::print("{}\n", report::bench_json(latencies).dump(2));
  else
    fmt::print("{}", report::bench_text(*s, latencies, spec.repeat));
  return kOk;
}

int check(const CommonOptions& o) {
  app::ModuleCheckSpec spec;
  spec.targets.assign(o.positional.begin() + 1, o.positional.end());
  spec.config = o.config;
  spec.plugins = o.plugins;
  spec.options.only = o.check;
  if (o.timeout) spec.options.timeout_seconds = *o.timeout;
  const auto reports = app::check_modules(spec);
  if (o.json)
    fmt::print("{}\n", report::module_check_json(reports).dump(2));
  else
    fmt::print("{}", report::module_check_text(reports));
  const bool passed = std::all_of(reports.begin(), reports.end(), [](const auto& r) { return r.passed(); });
  return passed ? kOk : kModule;
}

}  // namespace

int cmd_modules(const CommonOptions& o) {
  const std::string sub = o.positional.empty() ? "list" : o.positional[0];
  if (sub == "list") return list(o);
  if (sub == "test") return test(o);
  if (sub == "bench") return bench(o);
  if (sub == "check") return check(o);
  throw app::Error(app::ErrorKind::Usage,
                   fmt::format("unknown subcommand 'modules {}'; expected list, test, bench or check", sub));
}

}  // namespace mosaic::host::cli
