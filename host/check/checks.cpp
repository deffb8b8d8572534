// The checks of `mosaic modules check`, each a function run in a child process of its own.
#include "host/check/isolated.hpp"
#include "host/check/module_check.hpp"
#include "host/check/module_probe.hpp"
#include "host/check/synthetic_data.hpp"
#include "host/loader/module_message.hpp"
#include "host/loader/shadow_dir.hpp"

#include <mosaic/ext_state.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>
#include <thread>

namespace mosaic::host::check {
namespace {

CheckResult pass(std::string detail = {}) { return {{}, {}, Verdict::Pass, std::move(detail), 0}; }
CheckResult fail(std::string detail) { return {{}, {}, Verdict::Fail, std::move(detail), 0}; }
CheckResult skip(std::string detail) { return {{}, {}, Verdict::Skip, std::move(detail), 0}; }

// What every per-module check gets: the module, loaded in the check's own process.
struct Loaded {
  ShadowDir shadow;
  std::shared_ptr<Library> library;
  const ModuleFactory* module = nullptr;
};

using ModuleCheck = std::function<CheckResult(const ModuleFactory&)>;

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The problems of one call as one line, or "" when it went through.
std::string call_problems(const ProcessOutcome& o) {
  std::vector<std::string> all = o.problems;
  if (o.status != MOSAIC_OK) all.insert(all.begin(), fmt::format("process returned {}: {}", o.status, o.error));
  return join(all, "; ");
}

// Every declared output that is not a pattern must be emitted.
std::string missing_outputs(const ContractInfo& c, const ProcessOutcome& o) {
  std::vector<std::string> missing;
  for (const auto& d : c.outputs) {
    if (d.is_pattern()) continue;
    if (std::none_of(o.ports.begin(), o.ports.end(), [&](const Emitted& e) { return e.port == d.name; }))
      missing.push_back(d.name);
  }
  return missing.empty() ? std::string() : "declared but not emitted: " + join(missing);
}

// --- contract ------------------------------------------------------------------------

CheckResult contract(const ModuleFactory& m) {
  const ContractInfo& c = m.contract;
  std::vector<std::string> wrong;
  if (c.id.empty()) wrong.push_back("no id: give the contract .id(\"org.example.name\"), a name you own");
  else if (c.id.rfind("mosaic.", 0) == 0)
    wrong.push_back(fmt::format("id '{}' is in the mosaic.* namespace, which is the project's: use a domain you own", c.id));
  if (c.description.empty()) wrong.push_back("the module has no description");
  for (const auto& p : c.inputs)
    if (p.description.empty()) wrong.push_back(fmt::format("input '{}' has no description", p.name));
  for (const auto& p : c.outputs)
    if (p.description.empty()) wrong.push_back(fmt::format("output '{}' has no description", p.name));
  for (const auto& p : c.params) {
    if (p.description.empty()) wrong.push_back(fmt::format("parameter '{}' has no description", p.name));
    if (p.type() == MOSAIC_PARAM_ENUM && p.choices.empty())
      wrong.push_back(fmt::format("enum parameter '{}' has no choices", p.name));
  }
  if (c.outputs.empty()) wrong.push_back("no outputs: nothing downstream can use the module");
  if (!wrong.empty()) return fail(join(wrong, "; "));
  return pass(fmt::format("{} inputs, {} outputs, {} parameters; names, version {}, ranges and defaults as the "
                          "loader checks them",
                          c.inputs.size(), c.outputs.size(), c.params.size(), c.version.str()));
}

// --- create at the defaults and the corners ------------------------------------------

bool keeps_constraints(const ContractInfo& c, const std::map<std::string, ParamValue>& over) {
  auto value = [&](const std::string& side, double& v) {
    if (const ParamInfo* p = c.param(side)) {
      const auto it = over.find(side);
      v = (it != over.end() ? it->second : p->default_value).number();
      return true;
    }
    char* end = nullptr;
    v = std::strtod(side.c_str(), &end);
    return end && *end == '\0';
  };
  for (const auto& r : c.constraints) {
    double l = 0, rv = 0;
    if (!value(r.left, l) || !value(r.right, rv)) continue;
    const bool ok = r.op == "<" ? l < rv : r.op == "<=" ? l <= rv : r.op == ">" ? l > rv : l >= rv;
    if (!ok) return false;
  }
  return true;
}

CheckResult create(const ModuleFactory& m) {
  std::vector<std::pair<std::string, std::map<std::string, ParamValue>>> points = {{"the defaults", {}}};
  for (const auto& p : m.contract.params) {
    if (!p.has_range) continue;
    for (double corner : {p.min, p.max}) {
      const ParamValue v = p.type() == MOSAIC_PARAM_INT ? ParamValue::of_int(static_cast<int64_t>(corner))
                                                        : ParamValue::of_float(corner);
      points.push_back({fmt::format("{} = {}", p.name, v.to_string()), {{p.name, v}}});
    }
  }
  for (const auto& p : m.contract.params)
    if (p.type() == MOSAIC_PARAM_ENUM)
      for (const auto& choice : p.choices)
        points.push_back({fmt::format("{} = \"{}\"", p.name, choice), {{p.name, ParamValue::of_string(choice, MOSAIC_PARAM_ENUM)}}});
  size_t made = 0, outside = 0;
  for (const auto& [label, over] : points) {
    if (!keeps_constraints(m.contract, over)) {
      ++outside;  // a corner the contract's own constraints rule out
      continue;
    }
    try {
      Probe probe(m, over);
      ++made;
    } catch (const std::exception& e) {
      return fail(fmt::format("at {}: {}", label, e.what()));
    }
  }
  return pass(fmt::format("created at {} points (the defaults, each range's ends, each choice){}", made,
                          outside ? fmt::format("; {} points break the contract's constraints and were left out", outside)
                                  : std::string()));
}

// --- process on synthetic data of several shapes ------------------------------------

CheckResult shapes(const ModuleFactory& m) {
  std::vector<std::string> done;
  for (const auto& spec : synthetic_shapes()) {
    const SyntheticData data(m.contract, spec);
    if (!data.unsupported().empty()) return skip(data.unsupported());
    Probe probe(m);
    const ProcessOutcome o = probe.process(data.ports(data.bars()), data.shape(data.bars()));
    // One bar or none may be refused with an error; it must not crash or emit wrong data.
    const bool tiny = spec.bars < 2;
    if (!o.problems.empty()) return fail(fmt::format("{}: {}", spec.name, join(o.problems, "; ")));
    if (o.status != MOSAIC_OK) {
      if (tiny) {
        done.push_back(spec.name + " (refused: " + o.error + ")");
        continue;
      }
      return fail(fmt::format("{}: process returned {}: {}", spec.name, o.status, o.error));
    }
    if (auto why = missing_outputs(m.contract, o); !why.empty()) return fail(fmt::format("{}: {}", spec.name, why));
    done.push_back(spec.name);
  }
  return pass("declared ports with the run's shape on: " + join(done));
}

CheckResult host_owned(const ModuleFactory& m) {
  const SyntheticData data(m.contract, standard_shape());
  if (!data.unsupported().empty()) return skip(data.unsupported());
  Probe probe(m);
  const ProcessOutcome o = probe.process(data.ports(data.bars()), data.shape(data.bars()));
  for (const auto& p : o.problems)
    if (p.find("memory") != std::string::npos || p.find("release") != std::string::npos) return fail(p);
  if (o.status != MOSAIC_OK) return fail(call_problems(o));
  return pass(fmt::format("every block of {} emitted ports came from the host's allocator", o.ports.size()));
}

CheckResult undeclared_inputs(const ModuleFactory& m) {
  const SyntheticData data(m.contract, standard_shape());
  if (!data.unsupported().empty()) return skip(data.unsupported());
  const size_t n = data.bars();
  Probe a(m), b(m);
  const auto declared = data.ports(n);
  const ProcessOutcome plain = a.process(declared, data.shape(n));
  if (plain.status != MOSAIC_OK || !plain.problems.empty()) return fail(call_problems(plain));
  std::vector<std::string> extra;
  const auto with = data.ports(n, true);
  for (const auto& [name, v] : with)
    if (!declared.contains(name)) extra.push_back(name);
  const ProcessOutcome more = b.process(with, data.shape(n));
  if (auto why = difference(plain, more); !why.empty())
    return fail(fmt::format("the outputs change when ports it does not declare are offered ({}): {}", join(extra), why));
  return pass("outputs unchanged with undeclared ports offered: " + join(extra));
}

// --- determinism, look-ahead, threads, state -------------------------------------------

CheckResult determinism(const ModuleFactory& m) {
  const SyntheticData data(m.contract, standard_shape());
  if (!data.unsupported().empty()) return skip(data.unsupported());
  const size_t n = data.bars();
  const auto ports = data.ports(n);
  Probe first(m), fresh(m);
  const ProcessOutcome a = first.process(ports, data.shape(n));
  if (a.status != MOSAIC_OK || !a.problems.empty()) return fail(call_problems(a));
  const ProcessOutcome again = first.process(ports, data.shape(n));
  if (auto why = difference(a, again); !why.empty()) return fail("the same instance, called twice: " + why);
  const ProcessOutcome other = fresh.process(ports, data.shape(n));
  if (auto why = difference(a, other); !why.empty()) return fail("a fresh instance: " + why);
  return pass("bit for bit the same outputs from the same instance twice and from a fresh one");
}

CheckResult look_ahead(const ModuleFactory& m) {
  const SyntheticData data(m.contract, standard_shape());
  if (!data.unsupported().empty()) return skip(data.unsupported());
  const size_t n = data.bars();
  Probe whole_probe(m);
  const ProcessOutcome whole = whole_probe.process(data.ports(n), data.shape(n));
  if (whole.status != MOSAIC_OK || !whole.problems.empty()) return fail(call_problems(whole));
  std::vector<std::string> cuts;
  for (size_t end : {n / 3, n / 2, (3 * n) / 4, n - 1}) {
    Probe cut_probe(m);  // a fresh instance: state from the longer run must not carry over
    const ProcessOutcome cut = cut_probe.process(data.ports(end), data.shape(end));
    if (cut.status != MOSAIC_OK || !cut.problems.empty())
      return fail(fmt::format("on the first {} bars: {}", end, call_problems(cut)));
    if (auto why = difference(cut, whole, end); !why.empty())
      return fail(fmt::format("outputs up to bar {} change when the bars after it are added: {} (the first run "
                              "had {} bars, the second {}); a bar's output may use only bars up to it",
                              end - 1, why, end, n));
    cuts.push_back(std::to_string(end));
  }
  return pass(fmt::format("outputs on the first {} of {} bars equal the whole run's", join(cuts), n));
}

CheckResult threads(const ModuleFactory& m) {
  const SyntheticData data(m.contract, standard_shape());
  if (!data.unsupported().empty()) return skip(data.unsupported());
  const size_t n = data.bars();
  const auto ports = data.ports(n);
  const Shape shape = data.shape(n);
  Probe alone(m);
  const ProcessOutcome expected = alone.process(ports, shape);
  if (expected.status != MOSAIC_OK || !expected.problems.empty()) return fail(call_problems(expected));
  Probe a(m), b(m);
  std::vector<ProcessOutcome> ra, rb;
  auto loop = [&](Probe& p, std::vector<ProcessOutcome>& out) {
    for (int k = 0; k < 20; ++k) out.push_back(p.process(ports, shape));
  };
  {
    std::jthread ta(loop, std::ref(a), std::ref(ra)), tb(loop, std::ref(b), std::ref(rb));
  }
  for (const auto* runs : {&ra, &rb})
    for (size_t k = 0; k < runs->size(); ++k)
      if (auto why = difference(expected, (*runs)[k]); !why.empty())
        return fail(fmt::format("two instances on two threads, call {}: {}", k + 1, why));
  return pass("two instances, 20 calls each on two threads at once, gave the single-threaded outputs");
}

CheckResult state(const ModuleFactory& m) {
  const SyntheticData data(m.contract, standard_shape());
  if (!data.unsupported().empty()) return skip(data.unsupported());
  Probe a(m);
  const auto* ext = static_cast<const mosaic_ext_state*>(
      a.instance()->get_extension ? a.instance()->get_extension(a.instance(), MOSAIC_EXT_STATE_ID) : nullptr);
  if (!ext) return skip("no mosaic.ext.state/1: the module keeps no state to hand over");
  const size_t n = data.bars(), half = n / 2;
  const ProcessOutcome warm = a.process(data.ports(half), data.shape(half));
  if (warm.status != MOSAIC_OK) return fail("the first call: " + call_problems(warm));
  void* bytes = nullptr;
  size_t size = 0;
  mosaic_error err{};
  if (int32_t s = ext->save(a.instance(), &bytes, &size, &err); s != MOSAIC_OK)
    return fail(fmt::format("save returned {}: {}", s, module_message(err)));
  Probe b(m);
  const auto* ext_b = static_cast<const mosaic_ext_state*>(b.instance()->get_extension(b.instance(), MOSAIC_EXT_STATE_ID));
  if (!ext_b) return fail("a second instance offers no mosaic.ext.state/1");
  const int32_t loaded = ext_b->load(b.instance(), bytes, size, &err);
  tracking_host()->free(tracking_host(), bytes);
  if (loaded != MOSAIC_OK) return fail(fmt::format("load of the saved {} bytes returned {}: {}", size, loaded, module_message(err)));
  const auto ports = data.ports(n);
  const ProcessOutcome from_a = a.process(ports, data.shape(n));
  const ProcessOutcome from_b = b.process(ports, data.shape(n));
  if (auto why = difference(from_a, from_b); !why.empty())
    return fail("after save and load, the next call differs from the original instance's: " + why);
  return pass(fmt::format("saved {} bytes; the loaded instance's next call equals the original's", size));
}

// --- latency ---------------------------------------------------------------------------

CheckResult latency(const ModuleFactory& m) {
  const SyntheticData data(m.contract, standard_shape());
  if (!data.unsupported().empty()) return skip(data.unsupported());
  const size_t n = data.bars();
  const auto ports = data.ports(n);
  const Shape shape = data.shape(n);
  Probe probe(m);
  std::vector<double> ms;
  for (int k = 0; k < 21; ++k) {
    const auto start = std::chrono::steady_clock::now();
    const ProcessOutcome o = probe.process(ports, shape);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (o.status != MOSAIC_OK) return fail(call_problems(o));
  }
  const double cold = ms.front();
  std::vector<double> warm(ms.begin() + 1, ms.end());
  std::sort(warm.begin(), warm.end());
  const double median = warm[warm.size() / 2];
  const double limit = m.contract.sla.max_latency_ms;
  const std::string figures = fmt::format("{} bars x {} assets: cold {:.3f} ms, warm median {:.3f} ms of 20", n,
                                          shape.assets(), cold, median);
  if (limit <= 0) return pass(figures + "; the contract sets no latency SLA");
  if (median > limit) return fail(fmt::format("{}, above the SLA's max_latency_ms {}", figures, limit));
  return pass(fmt::format("{}, within the SLA's {} ms (the cold call is reported, not judged)", figures, limit));
}

const std::vector<std::pair<std::string, ModuleCheck>>& module_checks() {
  static const std::vector<std::pair<std::string, ModuleCheck>> checks = {
      {"contract", contract},       {"create", create},       {"shapes", shapes},
      {"host-owned", host_owned},   {"undeclared-inputs", undeclared_inputs},
      {"determinism", determinism}, {"look-ahead", look_ahead}, {"threads", threads},
      {"state", state},             {"latency", latency},
  };
  return checks;
}

// The library loads, names its modules in the result's module field, and unloads: dlclose
// really unmaps it.
CheckResult load_and_unload(const std::filesystem::path& file) {
  ShadowDir shadow;
  auto library = Library::open(file, shadow);
  std::vector<std::string> names;
  for (const auto& m : library->modules()) names.push_back(m.contract.name);
  const auto copy = library->shadow_copy();
  library.reset();
  CheckResult r = Library::unload_failed(copy)
                      ? fail("still mapped after dlclose: something keeps the library loaded (a thread it started, a "
                             "thread_local with a destructor, static state that pins it, RTLD_NODELETE)")
                      : pass("loads; unloads cleanly (dlclose unmapped it)");
  r.module = join(names, ",");
  return r;
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "FAIL";
    case Verdict::Skip: return "skip";
  }
  return "?";
}

bool LibraryReport::passed() const {
  return std::none_of(results.begin(), results.end(), [](const CheckResult& r) { return r.verdict == Verdict::Fail; });
}

const std::vector<std::string>& check_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v = {"load"};
    for (const auto& [name, fn] : module_checks()) v.push_back(name);
    return v;
  }();
  return names;
}

