#include "host/cli/cli_error.hpp"
#include "host/cli/commands.hpp"
#include "host/cli/module_report.hpp"
#include "host/cli/paths.hpp"
#include "host/cli/session.hpp"
#include "host/cli/text_table.hpp"
#include "host/loader/host_services.hpp"
#include "host/loader/plugin_lock.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/market_ports.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace mosaic::host::cli {
namespace {

struct Plugins {
  fs::path dir;
  ShadowDir shadow;
  ScanResult scan;
};

std::unique_ptr<Plugins> open_plugins(const CommonOptions& o) {
  auto p = std::make_unique<Plugins>();
  p->dir = o.plugins ? *o.plugins : default_plugin_dir();
  if (o.config) {
    try {
      Config c = load_config(*o.config);
      if (c.plugins && !o.plugins) p->dir = *c.plugins;
      if (c.plugin_lock) p->shadow.require_lock(read_plugin_lock(*c.plugin_lock));
    } catch (const ConfigError& e) {
      throw CliError(kUsage, e.what());
    } catch (const LockError& e) {
      throw CliError(kUsage, e.what());
    }
  }
  try {
    p->scan = scan_plugins(p->dir, p->shadow);
  } catch (const LoadError& e) {
    throw CliError(kModule, e.what());
  }
  for (const auto& w : p->scan.warnings) log_warn("", w);
  return p;
}

std::string name_filter(const CommonOptions& o) { return o.positional.size() > 1 ? o.positional[1] : std::string(); }

std::string range_text(const ParamInfo& p) {
  if (p.type() == MOSAIC_PARAM_ENUM) return fmt::format("{}", fmt::join(p.choices, "|"));
  if (!p.has_range) return "-";
  if (p.type() == MOSAIC_PARAM_INT)
    return fmt::format("[{}, {}] step {}", static_cast<int64_t>(p.min), static_cast<int64_t>(p.max), p.step);
  return p.step > 0 ? fmt::format("[{}, {}] step {}", p.min, p.max, p.step) : fmt::format("[{}, {}]", p.min, p.max);
}

nlohmann::json contract_json(const ContractInfo& c, const Library& lib) {
  auto ports = [](const std::vector<PortInfo>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& p : v)
      a.push_back({{"name", p.name}, {"layout", layout_name(p.layout)}, {"required", p.required}, {"description", p.description}});
    return a;
  };
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : c.params) {
    nlohmann::json j = {{"name", p.name}, {"type", param_type_name(p.type())}, {"default", p.default_value.to_string()},
                        {"description", p.description}};
    if (p.has_range) j["range"] = {{"min", p.min}, {"max", p.max}, {"step", p.step}};
    if (!p.choices.empty()) j["choices"] = p.choices;
    params.push_back(j);
  }
  nlohmann::json deps = nlohmann::json::array();
  for (const auto& d : c.dependencies) deps.push_back({{"module", d.module}, {"range", d.range.str()}});
  return {{"name", c.name}, {"id", c.id}, {"version", c.version.str()}, {"role", role_name(c.role)},
          {"description", c.description}, {"library", lib.file().string()},
          {"abi", fmt::format("{}.{}.{}", lib.abi_version().major, lib.abi_version().minor, lib.abi_version().patch)},
          {"inputs", ports(c.inputs)}, {"outputs", ports(c.outputs)}, {"params", params}, {"dependencies", deps},
          {"sla", {{"max_latency_ms", c.sla.max_latency_ms}, {"min_confidence", c.sla.min_confidence}}}};
}

std::string contract_text(const ContractInfo& c, const Library& lib) {
  std::string out = fmt::format("{} {} ({}, {})\n  {}\n  library {}\n  SLA: max latency {} ms, min confidence {}\n",
                                c.name, c.version.str(), role_name(c.role), c.id, c.description, lib.file().string(),
                                c.sla.max_latency_ms, c.sla.min_confidence);
  auto port_list = [](const std::vector<PortInfo>& v, bool inputs) {
    std::string s;
    for (const auto& p : v)
      s += fmt::format("    {} ({}{}) {}\n", p.name, layout_name(p.layout), inputs && !p.required ? ", optional" : "",
                       p.description);
    return s.empty() ? std::string("    none\n") : s;
  };
  out += "  inputs:\n" + port_list(c.inputs, true) + "  outputs:\n" + port_list(c.outputs, false);
  if (!c.dependencies.empty()) {
    out += "  depends on:\n";
    for (const auto& d : c.dependencies) out += fmt::format("    {} {}\n", d.module, d.range.str());
  }
  TextTable t({"param", "type", "default", "range", "description"});
  for (const auto& p : c.params)
    t.add({p.name, param_type_name(p.type()), p.default_value.to_string(), range_text(p), p.description});
  out += "  params:\n";
  for (std::string line; const char ch : t.str()) {
    line += ch;
    if (ch == '\n') { out += "    " + line; line.clear(); }
  }
  return out;
}

void report_load_errors(const ScanResult& scan) {
  for (const auto& e : scan.errors) fmt::print(stderr, "mosaic: skipped {}\n", e.what());
}

