#include "host/serve/hot_reload.hpp"

#include "host/config/config_error.hpp"
#include "host/loader/library.hpp"
#include "host/loader/plugin_lock.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/assembly.hpp"
#include "host/registry/registry.hpp"
#include "host/serve/mapped_libraries.hpp"
#include "host/serve/partial_pipeline.hpp"
#include "host/serve/serve_clock.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <set>
#include <thread>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace mosaic::host::serve {
namespace {

// A publisher that copies in place instead of renaming shows a truncated file for a
// moment: such failures are retried; a library that opens but is wrong is not.
std::shared_ptr<Library> open_with_retries(const fs::path& file, const ShadowDir& shadow) {
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    try {
      return Library::open(file, shadow);
    } catch (const LoadError& e) {
      const bool maybe_half_written = e.reason.starts_with("not a");
      if (!maybe_half_written || attempt == kAttempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
    }
  }
}

ReloadRecord record_for(const std::string& module, const std::string& file) {
  ReloadRecord r;
  r.module = module;
  r.file = file;
  return r;
}

std::string join_issues(const std::vector<ResolveIssue>& issues) {
  std::string out;
  for (const auto& i : issues) out += (out.empty() ? "" : "; ") + i.message;
  return out;
}

}  // namespace

fs::path HotReloader::file_of(const std::string& module) const {
  if (const auto& lib = pipeline_.setup(module).library) return lib->file();
  const auto known = served_from_.find(module);
  return known == served_from_.end() ? fs::path() : fs::path(known->second);
}

std::vector<fs::path> HotReloader::folder_readers() const {
  std::vector<fs::path> files;
  for (const auto& name : pipeline_.order()) {
    const auto& lib = pipeline_.setup(name).library;
    if (lib && lib->reads_its_folder() && std::find(files.begin(), files.end(), lib->file()) == files.end())
      files.push_back(lib->file());
  }
  return files;
}

std::vector<std::string> HotReloader::modules_from(const fs::path& file) const {
  std::vector<std::string> names;
  for (const auto& name : pipeline_.order())
    if (file_of(name).filename() == file.filename()) names.push_back(name);
  return names;
}

std::vector<ReloadRecord> HotReloader::reload_file(const fs::path& file, const LiveInputs& live,
                                                   Clock::time_point first_seen) {
  const auto start = Clock::now();
  const double wait_ms = std::chrono::duration<double, std::milli>(start - first_seen).count();
  last_load_refusal_.clear();
  const std::vector<std::string> serving = modules_from(file);
  auto refuse_all = [&](const std::string& why, const std::string& version = "") {
    std::vector<ReloadRecord> out;
    for (const auto& name : serving) {
      ReloadRecord r = record_for(name, file.string());
      r.version = version;
      r.result = why;
      r.unix_ms = unix_ms_now();
      r.wait_ms = wait_ms;
      r.load_ms = ms_since(start);
      log_error(name, fmt::format("reload of {} rejected, the old build keeps serving: {}", file.string(), why));
      out.push_back(std::move(r));
    }
    return out;
  };

  std::shared_ptr<Library> library;
  try {
    if (config_.plugin_lock) shadow_.require_lock(read_plugin_lock(*config_.plugin_lock));
  } catch (const LockError& e) {
    last_load_refusal_ = fmt::format("plugin lock: {}", e.what());
    return refuse_all(last_load_refusal_);
  }
  try {
    library = open_with_retries(file, shadow_);
  } catch (const LoadError& e) {
    last_load_refusal_ = e.reason;
    return refuse_all(e.reason);
  }
  const double load_ms = ms_since(start);

  std::vector<ReloadRecord> records;
  bool offers_served = false;
  std::vector<ModuleSetup> arrivals;  // waiting modules the library offers
  for (const auto& m : library->modules()) {
    if (waiting_.contains(m.contract.name)) {
      try {
        arrivals.push_back(module_setup(config_, library, &m));
      } catch (const ConfigError& e) {
        waiting_[m.contract.name] = fmt::format("parameters: {}", e.what());
      }
      continue;
    }
    if (!pipeline_.has(m.contract.name)) continue;
    offers_served = true;
    ReloadRecord r = swap_in(m.contract.name, library, m, live);
    r.wait_ms = wait_ms;
    r.load_ms = load_ms;
    records.push_back(std::move(r));
  }
  if (!arrivals.empty()) {
    for (auto& r : admit(std::move(arrivals), live)) {
      r.wait_ms = wait_ms;
      r.load_ms = load_ms;
      records.push_back(std::move(r));
    }
    offers_served = true;
  }
  if (!offers_served && !serving.empty()) {
    std::vector<std::string> offered;
    for (const auto& m : library->modules()) offered.push_back(m.contract.label());
    return refuse_all(fmt::format("the library offers {}, none of the modules it served ({})",
                                  fmt::join(offered, ", "), fmt::join(serving, ", ")));
  }
  return records;
}

