#include "host/pipeline/pipeline.hpp"

#include "host/data/heap_room.hpp"
#include "host/loader/host_services.hpp"
#include "host/loader/instance_check.hpp"
#include "host/loader/module_message.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/output_check.hpp"
#include "host/pipeline/pipeline_slot.hpp"
#include "host/pipeline/reconfigure_in_place.hpp"
#include "host/pipeline/warmup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace mosaic::host {

namespace {

// The emit side of one process call: checks each output and holds it until the call
// has returned successfully.
struct Sink {
  mosaic_outputs c{};
  const ContractInfo* contract = nullptr;
  const Shape* shape = nullptr;
  const std::map<std::string, PortValue>* existing = nullptr;  // ports produced earlier in the run
  // Timelines found equal to the shape's: those of the run's earlier outputs, then this call's.
  VerifiedTimelines* verified = nullptr;
  std::vector<PortValue> emitted;
  std::string problem;  // the first refused output, reported as the module's failure
  std::chrono::steady_clock::duration host_time{};  // spent checking outputs, not the module's

  // Called from module code: nothing may escape as an exception.
  static int32_t emit(mosaic_outputs* self, const char* port, ArrowSchema* schema, ArrowArray* array,
                      double confidence, mosaic_error* err) noexcept {
    auto* sink = static_cast<Sink*>(self->host_data);
    const auto start = std::chrono::steady_clock::now();
    int32_t status;
    try {
      status = sink->accept(port, schema, array, confidence, err);
    } catch (const std::bad_alloc&) {
      mosaic::write_error(err, "host out of memory while accepting an output");
      status = MOSAIC_ERR_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
      mosaic::write_error(err, e.what());
      status = MOSAIC_ERR_FAILED;
    }
    sink->host_time += std::chrono::steady_clock::now() - start;
    return status;
  }

