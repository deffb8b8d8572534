// Runs module instances in dependency order over a set of data ports, applying the
// failure policy: a failing module's outputs are absent, dependents with a required port
// are skipped, optional ports are dropped, the run is marked degraded with the reason, and
// a module that fails N times in a row is quarantined until re-enabled or reloaded.
#pragma once

#include "host/config/module_isolation.hpp"
#include "host/config/param_binding.hpp"
#include "host/data/port_value.hpp"
#include "host/loader/library.hpp"
#include "host/monitor/module_stats.hpp"
#include "host/pipeline/output_cache.hpp"
#include "host/pipeline/output_check.hpp"

#include <mosaic/arrow.hpp>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mosaic::host {

// Everything needed to instantiate one module of a pipeline.
struct ModuleSetup {
  std::shared_ptr<Library> library;  // keeps the code mapped while instances live
  const ModuleFactory* factory = nullptr;
  std::vector<BoundParam> params;
  mosaic_sla sla{0.0, 0.0};  // the effective SLA (contract, then config overrides)
  bool enabled = true;
  std::string params_origin;  // where the params came from, for messages ("FILE: modules.x.params")
  // Set when the module runs in a child process (isolate = true): its calls, crashes and
  // timeouts stay out of the host.
  std::optional<ModuleIsolation> isolation;
};

struct ModuleRun {
  std::string name;
  CallOutcome outcome = CallOutcome::Skipped;
  double latency_ms = 0;
  double confidence = -1;  // min over its judged outputs (all when none is); -1 when it produced none
  bool latency_ok = true;
  bool confidence_ok = true;
  // The instance's first call: its latency is recorded but not judged against the SLA.
  bool cold = false;
  // Every output was warm-up (mosaic.ext.warmup/1): confidence is that of the warm-up
  // outputs, and is not judged.
  bool warmup = false;
  std::string reason;  // why it failed or was skipped
  std::vector<std::string> outputs;
  std::vector<std::string> warmup_outputs;  // outputs whose confidence was not judged
  bool cached = false;  // served from the output cache: the module was not called
};

// What a hot swap did: error is "" when the new build serves.
struct SwapReport {
  std::string error;
  bool state_handed_over = false;  // both builds offer mosaic.ext.state/1 and it went through
  size_t state_bytes = 0;
};

struct RunResult {
  std::map<std::string, PortValue> ports;  // data ports and every output produced
  std::vector<ModuleRun> modules;          // in run order
  std::vector<std::string> degraded_reasons;
  bool degraded() const { return !degraded_reasons.empty(); }
};

class Pipeline {
 public:
  // Instantiates every module (in `order`). A module whose create fails stays in the
  // pipeline without an instance: every run reports it failed, with the reason, and the
  // failure policy applies to its dependents.
  Pipeline(std::vector<ModuleSetup> modules, const std::vector<std::string>& order, int quarantine_after);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Runs every enabled module once. `shape` is the run's timeline and universe; every
  // panel a module emits must match it. `known`, when given, holds timelines of `data`'s
  // panels that the caller found to be `shape`'s (timelines_on_shape): an output that shares
  // one is not compared with the calendar again.
  RunResult run(const std::map<std::string, PortValue>& data, const Shape& shape,
                const VerifiedTimelines* known = nullptr);

  // Replaces a module's parameters and lifts a quarantine. An instance that offers
  // mosaic.ext.reconfigure/1 takes them in place; otherwise (or when it refuses them) a new
  // instance is created from them (a failed create is reported by every run, as in the
  // constructor). Returns false, keeping the warm instance, when the parameters are already
  // these.
  bool reconfigure(const std::string& name, const std::vector<BoundParam>& params);

  // Replaces a module's build between runs: creates an instance of `next` (same module
  // name), hands the old instance's state over through mosaic.ext.state/1 when both offer
  // it, then destroys the old instance and drops its setup, so the old library can unload.
  // On any failure the old instance keeps serving, untouched. Stats carry on; a quarantine
  // is lifted.
  SwapReport swap_module(const std::string& name, ModuleSetup next);