ReloadRecord HotReloader::swap_in(const std::string& name, std::shared_ptr<Library> library,
                                  const ModuleFactory& factory, const LiveInputs& live) {
  ReloadRecord r = record_for(name, library->file().string());
  r.version = factory.contract.version.str();
  r.generation = library->generation();
  auto reject = [&](std::string why) {
    r.result = std::move(why);
    r.unix_ms = unix_ms_now();
    log_error(name, fmt::format("{} {} (generation {}) rejected, the old build keeps serving: {}", name, r.version,
                                r.generation, r.result));
    return r;
  };

  // The contract against the rest of the pipeline: dependents' version ranges, ports,
  // layouts and cycles, exactly as at start-up.
  auto t = Clock::now();
  std::vector<Candidate> candidates;
  for (const auto& other : pipeline_.order())
    candidates.push_back({other == name ? &factory.contract : &pipeline_.contract(other), other});
  Resolution resolution = resolve(candidates, live.data_layouts);
  if (!resolution.ok()) return reject(fmt::format("contract: {}", join_issues(resolution.issues)));
  if (resolution.order != pipeline_.order())
    return reject(fmt::format("contract: its inputs need the run order {}, the live pipeline runs {}; restart serve to "
                              "change the order",
                              fmt::join(resolution.order, ", "), fmt::join(pipeline_.order(), ", ")));
  ModuleSetup setup;
  try {
    setup = module_setup(config_, library, &factory);
  } catch (const ConfigError& e) {
    return reject(fmt::format("parameters: {}", e.what()));
  }
  setup.enabled = true;  // the live switch belongs to the pipeline, not to the candidate
  r.validate_ms = ms_since(t);

  std::string golden_note;
  {
    // A probe pipeline of this one module: its self-test, then its run on the inputs the
    // live module last saw.
    // Never quarantined: the probe's failure is the candidate's verdict, and a "quarantined"
    // line in the log would read as if the live module were benched.
    Pipeline probe({setup}, {name}, std::numeric_limits<int>::max());
    t = Clock::now();
    if (std::string why = probe.self_test(name); !why.empty()) return reject(why);
    r.self_test_ms = ms_since(t);
    if (live.ports) {
      t = Clock::now();
      std::map<std::string, PortValue> inputs;
      for (const auto& [port, value] : *live.ports)
        if (value.producer != name) inputs.emplace(port, value);
      RunResult golden = probe.run(inputs, live.shape);
      r.golden_ms = ms_since(t);
      const ModuleRun& run = golden.modules.front();
      // Skipped: an upstream module is down, so there is no golden input, not a verdict.
      if (run.outcome != CallOutcome::Ok && run.outcome != CallOutcome::Skipped)
        return reject(fmt::format("golden run: {}", run.reason.empty() ? outcome_name(run.outcome) : run.reason));
      if (run.outcome == CallOutcome::Skipped) golden_note = fmt::format(" (no golden run: {})", run.reason);
    }
  }

  t = Clock::now();
  std::weak_ptr<Library> old_library = pipeline_.setup(name).library;
  const fs::path old_copy = old_library.expired() ? fs::path() : old_library.lock()->shadow_copy();
  const bool was_enabled = pipeline_.state(name) != ModuleState::Disabled;
  SwapReport swap = pipeline_.swap_module(name, std::move(setup));
  if (!swap.error.empty()) return reject(swap.error);
  if (!was_enabled) pipeline_.set_enabled(name, false);
  r.swap_ms = ms_since(t);
  r.state_handed_over = swap.state_handed_over;
  r.state_bytes = swap.state_bytes;
  served_from_[name] = library->file().filename().string();
  library.reset();
  r.old_unloaded = old_copy.empty() ||
                   (old_library.expired() && !Library::unload_failed(old_copy) && !is_mapped(old_copy));
  r.ok = true;
  r.result = "serving" + golden_note;
  r.unix_ms = unix_ms_now();
  log_info(name, fmt::format("now serving {} {} (generation {}){}", name, r.version, r.generation,
                             r.state_handed_over ? fmt::format(", state handed over ({} bytes)", r.state_bytes) : ""));
  if (!old_copy.empty() && !r.old_unloaded)
    log_warn(name, fmt::format("the previous generation ({}) is still mapped", old_copy.string()));
  return r;
}

