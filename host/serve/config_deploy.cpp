#include "host/serve/config_deploy.hpp"

#include "host/loader/library.hpp"
#include "host/loader/sha256.hpp"
#include "host/pipeline/assembly.hpp"
#include "host/pipeline/weights_port.hpp"
#include "host/serve/serve_clock.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace mosaic::host::serve {
namespace {

// A message that names the path the config was parsed as names the config as its sender
// knows it instead.
std::string relabel(std::string message, const fs::path& file, const std::string& label) {
  const std::string path = file.string();
  if (label != path && message.starts_with(path)) message = label + message.substr(path.size());
  return message;
}

bool same_sla(const mosaic_sla& a, const mosaic_sla& b) {
  return a.max_latency_ms == b.max_latency_ms && a.min_confidence == b.min_confidence;
}

}  // namespace

std::string run_verdict(const RunResult& run, const Shape& shape) {
  for (const ModuleRun& m : run.modules) {
    if (m.outcome == CallOutcome::Ok || m.outcome == CallOutcome::Disabled) continue;
    return fmt::format("{}: {}", m.name, m.reason.empty() ? outcome_name(m.outcome) : m.reason);
  }
  try {
    if (!run_weights(run.ports, shape.rows(), shape.assets()))
      return "the pipeline produced no weights (weights.final or weights.target)";
  } catch (const std::exception& e) {
    return fmt::format("unusable weights: {}", e.what());
  }
  return "";
}

void describe_change(const Pipeline& live, const Pipeline& next, DeployRecord& record) {
  for (const auto& name : next.order()) {
    if (!live.has(name)) {
      record.added.push_back(name);
      continue;
    }
    const ModuleSetup& a = live.setup(name);
    const ModuleSetup& b = next.setup(name);
    const bool was_on = live.state(name) != ModuleState::Disabled;
    if (a.params != b.params || was_on != b.enabled || !same_sla(a.sla, b.sla)) record.changed.push_back(name);
  }
  for (const auto& name : live.order())
    if (!next.has(name)) record.removed.push_back(name);
}

DeployCandidate prepare_deploy(const std::string& text, const fs::path& file, const std::string& label,
                               const std::string& source, DeployContext& context) {
  DeployCandidate c;
  DeployRecord& r = c.record;
  r.sha256 = sha256_hex(text);
  r.source = source;
  auto refuse = [&](const std::string& why) {
    r.ok = false;
    r.result = relabel(why, file, label);
    r.unix_ms = unix_ms_now();
    c.pipeline.reset();
    return std::move(c);
  };

  auto t = Clock::now();
  try {
    c.config = parse_config(text, file);
  } catch (const ConfigError& e) {
    return refuse(e.what());
  }
  r.parse_ms = ms_since(t);
  if (c.config.reoptimize && c.config.reoptimize->window > context.history_bars)
    return refuse(fmt::format("serve.reoptimize.window: {} bars, but serve keeps {} (--history)",
                              c.config.reoptimize->window, context.history_bars));
  if (!c.config.prices.empty() || c.config.news)
    r.notes.push_back("[data] is not used: serve runs on its feed");
  std::error_code ec;
  if (c.config.plugins && fs::weakly_canonical(*c.config.plugins, ec) != fs::weakly_canonical(context.plugin_dir, ec))
    r.notes.push_back(fmt::format("[pipeline] plugins is not used: serve loads from {}", context.plugin_dir.string()));

  // The candidate's lock (or none) governs what it loads; a refusal puts the old one back.
  std::optional<PluginLock> old_lock = context.shadow.current_lock();
  bool keep_lock = false;
  struct LockGuard {
    ShadowDir& shadow;
    std::optional<PluginLock>& old;
    bool& keep;
    ~LockGuard() {
      if (!keep) shadow.set_lock(std::move(old));
    }
  } lock_guard{context.shadow, old_lock, keep_lock};

  t = Clock::now();
  Assembly assembly;
  try {
    context.shadow.set_lock(c.config.plugin_lock ? std::optional<PluginLock>(read_plugin_lock(*c.config.plugin_lock))
                                                 : std::nullopt);
    assembly = assemble(c.config, context.plugin_dir, context.shadow, context.data_layouts);
  } catch (const LockError& e) {
    return refuse(fmt::format("plugin lock: {}", e.what()));
  } catch (const ConfigError& e) {
    return refuse(e.what());
  } catch (const LoadError& e) {
    return refuse(e.what());
  }
  if (!assembly.ok()) {
    std::string why = "modules:";
    for (const auto& i : assembly.issues) why += (why.back() == ':' ? " " : "; ") + i.message;
    return refuse(why);
  }
  assembly.scan.libraries.clear();  // only the pipeline keeps a generation alive
  try {
    c.pipeline = std::make_unique<Pipeline>(std::move(assembly.setups), assembly.resolution.order,
                                            c.config.quarantine_after);
  } catch (const std::runtime_error& e) {
    return refuse(fmt::format("modules: {}", e.what()));
  }
  r.assemble_ms = ms_since(t);

  t = Clock::now();
  for (const auto& name : c.pipeline->order()) {
    if (const std::string& why = c.pipeline->create_error(name); !why.empty())
      return refuse(fmt::format("{}: create failed: {}", name, why));
    if (std::string why = c.pipeline->self_test(name); !why.empty()) return refuse(fmt::format("{}: {}", name, why));
  }
  r.self_test_ms = ms_since(t);

  if (context.data) {
    t = Clock::now();
    const RunResult golden = c.pipeline->run(*context.data, context.shape);
    r.golden_ms = ms_since(t);
    if (std::string why = run_verdict(golden, context.shape); !why.empty()) return refuse("golden run: " + why);
  } else {
    r.notes.push_back("no golden run: no bar has arrived yet");
  }
  describe_change(context.live_pipeline, *c.pipeline, r);
  keep_lock = true;
  r.ok = true;
  r.unix_ms = unix_ms_now();
  return c;
}

}  // namespace mosaic::host::serve