  // Adds a module that was not in the pipeline, then puts the modules in `order`, which
  // must name each of them once (a resolution of the grown pipeline). A failed create is
  // reported by every run, as in the constructor. Throws std::logic_error for a name that
  // is already there or an order that does not fit.
  void add_module(ModuleSetup setup, const std::vector<std::string>& order);

  // For a new config going live: this pipeline's module `name` takes over what the module
  // of that name in `from` has accumulated: its stats, and its instance's state through
  // mosaic.ext.state/1 when both instances offer it. A state the new instance refuses
  // leaves it as it was (the extension's contract); the report's error says why, and the
  // module goes on with its own state.
  SwapReport take_over(const std::string& name, Pipeline& from);

  // The instance's state as mosaic.ext.state/1 saves it; nullopt when the module has no
  // instance or does not offer the extension. Throws std::runtime_error when save fails.
  std::optional<std::vector<uint8_t>> saved_state(const std::string& name);

  // Drops a module's instance and library (its file was deleted). The module stays in the
  // pipeline, failing every run with `reason`, so the failure policy applies to its
  // dependents until a build is swapped in again.
  void unload_module(const std::string& name, const std::string& reason);

  // The runtime switch; enabling a quarantined module lifts the quarantine.
  void set_enabled(const std::string& name, bool enabled);
  bool has(const std::string& name) const;
  ModuleState state(const std::string& name) const;
  const ModuleStats& stats(const std::string& name) const;
  const ContractInfo& contract(const std::string& name) const;
  const ModuleSetup& setup(const std::string& name) const;
  std::vector<std::string> order() const;

  // Shares an output cache (nullptr: none). With one, a module whose identity, parameters
  // and inputs match an earlier run is not called: its outputs come from the cache.
  // `cache_last` false leaves the last module to run out: in a search no two runs match in
  // every module, so its outputs would never be reused.
  void set_cache(std::shared_ptr<OutputCache> cache, bool cache_last = true) {
    cache_ = std::move(cache);
    cache_last_ = cache_last;
  }
  // The modules whose parameters or switches a search varies (nullopt: not known). A module
  // whose inputs come only from itself and modules among them gets a new cache key with
  // every configuration, so its outputs are neither looked up nor stored: keeping them would
  // only grow the process (an SMA sweep's signals).
  void set_searched(const std::optional<std::set<std::string>>& modules);
  // Whether an SLA violation is logged as a warning (it is always counted in the stats). A
  // search evaluates configurations, not a service: thousands of configurations on both
  // cores would flood the terminal with verdicts about parameters nobody will deploy.
  void set_log_sla(bool log) { log_sla_ = log; }

  // Runs a module's self-test; "" when it passes, else the reason.
  std::string self_test(const std::string& name);

  // Why a module has no instance; "" when it was created.
  const std::string& create_error(const std::string& name) const;

 private:
  struct Slot;
  Slot& slot(const std::string& name);
  const Slot& slot(const std::string& name) const;
  void back_first_outputs(const Shape& shape);
  ModuleRun run_one(Slot& s, RunResult& result, const Shape& shape);
  static void create_instance(Slot& s);
  static void create_isolated(Slot& s, const std::vector<mosaic_param_value>& params);
  // Counts an isolated module's new crashes into its stats; quarantines it at the limit.
  static void count_crashes(Slot& s);
  static void quarantine(Slot& s, std::string reason);
  static void lift_quarantine(Slot& s);
  static std::unique_ptr<Slot> make_slot(ModuleSetup setup);

  uint64_t cache_key(Slot& s, const std::vector<const PortValue*>& inputs) const;

  std::vector<std::unique_ptr<Slot>> slots_;  // in run order
  int quarantine_after_;
  std::shared_ptr<OutputCache> cache_;
  bool cache_last_ = true;
  const Slot* last_enabled_ = nullptr;  // of the current run
  std::optional<std::set<std::string>> searched_;  // set_searched
  std::optional<uint64_t> searched_bits_;         // of the current run: bit i for slot i
  bool log_sla_ = true;
  bool room_backed_ = false;  // back_first_outputs ran
  VerifiedTimelines verified_timelines_;  // of the current run's outputs (check_panel_shape)
  static constexpr uint64_t kCacheAdmissionMisses = 256;
};

}  // namespace mosaic::host
