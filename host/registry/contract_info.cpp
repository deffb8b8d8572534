#include "host/registry/contract_info.hpp"

#include "host/data/utf8.hpp"

#include <fmt/format.h>

#include <cstring>

#include <cmath>
#include <cstddef>
#include <set>

namespace mosaic::host {
namespace {

// mosaic_contract's size in ABI 1.0, before 1.1 appended its constraints.
constexpr size_t kContractSize10 = offsetof(mosaic_contract, constraints);

// Every string a module declares reaches terminals and JSON: it must be UTF-8, and a
// hostile or broken module must not make the host copy megabytes of it.
constexpr size_t kMaxContractText = 64 * 1024;

std::string text(const char* s) {
  if (!s) return {};
  const std::string_view v(s, strnlen(s, kMaxContractText + 1));
  if (v.size() > kMaxContractText)
    throw ContractError(fmt::format("the contract declares a string longer than {} bytes: '{}'", kMaxContractText,
                                    excerpt(v)));
  if (!is_utf8(v)) throw ContractError(fmt::format("the contract declares a string that is not UTF-8: '{}'", excerpt(v)));
  return std::string(v);
}

std::vector<PortInfo> read_ports(const std::string& module, const char* kind, const mosaic_port* ports,
                                 uint32_t n) {
  if (n > 0 && !ports) throw ContractError(fmt::format("{}: {} {} declared but the array is NULL", module, n, kind));
  std::vector<PortInfo> out;
  std::set<std::string> seen;
  for (uint32_t i = 0; i < n; ++i) {
    PortInfo p{text(ports[i].name), ports[i].layout, ports[i].required != 0, text(ports[i].description)};
    if (p.name.empty()) throw ContractError(fmt::format("{}: {} port #{} has no name", module, kind, i + 1));
    if (p.layout != MOSAIC_LAYOUT_PANEL && p.layout != MOSAIC_LAYOUT_TABLE)
      throw ContractError(fmt::format("{}: {} port '{}' has unknown layout {}", module, kind, p.name, p.layout));
    if (!seen.insert(p.name).second)
      throw ContractError(fmt::format("{}: duplicate {} port '{}'", module, kind, p.name));
    out.push_back(std::move(p));
  }
  return out;
}

ParamValue read_default(const std::string& module, const mosaic_param_decl& d) {
  switch (d.default_value.type) {
    case MOSAIC_PARAM_INT: return ParamValue::of_int(d.default_value.i);
    case MOSAIC_PARAM_FLOAT: return ParamValue::of_float(d.default_value.f);
    case MOSAIC_PARAM_BOOL: return ParamValue::of_bool(d.default_value.b != 0);
    case MOSAIC_PARAM_ENUM:
    case MOSAIC_PARAM_STRING: return ParamValue::of_string(text(d.default_value.s), d.default_value.type);
    default:
      throw ContractError(fmt::format("{}: param '{}' has unknown type {}", module, text(d.name), d.default_value.type));
  }
}

ParamInfo read_param(const std::string& module, const mosaic_param_decl& d) {
  ParamInfo p;
  p.name = text(d.name);
  if (p.name.empty()) throw ContractError(fmt::format("{}: a param has no name", module));
  p.description = text(d.description);
  p.default_value = read_default(module, d);
  if (d.type != 0 && static_cast<int32_t>(d.type) != p.default_value.type)
    throw ContractError(fmt::format("{}: param '{}' is declared {} (mosaic_param_decl.type) but its default is {}",
                                    module, p.name, param_type_name(static_cast<int32_t>(d.type)),
                                    param_type_name(p.default_value.type)));
  p.setting = (d.flags & MOSAIC_PARAM_SETTING) != 0;
  p.names_ports = (d.flags & MOSAIC_PARAM_NAMES_PORTS) != 0;
  if (p.names_ports && p.type() != MOSAIC_PARAM_STRING)
    throw ContractError(fmt::format("{}: param '{}' is marked as naming ports but is not a string", module, p.name));
  const bool numeric = p.type() == MOSAIC_PARAM_INT || p.type() == MOSAIC_PARAM_FLOAT;
  p.has_range = d.has_range != 0 && numeric;
  p.min = d.min;
  p.max = d.max;
  p.step = d.step;
  if (p.has_range) {
    if (!std::isfinite(p.min) || !std::isfinite(p.max) || p.min > p.max)
      throw ContractError(fmt::format("{}: param '{}' has an empty or invalid range [{}, {}]", module, p.name, p.min, p.max));
    if (!(p.step >= 0) || !std::isfinite(p.step))
      throw ContractError(fmt::format("{}: param '{}' has an invalid step {}", module, p.name, p.step));
    double v = p.default_value.number();
    if (!(v >= p.min && v <= p.max))
      throw ContractError(fmt::format("{}: param '{}' default {} is outside its range [{}, {}]", module, p.name,
                                      p.default_value.to_string(), p.min, p.max));
  }
  if (p.type() == MOSAIC_PARAM_ENUM) {
    if (d.n_choices == 0 || !d.choices) throw ContractError(fmt::format("{}: enum param '{}' declares no choices", module, p.name));
    bool found = false;
    for (uint32_t i = 0; i < d.n_choices; ++i) {
      p.choices.push_back(text(d.choices[i]));
      found = found || p.choices.back() == p.default_value.s;
    }
    if (!found)
      throw ContractError(fmt::format("{}: enum param '{}' default \"{}\" is not one of its choices", module, p.name,
                                      p.default_value.s));
  }
  return p;
}

}  // namespace

bool PortInfo::matches(const std::string& port) const {
  if (!is_pattern()) return name == port;
  const size_t stem = name.size() - 1;  // keeps the dot
  return port.size() > stem && port.compare(0, stem, name, 0, stem) == 0;
}

const ParamInfo* ContractInfo::param(const std::string& n) const {
  for (const auto& p : params)
    if (p.name == n) return &p;
  return nullptr;
}

const PortInfo* ContractInfo::output_for(const std::string& port) const {
  for (const auto& p : outputs)
    if (p.matches(port)) return &p;
  return nullptr;
}

ContractInfo read_contract(const mosaic_contract* c) {
  if (!c) throw ContractError("the factory has no contract");
  if (c->struct_size < kContractSize10)
    throw ContractError(fmt::format(
        "contract struct_size {} is smaller than ABI 1.0's {}: {}", c->struct_size, kContractSize10,
        c->struct_size == 0
            ? "with the C++ SDK, the module's static contract() threw while the library loaded (check what it "
              "builds, e.g. a duplicate or malformed declaration); in C, set .struct_size = sizeof(mosaic_contract)"
            : "in C, set .struct_size = sizeof(mosaic_contract)"));
  ContractInfo info;
  info.name = text(c->name);
  if (info.name.empty()) throw ContractError("the contract has no name");
  info.id = text(c->id);
  info.description = text(c->description);
  std::string why;
  auto version = Version::parse(text(c->version), &why);
  if (!version)
    throw ContractError(fmt::format("{}: invalid semver version '{}': {}", info.name, text(c->version), why));
  info.version = *version;
  info.role = c->role;
  if (info.role < MOSAIC_ROLE_SOURCE || info.role > MOSAIC_ROLE_RISK)
    throw ContractError(fmt::format("{}: unknown role {}", info.name, info.role));
  info.inputs = read_ports(info.name, "input", c->inputs, c->n_inputs);
  info.outputs = read_ports(info.name, "output", c->outputs, c->n_outputs);
  if (c->n_params > 0 && !c->params) throw ContractError(fmt::format("{}: params declared but NULL", info.name));
  std::set<std::string> names;
  for (uint32_t i = 0; i < c->n_params; ++i) {
    info.params.push_back(read_param(info.name, c->params[i]));
    if (!names.insert(info.params.back().name).second)
      throw ContractError(fmt::format("{}: duplicate param '{}'", info.name, info.params.back().name));
  }
  if (c->n_dependencies > 0 && !c->dependencies)
    throw ContractError(fmt::format("{}: dependencies declared but NULL", info.name));
  for (uint32_t i = 0; i < c->n_dependencies; ++i) {
    const auto& d = c->dependencies[i];
    try {
      info.dependencies.push_back({text(d.module), VersionRange::parse(text(d.range))});
    } catch (const std::invalid_argument& e) {
      throw ContractError(fmt::format("{}: dependency on '{}': {}", info.name, text(d.module), e.what()));
    }
  }
  info.sla = c->sla;
  if (!(info.sla.max_latency_ms >= 0) || !(info.sla.min_confidence >= 0 && info.sla.min_confidence <= 1))
    throw ContractError(fmt::format("{}: SLA needs max_latency_ms >= 0 and min_confidence in [0, 1]", info.name));
  // A 1.0 module's contract ends before the constraints: it declares none.
  if (c->struct_size >= offsetof(mosaic_contract, n_constraints) + sizeof(c->n_constraints)) {
    if (c->n_constraints > 0 && !c->constraints)
      throw ContractError(fmt::format("{}: constraints declared but NULL", info.name));
    for (uint32_t i = 0; i < c->n_constraints; ++i) {
      try {
        info.constraints.push_back(parse_param_relation(text(c->constraints[i]), info.params));
      } catch (const std::invalid_argument& e) {
        throw ContractError(fmt::format("{}: {}", info.name, e.what()));
      }
    }
  }
  return info;
}

const char* role_name(int32_t role) {
  switch (role) {
    case MOSAIC_ROLE_SOURCE: return "source";
    case MOSAIC_ROLE_SIGNAL: return "signal";
    case MOSAIC_ROLE_REGIME: return "regime";
    case MOSAIC_ROLE_PORTFOLIO: return "portfolio";
    case MOSAIC_ROLE_RISK: return "risk";
    default: return "unknown";
  }
}

const char* layout_name(int32_t layout) { return layout == MOSAIC_LAYOUT_TABLE ? "table" : "panel"; }

}  // namespace mosaic::host