int list(const CommonOptions& o) {
  auto p = open_plugins(o);
  report_load_errors(p->scan);
  const std::string only = name_filter(o);
  nlohmann::json all = nlohmann::json::array();
  TextTable t({"module", "version", "role", "inputs", "outputs", "params", "library"});
  std::string detail;
  bool found = only.empty();
  for (const auto& lib : p->scan.libraries)
    for (const auto& m : lib->modules()) {
      const ContractInfo& c = m.contract;
      if (!only.empty() && c.name != only) continue;
      found = true;
      all.push_back(contract_json(c, *lib));
      t.add({c.name, c.version.str(), role_name(c.role), std::to_string(c.inputs.size()),
             std::to_string(c.outputs.size()), std::to_string(c.params.size()), lib->file().filename().string()});
      detail += contract_text(c, *lib) + "\n";
    }
  if (!found) throw CliError(kModule, fmt::format("no module '{}' in {}", only, p->dir.string()));
  if (o.json) fmt::print("{}\n", nlohmann::json{{"plugins", p->dir.string()}, {"modules", all}}.dump(2));
  else fmt::print("plugins: {}\n\n{}\n{}", p->dir.string(), t.str(), only.empty() ? "" : detail);
  return p->scan.errors.empty() ? kOk : kModule;
}

// Instantiates each module with its default parameters and runs its self-test.
int test(const CommonOptions& o) {
  auto p = open_plugins(o);
  report_load_errors(p->scan);
  const std::string only = name_filter(o);
  nlohmann::json results = nlohmann::json::array();
  TextTable t({"module", "version", "self-test", "detail"});
  int failures = 0;
  bool found = only.empty();
  for (const auto& lib : p->scan.libraries)
    for (const auto& m : lib->modules()) {
      if (!only.empty() && m.contract.name != only) continue;
      found = true;
      std::vector<mosaic_param_value> params;
      for (const auto& d : m.contract.params) params.push_back({d.name.c_str(), d.default_value.to_c()});
      mosaic_instance* inst = nullptr;
      mosaic_error err{};
      std::string verdict = "pass", why;
      int32_t status = m.factory->create(host_services(), params.data(), static_cast<uint32_t>(params.size()), &inst, &err);
      if (status != MOSAIC_OK) {
        verdict = "fail";
        why = fmt::format("create failed ({}): {}", status, err.message);
      } else {
        status = inst->self_test(inst, &err);
        if (status != MOSAIC_OK) {
          verdict = "fail";
          why = fmt::format("({}) {}", status, err.message);
        }
        inst->destroy(inst);
      }
      failures += verdict == "fail";
      t.add({m.contract.name, m.contract.version.str(), verdict, why});
      results.push_back({{"name", m.contract.name}, {"version", m.contract.version.str()}, {"passed", verdict == "pass"},
                         {"detail", why}});
    }
  if (!found) throw CliError(kModule, fmt::format("no module '{}' in {}", only, p->dir.string()));
  if (o.json) fmt::print("{}\n", results.dump(2));
  else fmt::print("{}", t.str());
  return failures == 0 && p->scan.errors.empty() ? kOk : kModule;
}

// Runs the configured pipeline repeatedly and reports latency percentiles per module.
int bench(const CommonOptions& o) {
  auto s = open_session(o);
  const std::string only = name_filter(o);
  if (!only.empty() && !s->pipeline->has(only))
    throw CliError(kModule, fmt::format("no module '{}' in the pipeline", only));
  const int repeat = o.repeat > 0 ? o.repeat : 50;
  const Shape shape = shape_of(s->data);
  auto ports = data_ports(*s);
  s->pipeline->run(ports, shape);  // warm-up, not recorded below
  std::map<std::string, std::vector<double>> samples;
  for (int i = 0; i < repeat; ++i) {
    RunResult r = s->pipeline->run(ports, shape);
    for (const auto& m : r.modules)
      if (m.outcome == CallOutcome::Ok) samples[m.name].push_back(m.latency_ms);
  }
  TextTable t({"module", "runs", "p50 ms", "p95 ms", "p99 ms", "max ms", "SLA ms", "verdict"});
  nlohmann::json j = nlohmann::json::array();
  for (const auto& name : s->pipeline->order()) {
    if (!only.empty() && name != only) continue;
    const std::vector<double>& runs = samples[name];
    auto pct = [&](double p) { return nearest_rank_percentile(runs, p); };
    const double sla = s->pipeline->setup(name).sla.max_latency_ms;
    const double p99 = pct(99);
    std::string verdict = runs.empty() ? "no successful runs" : (sla > 0 && p99 > sla) ? "p99 over SLA" : "ok";
    t.add({name, std::to_string(runs.size()), fmt::format("{:.3f}", pct(50)), fmt::format("{:.3f}", pct(95)),
           fmt::format("{:.3f}", p99), fmt::format("{:.3f}", pct(100)), sla > 0 ? fmt::format("{}", sla) : "-",
           verdict});
    j.push_back({{"name", name}, {"runs", runs.size()}, {"p50_ms", pct(50)}, {"p95_ms", pct(95)}, {"p99_ms", p99},
                 {"max_ms", pct(100)},
                 {"sla_ms", sla}, {"verdict", verdict}});
  }
  if (o.json) fmt::print("{}\n", j.dump(2));
  else fmt::print("{} bars x {} assets, {} timed runs after one warm-up\n\n{}", s->data.bars(), s->data.assets(),
                  repeat, t.str());
  return kOk;
}

}  // namespace

int cmd_modules(const CommonOptions& o) {
  const std::string sub = o.positional.empty() ? "list" : o.positional[0];
  if (sub == "list") return list(o);
  if (sub == "test") return test(o);
  if (sub == "bench") return bench(o);
  throw CliError(kUsage, fmt::format("unknown subcommand 'modules {}'; expected list, test or bench", sub));
}

}  // namespace mosaic::host::cli