void HotReloader::set_waiting(std::map<std::string, std::string> waiting, std::map<std::string, ModuleSetup> parked) {
  waiting_ = std::move(waiting);
  parked_ = std::move(parked);
}

std::vector<ReloadRecord> HotReloader::admit(std::vector<ModuleSetup> arrivals, const LiveInputs& live) {
  std::vector<ReloadRecord> records;
  std::set<std::string> arrived;
  std::vector<ModuleSetup> candidates;
  for (auto& setup : arrivals) {
    const std::string name = setup.factory->contract.name;
    arrived.insert(name);
    Pipeline probe({setup}, {name}, 1);
    if (std::string why = probe.self_test(name); !why.empty()) {
      waiting_[name] = why;
      ReloadRecord r = record_for(name, setup.library->file().string());
      r.version = setup.factory->contract.version.str();
      r.generation = setup.library->generation();
      r.result = "still waiting: " + why;
      r.unix_ms = unix_ms_now();
      records.push_back(std::move(r));
      continue;
    }
    candidates.push_back(std::move(setup));
  }
  for (auto& [name, setup] : parked_) candidates.push_back(std::move(setup));
  parked_.clear();
  std::vector<std::string> wanted;
  for (const auto& [name, why] : waiting_) wanted.push_back(name);
  std::vector<const ContractInfo*> fixed;
  for (const auto& name : pipeline_.order()) fixed.push_back(&pipeline_.contract(name));

  PartialPipeline part;
  try {
    part = largest_resolvable(fixed, candidates, wanted, live.data_layouts);
  } catch (const std::runtime_error& e) {
    // An issue with the live modules themselves: nothing can be added next to them.
    for (auto& setup : candidates) {
      part.waiting[setup.factory->contract.name] = e.what();
      part.parked.emplace(setup.factory->contract.name, std::move(setup));
    }
  }
  std::vector<std::string> grown = pipeline_.order();
  for (auto& setup : part.serving) {
    const std::string name = setup.factory->contract.name;
    ReloadRecord r = record_for(name, setup.library->file().string());
    r.version = setup.factory->contract.version.str();
    r.generation = setup.library->generation();
    served_from_[name] = setup.library->file().filename().string();
    grown.push_back(name);
    std::vector<std::string> order;  // the resolution's order, restricted to what is in by now
    for (const auto& n : part.order)
      if (std::find(grown.begin(), grown.end(), n) != grown.end()) order.push_back(n);
    pipeline_.add_module(std::move(setup), order);
    waiting_.erase(name);
    r.ok = true;
    r.result = "serving: added to the pipeline";
    r.unix_ms = unix_ms_now();
    log_info(name, fmt::format("now serving {} {} (generation {}), added to the pipeline", name, r.version,
                               r.generation));
    records.push_back(std::move(r));
  }
  for (auto& [name, setup] : part.parked) {
    if (arrived.contains(name)) {
      ReloadRecord r = record_for(name, setup.library->file().string());
      r.version = setup.factory->contract.version.str();
      r.generation = setup.library->generation();
      r.result = "still waiting: " + part.waiting[name];
      r.unix_ms = unix_ms_now();
      records.push_back(std::move(r));
    }
    parked_.emplace(name, std::move(setup));
  }
  for (const auto& [name, why] : part.waiting) waiting_[name] = why;
  return records;
}

std::vector<ReloadRecord> HotReloader::remove_file(const fs::path& file) {
  std::vector<ReloadRecord> records;
  for (const auto& name : modules_from(file)) {
    if (!pipeline_.setup(name).library) continue;  // already unloaded
    const fs::path old_copy = pipeline_.setup(name).library->shadow_copy();
    served_from_[name] = file.filename().string();
    pipeline_.unload_module(name, fmt::format("its library {} was deleted", file.string()));
    ReloadRecord r = record_for(name, file.string());
    r.ok = true;
    r.result = "unloaded: file deleted";
    r.unix_ms = unix_ms_now();
    r.old_unloaded = !Library::unload_failed(old_copy) && !is_mapped(old_copy);
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace mosaic::host::serve
