// mosaic/contract.hpp: a fluent builder for a module's contract, and the storage that
// turns it into the plain C `mosaic_contract` the host reads without calling the module.
#pragma once

#include <mosaic/mosaic.h>

#include <deque>
#include <initializer_list>
#include <string>
#include <vector>

namespace mosaic {

enum class Role : int32_t {
  Source = MOSAIC_ROLE_SOURCE,
  Signal = MOSAIC_ROLE_SIGNAL,
  Regime = MOSAIC_ROLE_REGIME,
  Portfolio = MOSAIC_ROLE_PORTFOLIO,
  Risk = MOSAIC_ROLE_RISK,
};

enum class Layout : int32_t { Panel = MOSAIC_LAYOUT_PANEL, Table = MOSAIC_LAYOUT_TABLE };

class Contract {
 public:
  // No default id: it would put every third party in the project's mosaic.* namespace. Give
  // one you own, .id("com.example.name"); `mosaic modules check` fails a module without.
  Contract(std::string name, std::string version, Role role)
      : name_(std::move(name)), version_(std::move(version)), role_(role) {}

  Contract& id(std::string v) { id_ = std::move(v); return *this; }
  Contract& describe(std::string v) { description_ = std::move(v); return *this; }

  Contract& input(std::string name, Layout layout, std::string description = {}) {
    inputs_.push_back({std::move(name), layout, true, std::move(description)});
    return *this;
  }
  Contract& optional_input(std::string name, Layout layout, std::string description = {}) {
    inputs_.push_back({std::move(name), layout, false, std::move(description)});
    return *this;
  }
  Contract& output(std::string name, Layout layout, std::string description = {}) {
    outputs_.push_back({std::move(name), layout, false, std::move(description)});
    return *this;
  }

  Contract& param_int(std::string name, int64_t def, int64_t min, int64_t max, std::string description,
                      int64_t step = 1) {
    Param p = make(std::move(name), MOSAIC_PARAM_INT, std::move(description));
    p.i = def;
    set_range(p, static_cast<double>(min), static_cast<double>(max), static_cast<double>(step));
    return add(std::move(p));
  }
  Contract& param_float(std::string name, double def, double min, double max, std::string description,
                        double step = 0.0) {
    Param p = make(std::move(name), MOSAIC_PARAM_FLOAT, std::move(description));
    p.f = def;
    set_range(p, min, max, step);
    return add(std::move(p));
  }
  Contract& param_bool(std::string name, bool def, std::string description) {
    Param p = make(std::move(name), MOSAIC_PARAM_BOOL, std::move(description));
    p.b = def;
    return add(std::move(p));
  }
  Contract& param_enum(std::string name, std::string def, std::vector<std::string> choices,
                       std::string description) {
    Param p = make(std::move(name), MOSAIC_PARAM_ENUM, std::move(description));
    p.s = std::move(def);
    p.choices = std::move(choices);
    return add(std::move(p));
  }
  Contract& param_string(std::string name, std::string def, std::string description) {
    Param p = make(std::move(name), MOSAIC_PARAM_STRING, std::move(description));
    p.s = std::move(def);
    return add(std::move(p));
  }

  // Marks the parameter declared last as a setting (numerics, a seed, a calendar, an output
  // choice): the optimizer leaves it out unless the config's [optimize.space] names it.
  Contract& setting() {
    if (!params_.empty()) params_.back().setting = true;
    return *this;
  }
  // Marks the string parameter declared last as a list of "name[:...]" items naming ports of
  // this module's pattern inputs (mosaic.h, MOSAIC_PARAM_NAMES_PORTS): the host checks each
  // name against the pipeline, so a misspelt one is an error.
  Contract& names_ports() {
    if (!params_.empty()) params_.back().names_ports = true;
    return *this;
  }
  // A relation among this module's parameters that every valid configuration keeps, e.g.
  // "fast < slow" (mosaic.h, mosaic_contract.constraints): the optimizer never proposes a
  // configuration that breaks it.
  Contract& constraint(std::string relation) {
    constraints_.push_back(std::move(relation));
    return *this;
  }

  Contract& depends(std::string module, std::string range) {
    dependencies_.push_back({std::move(module), std::move(range)});
    return *this;
  }
  Contract& sla_latency_ms(double ms) { sla_.max_latency_ms = ms; return *this; }
  Contract& sla_min_confidence(double c) { sla_.min_confidence = c; return *this; }

  const std::string& name() const { return name_; }

