#include "host/check/module_probe.hpp"

#include "host/data/arrow_memory.hpp"
#include "host/loader/host_services.hpp"
#include "host/loader/module_message.hpp"
#include "host/pipeline/output_check.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <unordered_set>

namespace mosaic::host::check {
namespace {

std::mutex g_blocks_mutex;
std::unordered_set<const void*>& blocks() {
  static auto* set = new std::unordered_set<const void*>;  // a check's child process only
  return *set;
}

void remember(void* p) {
  std::lock_guard lock(g_blocks_mutex);
  blocks().insert(p);
}

void forget(void* p) {
  std::lock_guard lock(g_blocks_mutex);
  blocks().erase(p);
}

const AllocationObserver kObserver{&remember, &forget};

bool tracked(const void* p) {
  std::lock_guard lock(g_blocks_mutex);
  return blocks().contains(p);
}

std::string foreign_array(const ArrowArray* a, const std::string& where, bool base) {
  if (!base && !tracked(a)) return where + ": the struct itself";
  if (a->n_buffers > 0 && !tracked(a->buffers)) return where + ": its buffers pointer array";
  for (int64_t i = 0; i < a->n_buffers; ++i)
    if (a->buffers[i] && !tracked(a->buffers[i])) return fmt::format("{}: buffer {}", where, i);
  if (a->n_children > 0 && !tracked(a->children)) return where + ": its children pointer array";
  for (int64_t i = 0; i < a->n_children; ++i)
    if (auto why = foreign_array(a->children[i], fmt::format("{} child {}", where, i), false); !why.empty()) return why;
  return {};
}

std::string foreign_schema(const ArrowSchema* s, const std::string& where, bool base) {
  if (!base && !tracked(s)) return where + ": the struct itself";
  for (const char* text : {s->format, s->name, s->metadata})
    if (text && !tracked(text)) return where + ": a format, name or metadata string";
  if (s->n_children > 0 && !tracked(s->children)) return where + ": its children pointer array";
  for (int64_t i = 0; i < s->n_children; ++i)
    if (auto why = foreign_schema(s->children[i], fmt::format("{} child {}", where, i), false); !why.empty())
      return why;
  return {};
}

struct Sink {
  mosaic_outputs table;
  const ContractInfo* contract;
  const Shape* shape;
  ProcessOutcome* out;
};

int32_t sink_emit(mosaic_outputs* self, const char* port, ArrowSchema* schema, ArrowArray* array, double confidence,
                  mosaic_error* err) {
  auto* sink = reinterpret_cast<Sink*>(self);
  auto refuse = [&](const std::string& why) {
    sink->out->problems.push_back(why);
    if (err) std::snprintf(err->message, sizeof err->message, "%s", why.c_str());
    return static_cast<int32_t>(MOSAIC_ERR_INVALID_ARGUMENT);
  };
  const std::string name = port ? port : "";
  const PortInfo* declared = sink->contract->output_for(name);
  if (!declared) return refuse(fmt::format("emitted '{}', which the contract does not declare", name));
  if (!schema || !array || !schema->release || !array->release)
    return refuse(fmt::format("'{}': emitted without Arrow structs, or with a release callback of NULL", name));
  if (std::string why = check_host_owned(schema, array, host_services()); !why.empty())
    return refuse(fmt::format("'{}': {}", name, why));
  if (std::string why = foreign_blocks(schema, array); !why.empty())
    return refuse(fmt::format("'{}': memory not from the host's allocator ({})", name, why));
  if (declared->layout == MOSAIC_LAYOUT_PANEL) {
    if (std::string why = check_panel_shape(schema, array, *sink->shape); !why.empty())
      return refuse(fmt::format("'{}': {}", name, why));
  } else if (std::string why = check_table(schema, array); !why.empty()) {
    return refuse(fmt::format("'{}': {}", name, why));
  }
  if (!(confidence >= 0 && confidence <= 1))
    sink->out->problems.push_back(fmt::format("'{}': confidence {} outside [0, 1]", name, confidence));
  for (const auto& e : sink->out->ports)
    if (e.port == name) sink->out->problems.push_back(fmt::format("'{}' emitted twice", name));
  sink->out->ports.push_back({name, std::make_shared<ArrowBatch>(schema, array), confidence});
  return MOSAIC_OK;
}

std::string value_text(double v) { return std::isnan(v) ? "NaN" : fmt::format("{:.17g}", v); }

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

std::string compare_panels(const std::string& port, const Emitted& a, const Emitted& b, size_t rows) {
  const PanelView x(a.batch->schema(), a.batch->array(), port), y(b.batch->schema(), b.batch->array(), port);
  if (x.assets() != y.assets()) return fmt::format("'{}': {} columns, then {}", port, x.assets(), y.assets());
  const size_t n = std::min({x.rows(), y.rows(), rows});
  if (rows == SIZE_MAX && x.rows() != y.rows()) return fmt::format("'{}': {} rows, then {}", port, x.rows(), y.rows());
  for (size_t c = 0; c < x.assets(); ++c) {
    const auto u = x.column(c), v = y.column(c);
    for (size_t t = 0; t < n; ++t)
      if (!same(u[t], v[t]))
        return fmt::format("'{}' column '{}' row {}: {}, then {}", port, x.ticker(c), t, value_text(u[t]),
                           value_text(v[t]));
  }
  return {};
}

// Fixed-width and string columns byte for byte; other formats by length only.
std::string compare_arrays(const std::string& where, const ArrowSchema* s, const ArrowArray* a, const ArrowArray* b) {
  if (a->length != b->length) return fmt::format("{}: {} rows, then {}", where, a->length, b->length);
  if (a->null_count != b->null_count) return fmt::format("{}: {} nulls, then {}", where, a->null_count, b->null_count);
  const std::string_view f = s->format;
  const auto n = static_cast<size_t>(a->length + a->offset);
  auto bytes_equal = [&](int i, size_t size) {
    if (size == 0) return true;
    if (!a->buffers[i] || !b->buffers[i]) return a->buffers[i] == b->buffers[i];
    return std::memcmp(a->buffers[i], b->buffers[i], size) == 0;
  };
  size_t width = 0;
  if (f == "g" || f == "l" || f == "L" || f.starts_with("tsn:") || f.starts_with("tsu:")) width = 8;
  else if (f == "i" || f == "I" || f == "f") width = 4;
  if (width && !bytes_equal(1, n * width)) return where + ": values differ";
  if (f == "u" || f == "z") {
    const auto* oa = static_cast<const int32_t*>(a->buffers[1]);
    const auto* ob = static_cast<const int32_t*>(b->buffers[1]);
    if (!bytes_equal(1, (n + 1) * 4)) return where + ": strings differ";
    if (oa && ob && oa[n] == ob[n] && !bytes_equal(2, static_cast<size_t>(oa[n]))) return where + ": strings differ";
  }
  for (int64_t i = 0; i < s->n_children && i < a->n_children && i < b->n_children; ++i)
    if (auto why = compare_arrays(where + "." + (s->children[i]->name ? s->children[i]->name : "?"), s->children[i],
                                  a->children[i], b->children[i]);
        !why.empty())
      return why;
  return {};
}

}  // namespace

const mosaic_host* tracking_host() {
  // In a check's own process only: every block of the host's allocator is recorded from here
  // on, through the table from init as through this one.
  static const bool observing = [] {
    observe_allocations(&kObserver);
    return true;
  }();
  (void)observing;
  return host_services();
}

std::string foreign_blocks(const ArrowSchema* schema, const ArrowArray* array) {
  if (auto why = foreign_array(array, "array", true); !why.empty()) return why;
  return foreign_schema(schema, "schema", true);
}

std::vector<std::pair<std::string, ParamValue>> parameters(const ContractInfo& contract,
                                                           const std::map<std::string, ParamValue>& overrides) {
  std::vector<std::pair<std::string, ParamValue>> out;
  for (const auto& d : contract.params) {
    const auto it = overrides.find(d.name);
    out.push_back({d.name, it != overrides.end() ? it->second : d.default_value});
  }
  return out;
}

Probe::Probe(const ModuleFactory& module, const std::map<std::string, ParamValue>& overrides) : module_(module) {
  const auto values = parameters(module.contract, overrides);
  std::vector<mosaic_param_value> c;
  for (const auto& [name, v] : values) c.push_back({name.c_str(), v.to_c()});
  mosaic_error err{};
  const int32_t status =
      module.factory->create(tracking_host(), c.data(), static_cast<uint32_t>(c.size()), &instance_, &err);
  if (status != MOSAIC_OK || !instance_)
    throw std::runtime_error(fmt::format("create returned {}: {}", status, status != MOSAIC_OK ? module_message(err) : std::string("no instance")));
}

Probe::~Probe() {
  if (instance_) instance_->destroy(instance_);
}

ProcessOutcome Probe::process(const std::map<std::string, PortValue>& ports, const Shape& shape) {
  ProcessOutcome out;
  std::vector<mosaic_port_data> data;
  for (const auto& [name, v] : ports) data.push_back({name.c_str(), v.batch->schema(), v.batch->array(), v.confidence});
  const mosaic_inputs inputs{sizeof(mosaic_inputs), static_cast<uint32_t>(data.size()), data.data()};
  Sink sink{{sizeof(mosaic_outputs), 0, nullptr, &sink_emit}, &module_.contract, &shape, &out};
  mosaic_error err{};
  out.status = instance_->process(instance_, &inputs, &sink.table, &err);
  if (out.status != MOSAIC_OK) out.error = module_message(err);
  return out;
}

std::string difference(const ProcessOutcome& a, const ProcessOutcome& b, size_t rows) {
  if (a.status != b.status) return fmt::format("process returned {}, then {}", a.status, b.status);
  if (a.ports.size() != b.ports.size())
    return fmt::format("{} ports emitted, then {}", a.ports.size(), b.ports.size());
  for (size_t i = 0; i < a.ports.size(); ++i) {
    const Emitted &x = a.ports[i], &y = b.ports[i];
    if (x.port != y.port) return fmt::format("emitted '{}', then '{}' in its place", x.port, y.port);
    const bool panel = std::string_view(x.batch->schema()->format) == "+s" && x.batch->schema()->n_children > 0 &&
                       std::string_view(x.batch->schema()->children[0]->format).starts_with("tsn:") &&
                       x.batch->schema()->children[0]->name && std::string_view(x.batch->schema()->children[0]->name) == "ts";
    if (panel) {
      if (auto why = compare_panels(x.port, x, y, rows); !why.empty()) return why;
    } else if (rows == SIZE_MAX) {
      if (auto why = compare_arrays("'" + x.port + "'", x.batch->schema(), x.batch->array(), y.batch->array());
          !why.empty())
        return why;
    }
    if (rows == SIZE_MAX && !same(x.confidence, y.confidence))
      return fmt::format("'{}': confidence {}, then {}", x.port, x.confidence, y.confidence);
  }
  return {};
}

}  // namespace mosaic::host::check
