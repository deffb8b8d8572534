#include "host/app/bench.hpp"

#include "host/app/error.hpp"
#include "host/monitor/module_stats.hpp"
#include "host/pipeline/market_ports.hpp"

#include <fmt/format.h>

#include <map>

namespace mosaic::host::app {

std::vector<ModuleLatency> bench_pipeline(Session& s, const BenchSpec& spec) {
  if (!spec.only.empty() && !s.pipeline->has(spec.only))
    throw Error(ErrorKind::Module, fmt::format("no module '{}' in the pipeline", spec.only), {.module = spec.only});
  const Shape shape = shape_of(s.data);
  const auto ports = data_ports(s);
  s.pipeline->run(ports, shape);  // warm-up, not recorded below
  std::map<std::string, std::vector<double>> samples;
  for (int i = 0; i < spec.repeat; ++i) {
    RunResult r = s.pipeline->run(ports, shape);
    for (const auto& m : r.modules)
      if (m.outcome == CallOutcome::Ok) samples[m.name].push_back(m.latency_ms);
  }
  std::vector<ModuleLatency> out;
  for (const auto& name : s.pipeline->order()) {
    if (!spec.only.empty() && name != spec.only) continue;
    const std::vector<double>& runs = samples[name];
    auto pct = [&](double p) { return nearest_rank_percentile(runs, p); };
    ModuleLatency l{name, runs.size(), pct(50), pct(95), pct(99), pct(100), s.pipeline->setup(name).sla.max_latency_ms,
                    {}};
    l.verdict = runs.empty() ? "no successful runs" : (l.sla_ms > 0 && l.p99_ms > l.sla_ms) ? "p99 over SLA" : "ok";
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace mosaic::host::app