  int32_t accept(const char* port, ArrowSchema* schema, ArrowArray* array, double confidence, mosaic_error* err) {
    Sink* sink = this;
    std::string name = port ? port : "";
    auto refuse = [&](std::string why) {
      if (sink->problem.empty()) sink->problem = why;
      mosaic::write_error(err, why.c_str());
      return static_cast<int32_t>(MOSAIC_ERR_INVALID_ARGUMENT);
    };
    const PortInfo* decl = sink->contract->output_for(name);
    if (!decl) return refuse(fmt::format("emitted undeclared output '{}'", name));
    if (!schema || !array) return refuse(fmt::format("output '{}' was emitted without Arrow structs", name));
    if (!array->release || !schema->release)
      return refuse(fmt::format("output '{}' has an ArrowArray or ArrowSchema whose release is NULL, which marks a "
                                "released struct: build it from the host's alloc and set release to the host's "
                                "array_release / schema_release (mosaic_c_new_panel in mosaic/c_module.h does both)",
                                name));
    for (const auto& e : sink->emitted)
      if (e.name == name) return refuse(fmt::format("output '{}' emitted twice", name));
    if (auto it = sink->existing->find(name); it != sink->existing->end())
      return refuse(fmt::format("output '{}' is already produced by {}", name, it->second.producer));
    if (std::string why = check_host_owned(schema, array, host_services()); !why.empty())
      return refuse(fmt::format("output '{}' refused: {}", name, why));
    std::string shape_problem = decl->layout == MOSAIC_LAYOUT_PANEL
                                    ? check_panel_shape(schema, array, *sink->shape, sink->verified)
                                    : check_table(schema, array);
    if (!shape_problem.empty()) return refuse(fmt::format("wrong-shaped output '{}': {}", name, shape_problem));
    if (!(confidence >= 0.0 && confidence <= 1.0))
      return refuse(fmt::format("output '{}' has confidence {} outside [0, 1]", name, confidence));
    PortValue v{name, sink->contract->name, std::make_shared<ArrowBatch>(schema, array), confidence};
    sink->emitted.push_back(std::move(v));
    return MOSAIC_OK;
  }
};

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

Pipeline::Pipeline(std::vector<ModuleSetup> modules, const std::vector<std::string>& order, int quarantine_after)
    : quarantine_after_(quarantine_after) {
  for (const auto& name : order) {
    auto it = std::find_if(modules.begin(), modules.end(),
                           [&](const ModuleSetup& m) { return m.factory->contract.name == name; });
    if (it == modules.end()) throw std::logic_error("pipeline order names unknown module " + name);
    slots_.push_back(make_slot(std::move(*it)));
  }
}

std::unique_ptr<Pipeline::Slot> Pipeline::make_slot(ModuleSetup setup) {
  auto s = std::make_unique<Slot>();
  s->setup = std::move(setup);
  s->contract_copy = s->setup.factory->contract;
  s->name = s->contract_copy.name;
  s->enabled = s->setup.enabled;
  create_instance(*s);
  return s;
}

void Pipeline::create_instance(Slot& s) {
  if (!s.setup.factory) {
    s.create_error = "no library: the module was unloaded";
    return;
  }
  std::vector<mosaic_param_value> c_params;
  for (const auto& p : s.setup.params) c_params.push_back({p.name.c_str(), p.value.to_c()});
  mosaic_error err{};
  s.create_error.clear();
  s.instance_calls = 0;
  if (s.setup.isolation) {
    create_isolated(s, c_params);
  } else {
    const int32_t status = s.setup.factory->factory->create(host_services(), c_params.data(),
                                                            static_cast<uint32_t>(c_params.size()), &s.instance, &err);
    if (status != MOSAIC_OK || !s.instance) s.create_error = fmt::format("create failed ({}): {}", status, module_message(err));
  }
  if (!s.create_error.empty()) {
    s.instance = nullptr;
  } else if (!instance_usable(s.instance)) {
    // Unusable, and not safely destroyable either: leak it rather than call through a
    // missing function pointer.
    s.instance = nullptr;
    s.create_error = "create returned a malformed instance (struct_size or function pointers)";
  }
  if (!s.create_error.empty()) {
    if (!s.setup.params_origin.empty()) s.create_error += fmt::format(" (parameters: {})", s.setup.params_origin);
    log_error(s.name, s.create_error);
  }
}

void Pipeline::create_isolated(Slot& s, const std::vector<mosaic_param_value>& params) {
  if (!s.isolated) {
    isolation::ChildOptions options;
    options.library = s.setup.library->shadow_copy();
    options.module = s.name;
    options.timeout_ms = s.setup.isolation->timeout_ms;
    options.memory_mb = s.setup.isolation->memory_mb;
    s.isolated = std::make_unique<isolation::IsolatedModule>(std::move(options));
  }
  std::string error;
  s.instance = s.isolated->create(params, error);
  if (!s.instance) s.create_error = "isolated: " + error;
  count_crashes(s);
}

void Pipeline::count_crashes(Slot& s) {
  if (!s.isolated || s.isolated->crashes() == s.crashes_seen) return;
  const uint64_t fresh = s.isolated->crashes() - s.crashes_seen;
  s.crashes_seen = s.isolated->crashes();
  s.stats.crashes += fresh;
  s.stats.last_crash = s.isolated->last_crash();
  s.crashes_since_lift += static_cast<int>(fresh);
  if (!s.quarantined && s.crashes_since_lift >= s.setup.isolation->quarantine_after_crashes) {
    quarantine(s, fmt::format("{} crashes of its isolated process (last: {})", s.crashes_since_lift, s.stats.last_crash));
  }
}

void Pipeline::quarantine(Slot& s, std::string reason) {
  s.quarantined = true;
  s.stats.quarantine_reason = std::move(reason);
  log_error(s.name, "quarantined after " + s.stats.quarantine_reason);
}

void Pipeline::lift_quarantine(Slot& s) {
  s.quarantined = false;
  s.stats.consecutive_failures = 0;
  s.crashes_since_lift = 0;
}

bool Pipeline::reconfigure(const std::string& name, const std::vector<BoundParam>& params) {
  Slot& s = slot(name);
  if (s.setup.params == params) return false;
  s.setup.params = params;
  s.setup_key.reset();
  lift_quarantine(s);
  // In place when the module offers it (its caches and scratch survive, and its next call
  // is warm); otherwise, or when it refuses the values, a new instance.
  if (reconfigure_in_place(s.instance, params)) return true;
  if (s.instance) s.instance->destroy(s.instance);
  s.instance = nullptr;
  create_instance(s);
  return true;
}

Pipeline::~Pipeline() {
  // Later modules may hold nothing of earlier ones, but destroy in reverse run order anyway.
  while (!slots_.empty()) slots_.pop_back();
}

Pipeline::Slot& Pipeline::slot(const std::string& name) {
  for (auto& s : slots_)
    if (s->name == name) return *s;
  throw std::out_of_range("no module '" + name + "' in the pipeline");
}
const Pipeline::Slot& Pipeline::slot(const std::string& name) const {
  return const_cast<Pipeline*>(this)->slot(name);
}

bool Pipeline::has(const std::string& name) const {
  return std::any_of(slots_.begin(), slots_.end(), [&](const auto& s) { return s->name == name; });
}

void Pipeline::set_searched(const std::optional<std::set<std::string>>& modules) { searched_ = modules; }

void Pipeline::set_enabled(const std::string& name, bool enabled) {
  Slot& s = slot(name);
  s.enabled = enabled;
  if (enabled) lift_quarantine(s);
}

ModuleState Pipeline::state(const std::string& name) const {
  const Slot& s = slot(name);
  if (!s.enabled) return ModuleState::Disabled;
  if (s.quarantined) return ModuleState::Quarantined;
  const auto& st = s.stats;
  bool bad_last = st.last_outcome == CallOutcome::Failed || st.last_outcome == CallOutcome::Skipped ||
                  !st.last_latency_ok || !st.last_confidence_ok;
  return bad_last ? ModuleState::Degraded : ModuleState::Healthy;
}

const ModuleStats& Pipeline::stats(const std::string& name) const { return slot(name).stats; }
const ContractInfo& Pipeline::contract(const std::string& name) const { return slot(name).contract(); }
const ModuleSetup& Pipeline::setup(const std::string& name) const { return slot(name).setup; }

std::vector<std::string> Pipeline::order() const {
  std::vector<std::string> names;
  for (const auto& s : slots_) names.push_back(s->name);
  return names;
}

const std::string& Pipeline::create_error(const std::string& name) const { return slot(name).create_error; }

std::string Pipeline::self_test(const std::string& name) {
  Slot& s = slot(name);
  if (!s.instance) return s.create_error;
  mosaic_error err{};
  int32_t status = s.instance->self_test(s.instance, &err);
  return status == MOSAIC_OK ? std::string() : fmt::format("self-test failed ({}): {}", status, module_message(err));
}

uint64_t Pipeline::cache_key(Slot& s, const std::vector<const PortValue*>& inputs) const {
  if (!s.setup_key) {
    const ContractInfo& c = s.contract();
    const std::string identity = c.id + "\n" + c.name + "\n" + c.version.str();
    uint64_t setup = hash_bytes(identity.data(), identity.size());
    setup = hash_combine(setup, s.setup.library->generation());  // a reloaded library is new code
    // Each parameter's name and value as they are in memory: a search reconfigures on every
    // configuration, and writing the values out as text cost as much as the trial's key.
    for (const auto& p : s.setup.params) {
      const ParamValue& v = p.value;
      setup = hash_text(setup, p.name);
      setup = hash_combine(setup, static_cast<uint64_t>(static_cast<uint32_t>(v.type)));
      setup = hash_combine(setup, static_cast<uint64_t>(v.i));
      setup = hash_combine(setup, std::bit_cast<uint64_t>(v.f));
      setup = hash_combine(setup, v.b ? 1 : 0);
      setup = hash_text(setup, v.s);
    }
    s.setup_key = setup;
  }
  uint64_t h = *s.setup_key;
  for (const PortValue* in : inputs) {
    h = hash_text(h, in->name);
    h = hash_combine(h, in->key);
  }
  return h;
}

RunResult Pipeline::run(const std::map<std::string, PortValue>& data, const Shape& shape,
                        const VerifiedTimelines* known) {
  RunResult result;
  result.ports = data;
  if (cache_)
    for (auto& [name, port] : result.ports)
      if (port.key == 0) port.key = content_key(port.batch->schema(), port.batch->array());
  last_enabled_ = nullptr;
  if (known) verified_timelines_.assign(known->begin(), known->end());
  else verified_timelines_.clear();
  // Slots move when modules are added; more than 64 cannot be told apart in a mask.
  searched_bits_.reset();
  if (searched_ && slots_.size() <= 64) searched_bits_ = 0;
  for (size_t i = 0; i < slots_.size(); ++i) {
    slots_[i]->index = i;
    slots_[i]->upstream = 0;
    if (searched_bits_ && searched_->count(slots_[i]->name)) *searched_bits_ |= uint64_t{1} << i;
  }
  if (!cache_last_)
    for (auto& s : slots_)
      if (s->enabled) last_enabled_ = s.get();
  back_first_outputs(shape);
  for (auto& s : slots_) result.modules.push_back(run_one(*s, result, shape));
  return result;
}

// A module's first call would otherwise fault in every page of its outputs one at a time
// (host/data/heap_room.hpp). A search's pipelines are left alone: their thousands of calls
// reuse the first one's memory, and none of their latencies is judged.
void Pipeline::back_first_outputs(const Shape& shape) {
  if (room_backed_ || searched_) return;
  room_backed_ = true;
  // Room for eight panels and their timestamps per module: technical, which emits the most
  // of the shipped modules, writes eighteen; the others one to three.
  constexpr size_t kPanelsPerModule = 8;
  const size_t panel = shape.rows() * (shape.assets() + 1) * sizeof(double);
  size_t modules = 0;
  for (const auto& s : slots_) modules += s->enabled && s->instance ? 1 : 0;
  back_heap_room(modules * kPanelsPerModule * panel);
}

ModuleRun Pipeline::run_one(Slot& s, RunResult& result, const Shape& shape) {
  ModuleRun run;
  run.name = s.name;
  const ContractInfo& contract = s.contract();
  auto degrade = [&](std::string reason) {
    run.reason = reason;
    result.degraded_reasons.push_back(fmt::format("{}: {}", s.name, reason));
  };

  if (!s.enabled) {
    run.outcome = CallOutcome::Disabled;
    s.stats.last_outcome = run.outcome;
    return run;
  }
  if (!s.instance) {
    run.outcome = CallOutcome::Failed;
    s.stats.errors++;
    s.stats.last_error = s.create_error;
    s.stats.last_outcome = run.outcome;
    degrade(fmt::format("failed: {}", s.create_error));
    return run;
  }
  if (s.quarantined) {
    run.outcome = CallOutcome::Quarantined;
    s.stats.last_outcome = run.outcome;
    degrade("quarantined after " + s.stats.quarantine_reason);
    return run;
  }

  // Gather inputs. A missing required port skips the module; a missing optional port is
  // simply not passed.
  std::vector<mosaic_port_data> ports;
  std::vector<const PortValue*> passed;
  for (const auto& in : contract.inputs) {
    if (in.is_pattern()) {
      for (auto& [name, value] : result.ports)
        if (in.matches(name) && value.producer != s.name) {
          ports.push_back({value.name.c_str(), value.batch->schema(), value.batch->array(), value.confidence});
          passed.push_back(&value);
        }
      continue;
    }
    auto it = result.ports.find(in.name);
    if (it == result.ports.end()) {
      if (!in.required) continue;
      run.outcome = CallOutcome::Skipped;
      s.stats.skipped++;
      s.stats.last_outcome = run.outcome;
      degrade(fmt::format("skipped: required input '{}' is absent", in.name));
      return run;
    }
    ports.push_back({it->second.name.c_str(), it->second.batch->schema(), it->second.batch->array(),
                     it->second.confidence});
    passed.push_back(&it->second);
  }

  const uint64_t key = cache_ ? cache_key(s, passed) : 0;
  // Whether a later configuration can meet this key again: only when the search varies a
  // module outside this one's upstream (set_searched).
  if (searched_bits_) {
    s.upstream = uint64_t{1} << s.index;
    for (const PortValue* in : passed)
      if (in->producer != s.name && has(in->producer)) s.upstream |= slot(in->producer).upstream;
  }
  // The last module's outputs are never stored (set_cache), so they are not looked up either.
  const bool reusable = (!searched_bits_ || (*searched_bits_ & ~s.upstream) != 0) && &s != last_enabled_;
  if (cache_ && reusable) {
    if (auto hit = cache_->find(key)) {
      run.outcome = CallOutcome::Ok;
      run.cached = true;
      double confidence = hit->empty() ? -1.0 : 1.0;
      for (auto& v : *hit) {
        confidence = std::min(confidence, v.confidence);
        run.outputs.push_back(v.name);
        std::string name = v.name;
        result.ports.insert_or_assign(name, std::move(v));
      }
      run.confidence = confidence;
      s.stats.cache_hits++;
      s.stats.consecutive_failures = 0;
      s.stats.last_outcome = run.outcome;
      return run;
    }
  }
  mosaic_inputs inputs{sizeof(mosaic_inputs), static_cast<uint32_t>(ports.size()), ports.data()};
  // What the module can ask of its inputs through mosaic.ext.content_key/1.
  s.input_keys.clear();
  for (const PortValue* in : passed) s.input_keys.push_back(in->key);

  Sink sink;
  sink.c.struct_size = sizeof(mosaic_outputs);
  sink.c.host_data = &sink;
  sink.c.emit = &Sink::emit;
  sink.contract = &contract;
  sink.shape = &shape;
  sink.existing = &result.ports;
  sink.verified = &verified_timelines_;
  const size_t verified_before = verified_timelines_.size();

  mosaic_error err{};
  // An instance's first call is cold: it first-touches memory (the module's scratch, and
  // output pages beyond the room the first run backed), which is the machine's price of
  // growing the process, not the module's per-bar latency. It is recorded apart, with its
  // page faults, and not judged; every later call is.
  run.cold = s.instance_calls++ == 0;
  const long faults_before = run.cold ? thread_page_faults() : 0;
  auto start = std::chrono::steady_clock::now();
  int32_t status = MOSAIC_OK;
  {
    const CallInputs call(&inputs, s.input_keys.data(), passed.data());
    status = s.instance->process(s.instance, &inputs, &sink.c, &err);
  }
  // The module's own time: the host's checks of its outputs are not charged to its SLA.
  run.latency_ms = elapsed_ms(start) - std::chrono::duration<double, std::milli>(sink.host_time).count();

  ModuleStats& st = s.stats;
  st.calls++;
  st.last_latency_ms = run.latency_ms;
  st.latency.record(run.latency_ms);
  if (run.cold) {
    st.cold_calls++;
    st.last_cold_latency_ms = run.latency_ms;
    st.last_cold_page_faults = static_cast<uint64_t>(thread_page_faults() - faults_before);
  }
  run.latency_ok = run.cold || !(s.setup.sla.max_latency_ms > 0 && run.latency_ms > s.setup.sla.max_latency_ms);
  st.last_latency_ok = run.latency_ok;
  if (!run.latency_ok) {
    st.latency_violations++;
    if (log_sla_) log_warn(s.name, fmt::format("SLA: latency {:.3f} ms exceeds max_latency_ms {}", run.latency_ms,
                                 s.setup.sla.max_latency_ms));
  }

  if (status != MOSAIC_OK || !sink.problem.empty()) {
    std::string why = !sink.problem.empty() ? sink.problem : fmt::format("error {}: {}", status, module_message(err));
    st.errors++;
    st.consecutive_failures++;
    st.last_error = why;
    run.outcome = CallOutcome::Failed;
    st.last_outcome = run.outcome;
    st.last_confidence_ok = true;
    degrade(fmt::format("failed: {}", why));
    log_error(s.name, why);
    count_crashes(s);
    if (!s.quarantined && static_cast<int>(st.consecutive_failures) >= quarantine_after_)
      quarantine(s, fmt::format("{} consecutive failures (last: {})", st.consecutive_failures, st.last_error));
    verified_timelines_.resize(verified_before);  // what this call's outputs showed is freed with them
    return run;  // the emitted outputs are dropped: a failed module's outputs are absent
  }

  st.consecutive_failures = 0;
  run.outcome = CallOutcome::Ok;
  st.last_outcome = run.outcome;
  if (cache_) {
    for (auto& v : sink.emitted) v.key = hash_text(key, v.name);
    // A module that has missed many times and never hit (every configuration gives it new
    // parameters) would only fill the cache: its outputs are no longer stored.
    const bool pointless = st.cache_hits == 0 && ++s.cache_misses > kCacheAdmissionMisses;
    if (!pointless && reusable) cache_->insert(key, sink.emitted);
  }
  // Warm-up outputs (mosaic.ext.warmup/1) have no estimate at the last bar yet: the SLA
  // judges the confidence of the others, and a call whose every output is warm-up is
  // counted as warm-up rather than judged.
  const std::vector<bool> warm = warmup_outputs(s.instance, sink.emitted, contract);
  double confidence = -1.0, warm_confidence = -1.0;
  for (size_t i = 0; i < sink.emitted.size(); ++i) {
    PortValue& v = sink.emitted[i];
    double& min = warm[i] ? warm_confidence : confidence;
    min = min < 0 ? v.confidence : std::min(min, v.confidence);
    run.outputs.push_back(v.name);
    if (warm[i]) run.warmup_outputs.push_back(v.name);
    std::string name = v.name;
    result.ports.insert_or_assign(name, std::move(v));
  }
  run.warmup = confidence < 0 && warm_confidence >= 0;
  if (run.warmup) {
    confidence = warm_confidence;
    st.warmup_calls++;
  }
  run.confidence = confidence;
  st.last_confidence = confidence;
  run.confidence_ok = run.warmup || !(confidence >= 0 && confidence < s.setup.sla.min_confidence);
  st.last_confidence_ok = run.confidence_ok;
  if (!run.confidence_ok) {
    st.confidence_violations++;
    if (log_sla_) log_warn(s.name, fmt::format("SLA: confidence {:.3f} is below min_confidence {}", confidence,
                                 s.setup.sla.min_confidence));
  }
  return run;
}

}  // namespace mosaic::host