 private:
  friend class ContractStorage;
  struct Port { std::string name; Layout layout; bool required; std::string description; };
  struct Param {
    std::string name, description;
    int32_t type = 0;
    bool b = false;
    int64_t i = 0;
    double f = 0.0;
    std::string s;
    bool has_range = false;
    double min = 0, max = 0, step = 0;
    std::vector<std::string> choices;
    bool setting = false;
    bool names_ports = false;
  };
  struct Dependency { std::string module, range; };

  static Param make(std::string name, int32_t type, std::string description) {
    Param p;
    p.name = std::move(name);
    p.type = type;
    p.description = std::move(description);
    return p;
  }
  static void set_range(Param& p, double min, double max, double step) {
    p.has_range = true;
    p.min = min;
    p.max = max;
    p.step = step;
  }
  Contract& add(Param p) { params_.push_back(std::move(p)); return *this; }

  std::string id_, name_, version_, description_;
  Role role_;
  std::vector<Port> inputs_, outputs_;
  std::vector<Param> params_;
  std::vector<Dependency> dependencies_;
  std::vector<std::string> constraints_;
  mosaic_sla sla_{0.0, 0.0};
};

// Owns the strings and arrays a C contract points into. Its address must stay fixed
// while the C struct is in use: keep it in static storage.
class ContractStorage {
 public:
  void build(const Contract& c, mosaic_contract* out) {
    source_ = c;
    for (const auto& p : source_.inputs_) inputs_.push_back(port(p));
    for (const auto& p : source_.outputs_) outputs_.push_back(port(p));
    for (const auto& p : source_.params_) {
      std::vector<const char*>& choices = choice_lists_.emplace_back();
      for (const auto& ch : p.choices) choices.push_back(ch.c_str());
      mosaic_param_decl d{};
      d.name = p.name.c_str();
      d.description = p.description.c_str();
      d.default_value.type = p.type;
      d.default_value.b = p.b ? 1 : 0;
      d.default_value.i = p.i;
      d.default_value.f = p.f;
      d.default_value.s = (p.type == MOSAIC_PARAM_ENUM || p.type == MOSAIC_PARAM_STRING) ? p.s.c_str() : nullptr;
      d.has_range = p.has_range ? 1 : 0;
      d.min = p.min;
      d.max = p.max;
      d.step = p.step;
      d.choices = choices.empty() ? nullptr : choices.data();
      d.n_choices = static_cast<uint32_t>(choices.size());
      d.flags = (p.setting ? MOSAIC_PARAM_SETTING : 0) | (p.names_ports ? MOSAIC_PARAM_NAMES_PORTS : 0);
      d.type = static_cast<uint32_t>(d.default_value.type);
      params_.push_back(d);
    }
    for (const auto& d : source_.dependencies_) dependencies_.push_back({d.module.c_str(), d.range.c_str()});
    for (const auto& c : source_.constraints_) constraints_.push_back(c.c_str());

    *out = mosaic_contract{};
    out->struct_size = sizeof(mosaic_contract);
    out->role = static_cast<int32_t>(source_.role_);
    out->id = source_.id_.c_str();
    out->name = source_.name_.c_str();
    out->version = source_.version_.c_str();
    out->description = source_.description_.c_str();
    out->inputs = inputs_.data();
    out->n_inputs = static_cast<uint32_t>(inputs_.size());
    out->outputs = outputs_.data();
    out->n_outputs = static_cast<uint32_t>(outputs_.size());
    out->params = params_.data();
    out->n_params = static_cast<uint32_t>(params_.size());
    out->dependencies = dependencies_.data();
    out->n_dependencies = static_cast<uint32_t>(dependencies_.size());
    out->sla = source_.sla_;
    out->constraints = constraints_.empty() ? nullptr : constraints_.data();
    out->n_constraints = static_cast<uint32_t>(constraints_.size());
  }

 private:
  static mosaic_port port(const Contract::Port& p) {
    return {p.name.c_str(), static_cast<int32_t>(p.layout), p.required ? 1 : 0, p.description.c_str()};
  }
  Contract source_{"", "", Role::Signal};
  std::vector<mosaic_port> inputs_, outputs_;
  std::vector<mosaic_param_decl> params_;
  std::deque<std::vector<const char*>> choice_lists_;  // deque: element addresses stay fixed
  std::vector<mosaic_dependency> dependencies_;
  std::vector<const char*> constraints_;
};

}  // namespace mosaic
