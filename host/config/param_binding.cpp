#include "host/config/param_binding.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace mosaic::host {
namespace {

std::string range_text(const ParamInfo& d) {
  if (d.type() == MOSAIC_PARAM_INT)
    return fmt::format("an integer in [{}, {}]", static_cast<int64_t>(d.min), static_cast<int64_t>(d.max));
  return fmt::format("a number in [{}, {}]", d.min, d.max);
}

std::string expected(const ParamInfo& d) {
  switch (d.type()) {
    case MOSAIC_PARAM_INT: return d.has_range ? range_text(d) : "an integer";
    case MOSAIC_PARAM_FLOAT: return d.has_range ? range_text(d) : "a number";
    case MOSAIC_PARAM_BOOL: return "true or false";
    case MOSAIC_PARAM_ENUM: return fmt::format("one of \"{}\"", fmt::join(d.choices, "\", \""));
    default: return "a string";
  }
}

// Converts a TOML value to the declared type, or explains what was expected.
std::optional<ParamValue> convert(const ParamInfo& d, const toml::node& n) {
  switch (d.type()) {
    case MOSAIC_PARAM_INT:
      if (n.is_integer()) return ParamValue::of_int(n.as_integer()->get());
      return std::nullopt;
    case MOSAIC_PARAM_FLOAT:
      if (n.is_floating_point()) return ParamValue::of_float(n.as_floating_point()->get());
      if (n.is_integer()) return ParamValue::of_float(static_cast<double>(n.as_integer()->get()));
      return std::nullopt;
    case MOSAIC_PARAM_BOOL:
      if (n.is_boolean()) return ParamValue::of_bool(n.as_boolean()->get());
      return std::nullopt;
    default:
      if (n.is_string()) return ParamValue::of_string(n.as_string()->get(), d.type());
      return std::nullopt;
  }
}

}  // namespace

std::string check_param(const ParamInfo& d, const ParamValue& v) {
  if (v.type != d.type()) return fmt::format("expected {}", expected(d));
  if (d.type() == MOSAIC_PARAM_FLOAT && !std::isfinite(v.f)) return fmt::format("expected {}, found {}", expected(d), v.f);
  if (d.has_range && !(v.number() >= d.min && v.number() <= d.max))
    return fmt::format("expected {}, found {}", expected(d), v.to_string());
  if (d.type() == MOSAIC_PARAM_ENUM && std::find(d.choices.begin(), d.choices.end(), v.s) == d.choices.end())
    return fmt::format("expected {}, found \"{}\"", expected(d), v.s);
  return {};
}

std::vector<BoundParam> bind_params(const ContractInfo& contract, const toml::table* configured, const std::string& file) {
  const std::string prefix = "modules." + contract.name + ".params.";
  static const toml::table kNone;
  const toml::table& params = configured ? *configured : kNone;
  for (auto&& [k, v] : params) {
    if (contract.param(std::string(k.str()))) continue;
    std::vector<std::string> names;
    for (const auto& p : contract.params) names.push_back(p.name);
    throw ConfigError(file, v.source().begin.line, prefix + std::string(k.str()),
                      fmt::format("{} declares no such parameter; it has: {}", contract.label(),
                                  names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))));
  }
  std::vector<BoundParam> bound;
  for (const auto& d : contract.params) {
    const toml::node* n = params.get(d.name);
    if (!n) {
      bound.push_back({d.name, d.default_value});
      continue;
    }
    std::optional<ParamValue> value = convert(d, *n);
    if (!value)
      throw ConfigError(file, n->source().begin.line, prefix + d.name,
                        fmt::format("expected {} ({} parameter)", expected(d), param_type_name(d.type())));
    if (std::string why = check_param(d, *value); !why.empty())
      throw ConfigError(file, n->source().begin.line, prefix + d.name, why);
    bound.push_back({d.name, std::move(*value)});
  }
  return bound;
}

}  // namespace mosaic::host