LibraryReport check_library(const std::filesystem::path& file, const CheckOptions& options) {
  const auto& names = check_names();
  if (!options.only.empty() && std::find(names.begin(), names.end(), options.only) == names.end())
    throw std::invalid_argument(fmt::format("no check '{}'; the checks are {}", options.only, join(names)));
  LibraryReport report;
  report.library = file;
  auto timed = [&](const std::function<CheckResult()>& work) {
    const auto start = std::chrono::steady_clock::now();
    CheckResult r = run_isolated(work, options.timeout_seconds);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  };
  CheckResult loaded = timed([&] { return load_and_unload(file); });
  if (loaded.verdict == Verdict::Pass)
    for (size_t b = 0, e; b < loaded.module.size(); b = e + 1) {
      e = loaded.module.find(',', b);
      if (e == std::string::npos) e = loaded.module.size();
      report.modules.push_back(loaded.module.substr(b, e - b));
    }
  loaded.module.clear();
  loaded.check = "load";
  if (options.only.empty() || options.only == "load" || loaded.verdict != Verdict::Pass)
    report.results.push_back(loaded);
  if (loaded.verdict != Verdict::Pass) return report;
  for (const auto& name : report.modules)
    for (const auto& [check, fn] : module_checks()) {
      if (!options.only.empty() && options.only != check) continue;
      CheckResult r = timed([&, fn = fn] {
        tracking_host();  // record the allocator's blocks from the start, the library's init included
        ShadowDir shadow;
        auto library = Library::open(file, shadow);
        for (const auto& m : library->modules())
          if (m.contract.name == name) return fn(m);
        return fail("the module is gone from the library");
      });
      r.module = name;
      r.check = check;
      report.results.push_back(r);
    }
  return report;
}

}  // namespace mosaic::host::check
