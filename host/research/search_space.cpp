#include "host/research/search_space.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mosaic::host::research {

namespace {

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string quoted_choices(const std::vector<std::string>& choices) {
  std::vector<std::string> q;
  for (const auto& c : choices) q.push_back("\"" + c + "\"");
  return join(q);
}

bool integral(double v) { return std::isfinite(v) && std::floor(v) == v; }

// What a value of this declaration must look like, as the config binder words it.
std::string expected(const ParamInfo& d) {
  switch (d.type()) {
    case MOSAIC_PARAM_INT:
      return d.has_range ? fmt::format("an integer in [{}, {}]", d.min, d.max) : "an integer";
    case MOSAIC_PARAM_FLOAT:
      return d.has_range ? fmt::format("a number in [{}, {}]", d.min, d.max) : "a number";
    case MOSAIC_PARAM_BOOL: return "true or false";
    case MOSAIC_PARAM_ENUM: return "one of " + quoted_choices(d.choices);
    default: return "a string";
  }
}

// The value converted to the declared type, or an error (what was expected).
ParamValue checked_value(const std::string& label, const ParamInfo& d, const ParamValue& given) {
  ParamValue v = given;
  if (d.type() == MOSAIC_PARAM_FLOAT && v.type == MOSAIC_PARAM_INT) v = ParamValue::of_float(static_cast<double>(v.i));
  if (d.type() == MOSAIC_PARAM_ENUM && v.type == MOSAIC_PARAM_STRING) v.type = MOSAIC_PARAM_ENUM;
  auto fail = [&](bool show) {
    throw SpaceError(fmt::format("{}: expected {}{}", label, expected(d),
                                 show ? ", found " + given.to_string() : fmt::format(" ({} parameter)", param_type_name(d.type()))),
                     label);
  };
  if (v.type != d.type()) fail(false);
  if (v.type == MOSAIC_PARAM_FLOAT && !std::isfinite(v.f)) fail(true);
  if (d.has_range && !(v.number() >= d.min && v.number() <= d.max)) fail(true);
  if (v.type == MOSAIC_PARAM_ENUM && std::find(d.choices.begin(), d.choices.end(), v.s) == d.choices.end()) fail(true);
  return v;
}

double lattice_count(double min, double max, double step) {
  if (max < min) return 0;
  if (step <= 0) return 1;
  return std::floor((max - min) / step + 1e-9) + 1;
}

}  // namespace

// ---- Dimension -------------------------------------------------------------------------

std::string Dimension::label() const { return param.empty() ? module : module + "." + param; }

double Dimension::count_approx() const {
  switch (kind) {
    case Kind::Bool:
    case Kind::Switch: return 2;
    case Kind::Enum: return static_cast<double>(choices.size());
    case Kind::Int: return lattice_count(min, max, step);
    case Kind::Float: return continuous() ? std::numeric_limits<double>::infinity() : lattice_count(min, max, step);
  }
  return 0;
}

uint64_t Dimension::count() const {
  if (continuous()) return 0;
  double n = count_approx();
  if (!(n <= static_cast<double>(kSizeLimit))) return kSizeLimit + 1;
  return static_cast<uint64_t>(n);
}

namespace {

// Decimal places that write `x` exactly (up to 12), e.g. 1 for 0.1, 2 for 0.25.
int decimals_of(double x) {
  double scaled = std::abs(x);
  for (int d = 0; d < 12; ++d, scaled *= 10)
    if (std::abs(scaled - std::round(scaled)) <= 1e-9 * std::max(1.0, scaled)) return d;
  return 12;
}

// min + index * step, rounded to the decimals of min and step: 6 * 0.1 is 0.6, not
// 0.6000000000000001, in every output that shows the value.
double lattice_value(double min, double step, uint64_t index) {
  const double raw = min + static_cast<double>(index) * step;
  const double scale = std::pow(10.0, std::max(decimals_of(min), decimals_of(step)));
  const double rounded = std::round(raw * scale) / scale;
  return std::isfinite(rounded) ? rounded : raw;
}

}  // namespace

ParamValue Dimension::value_at(uint64_t index) const {
  switch (kind) {
    case Kind::Switch: return ParamValue::of_bool(index == 0);
    case Kind::Bool: return ParamValue::of_bool(index != 0);
    case Kind::Enum: return ParamValue::of_string(choices.at(index), MOSAIC_PARAM_ENUM);
    case Kind::Int:
      return ParamValue::of_int(static_cast<int64_t>(min) + static_cast<int64_t>(index) * static_cast<int64_t>(step));
    case Kind::Float: return ParamValue::of_float(std::min(max, lattice_value(min, step, index)));
  }
  return {};
}

bool Dimension::contains(const ParamValue& v) const {
  switch (kind) {
    case Kind::Switch:
    case Kind::Bool: return v.type == MOSAIC_PARAM_BOOL;
    case Kind::Enum:
      return v.type == MOSAIC_PARAM_ENUM && std::find(choices.begin(), choices.end(), v.s) != choices.end();
    case Kind::Int:
      return v.type == MOSAIC_PARAM_INT && v.number() >= min && v.number() <= max &&
             (v.i - static_cast<int64_t>(min)) % static_cast<int64_t>(step) == 0;
    case Kind::Float: {
      if (v.type != MOSAIC_PARAM_FLOAT || !(v.f >= min && v.f <= max)) return false;
      if (continuous()) return true;
      double k = std::round((v.f - min) / step);
      return std::abs(min + k * step - v.f) <= 1e-9 * std::max(1.0, std::abs(v.f));
    }
  }
  return false;
}

// ---- SpaceSize -------------------------------------------------------------------------

std::string SpaceSize::str() const {
  if (continuous) return "unbounded (continuous: " + join(continuous_dimensions) + ")";
  if (saturated) return "more than 1e18";
  return std::to_string(count);
}

// ---- Candidate -------------------------------------------------------------------------

const ParamValue* Candidate::param(const std::string& module, const std::string& name) const {
  auto it = params.find(module);
  if (it == params.end()) return nullptr;
  for (const auto& p : it->second)
    if (p.name == name) return &p.value;
  return nullptr;
}

std::string Candidate::key() const {
  // The modules of either map in name order (both maps are sorted: a merge), each written
  // straight into the key; a search makes one key per configuration.
  std::string out;
  auto e = enabled.begin();
  auto p = params.begin();
  while (e != enabled.end() || p != params.end()) {
    const bool from_enabled = p == params.end() || (e != enabled.end() && e->first <= p->first);
    const std::string& m = from_enabled ? e->first : p->first;
    const bool on = e == enabled.end() || e->first != m || e->second;
    const std::vector<BoundParam>* ps = p != params.end() && p->first == m ? &p->second : nullptr;
    if (e != enabled.end() && e->first == m) ++e;
    if (ps) ++p;
    if (!out.empty()) out += "; ";
    out += m;
    out += on ? ":on" : ":off";
    if (!on || !ps) continue;  // a module switched off: its parameters do not matter
    for (const auto& bp : *ps) {
      out += ' ';
      out += bp.name;
      out += '=';
      bp.value.append_to(out);
    }
  }
  return out;
}

// ---- SearchSpace -----------------------------------------------------------------------

SearchSpace::SearchSpace(std::vector<SpaceModule> modules, const std::vector<std::string>& optional_modules,
                         const SpaceOverrides& overrides)
    : modules_(std::move(modules)) {
  std::vector<std::string> names;
  for (const auto& m : modules_) {
    if (std::find(names.begin(), names.end(), m.name) != names.end())
      throw SpaceError(fmt::format("module '{}' appears twice in the search space", m.name));
    names.push_back(m.name);
  }
  for (const auto& o : optional_modules)
    if (std::find(names.begin(), names.end(), o) == names.end())
      throw SpaceError(fmt::format("optional module '{}' is not in the pipeline; it has: {}", o, join(names)));
  for (const auto& [module, params] : overrides) {
    const std::string& wanted = module;  // clang 14 cannot capture a structured binding (P1091R3: clang 16)
    auto m = std::find_if(modules_.begin(), modules_.end(), [&](const SpaceModule& x) { return x.name == wanted; });
    if (m == modules_.end())
      throw SpaceError(fmt::format("optimize.space.{}: no such module in the pipeline; it has: {}", module, join(names)),
                       module);
    for (const auto& [param, ov] : params) {
      (void)ov;
      if (!m->contract.param(param)) {
        std::vector<std::string> declared;
        for (const auto& p : m->contract.params) declared.push_back(p.name);
        throw SpaceError(fmt::format("{}.{}: {} declares no such parameter; it has: {}", module, param, m->contract.label(),
                                     declared.empty() ? "none" : join(declared)),
                         module + "." + param);
      }
    }
  }

  for (const auto& m : modules_) {
    base_.enabled[m.name] = m.enabled;
    auto& base_params = base_.params[m.name];
    if (std::find(optional_modules.begin(), optional_modules.end(), m.name) != optional_modules.end()) {
      Dimension sw;
      sw.kind = Dimension::Kind::Switch;
      sw.module = m.name;
      dims_.push_back(sw);
    }
    auto mo = overrides.find(m.name);
    for (const auto& d : m.contract.params) {
      const std::string label = m.name + "." + d.name;
      ParamValue cur = d.default_value;
      for (const auto& c : m.configured)
        if (c.name == d.name) cur = c.value;
      const ParamOverride* ov = nullptr;
      if (mo != overrides.end()) {
        auto it = mo->second.find(d.name);
        if (it != mo->second.end()) ov = &it->second;
      }
      const bool narrows = ov && (ov->min || ov->max || ov->step);
      const bool restricts = ov && !ov->choices.empty();
      auto fix = [&](const ParamValue& v, const char* why) {
        base_params.push_back({d.name, v});
        fixed_.push_back(fmt::format("{} = {} ({})", label, v.to_string(), why));
      };

      // A setting is searched only when the config names it.
      if (!ov && d.setting) {
        base_params.push_back({d.name, cur});
        settings_.push_back(label);
        continue;
      }
      if (ov && ov->exclude) {
        if (ov->value || narrows || restricts)
          throw SpaceError(label + ": exclude cannot be combined with a value, a range or choices", label);
        fix(cur, "left out");
        continue;
      }
      if (ov && ov->value) {
        if (narrows || restricts) throw SpaceError(label + ": a fixed value cannot be combined with a range or choices", label);
        fix(checked_value(label, d, *ov->value), "fixed");
        continue;
      }

      Dimension dim;
      dim.module = m.name;
      dim.param = d.name;
      switch (d.type()) {
        case MOSAIC_PARAM_STRING:
          if (narrows || restricts)
            throw SpaceError(label + ": a string parameter is not searched; only a value or exclude apply", label);
          fix(cur, "string, not searched");
          continue;
        case MOSAIC_PARAM_BOOL:
          if (narrows || restricts) throw SpaceError(label + ": a bool parameter takes only a value or exclude", label);
          dim.kind = Dimension::Kind::Bool;
          break;
        case MOSAIC_PARAM_ENUM: {
          if (narrows) throw SpaceError(label + ": a range applies only to int and float parameters; use choices", label);
          dim.kind = Dimension::Kind::Enum;
          dim.choices = d.choices;
          if (restricts) {
            dim.choices.clear();
            for (const auto& c : ov->choices) {
              if (std::find(d.choices.begin(), d.choices.end(), c) == d.choices.end())
                throw SpaceError(fmt::format("{}: expected one of {}, found \"{}\"", label, quoted_choices(d.choices), c), label);
              if (std::find(dim.choices.begin(), dim.choices.end(), c) != dim.choices.end())
                throw SpaceError(fmt::format("{}: choice \"{}\" is listed twice", label, c), label);
              dim.choices.push_back(c);
            }
          }
          break;
        }
        default: {  // INT, FLOAT
          const bool is_int = d.type() == MOSAIC_PARAM_INT;
          if (restricts) throw SpaceError(label + ": choices apply only to enum parameters; use min, max and step", label);
          if (!d.has_range && !(ov && ov->min && ov->max)) {
            if (narrows)
              throw SpaceError(fmt::format("{}: {} declares no range for it; give both min and max", label,
                                           m.contract.label()),
                               label);
            fix(cur, "no range declared");
            continue;
          }
          dim.kind = is_int ? Dimension::Kind::Int : Dimension::Kind::Float;
          dim.min = ov && ov->min ? *ov->min : d.min;
          dim.max = ov && ov->max ? *ov->max : d.max;
          dim.step = ov && ov->step ? *ov->step : d.step;
          const char* what = is_int ? "an integer" : "a number";
          for (double b : {dim.min, dim.max})
            if (!std::isfinite(b) || (is_int && !integral(b)))
              throw SpaceError(fmt::format("{}: expected {} bound, found {}", label, what, b), label);
          if (d.has_range && narrows && (dim.min < d.min || dim.max > d.max))
            throw SpaceError(fmt::format("{}: expected a range within [{}, {}], found [{}, {}]", label, d.min, d.max,
                                         dim.min, dim.max), label);
          if (dim.min > dim.max)
            throw SpaceError(fmt::format("{}: min {} is above max {}", label, dim.min, dim.max), label);
          if (ov && ov->step) {
            if (!std::isfinite(dim.step) || dim.step < 0 || (is_int && (dim.step < 1 || !integral(dim.step))))
              throw SpaceError(fmt::format("{}: expected {} step, found {}", label,
                                           is_int ? "a positive integer" : "a non-negative", dim.step), label);
          } else if (is_int) {
            dim.step = std::max(1.0, std::round(dim.step));  // a declared step of 0 means every integer
          }
          if (is_int) {
            dim.min = std::ceil(dim.min);
            dim.max = std::floor(dim.max);
          }
          break;
        }
      }
      base_params.push_back({d.name, cur});
      dims_.push_back(std::move(dim));
    }
  }
}

SpaceSize SearchSpace::size() const {
  SpaceSize s;
  for (const auto& d : dims_) {
    if (d.continuous()) {
      s.continuous = true;
      s.continuous_dimensions.push_back(d.label());
      s.approx = std::numeric_limits<double>::infinity();
      continue;
    }
    s.approx *= d.count_approx();
    uint64_t c = d.count();
    if (s.saturated) continue;
    if (c > kSizeLimit || (c != 0 && s.count > kSizeLimit / c)) {
      s.saturated = true;
      s.count = kSizeLimit;
    } else {
      s.count *= c;
    }
  }
  if (s.continuous) s.saturated = true;
  if (s.saturated && !s.continuous) s.count = kSizeLimit;
  return s;
}

Candidate SearchSpace::make(const std::vector<ParamValue>& point) const {
  if (point.size() != dims_.size())
    throw std::invalid_argument(
        fmt::format("a point of this space has {} values, found {}", dims_.size(), point.size()));
  Candidate c = base_;
  for (size_t i = 0; i < dims_.size(); ++i) {
    const Dimension& d = dims_[i];
    if (d.kind == Dimension::Kind::Switch) {
      c.enabled[d.module] = point[i].b;
      continue;
    }
    for (auto& p : c.params[d.module])
      if (p.name == d.param) p.value = point[i];
  }
  return c;
}

std::string SearchSpace::describe() const {
  std::vector<std::pair<std::string, std::string>> rows;
  std::vector<std::string> counts;
  for (const auto& d : dims_) {
    std::string what;
    switch (d.kind) {
      case Dimension::Kind::Switch: what = "on/off"; break;
      case Dimension::Kind::Bool: what = "bool false, true"; break;
      case Dimension::Kind::Enum: what = "enum " + join(d.choices); break;
      case Dimension::Kind::Int: what = fmt::format("int {}..{} step {}", d.min, d.max, d.step); break;
      case Dimension::Kind::Float:
        what = d.continuous() ? fmt::format("float {}..{}", d.min, d.max)
                              : fmt::format("float {}..{} step {}", d.min, d.max, d.step);
        break;
    }
    rows.emplace_back(d.label(), what);
    if (d.continuous())
      counts.push_back("continuous");
    else if (d.count() > kSizeLimit)
      counts.push_back("more than 1e18 values");
    else
      counts.push_back(fmt::format("{} value{}", d.count(), d.count() == 1 ? "" : "s"));
  }
  size_t w1 = 0, w2 = 0;
  for (const auto& [l, w] : rows) {
    w1 = std::max(w1, l.size());
    w2 = std::max(w2, w.size());
  }
  std::string out = fmt::format("search space: {} dimension{}\n", dims_.size(), dims_.size() == 1 ? "" : "s");
  for (size_t i = 0; i < rows.size(); ++i)
    out += fmt::format("  {:<{}}  {:<{}}  {}\n", rows[i].first, w1, rows[i].second, w2, counts[i]);
  if (!fixed_.empty()) {
    out += "fixed:\n";
    for (const auto& f : fixed_) out += "  " + f + "\n";
  }
  if (!settings_.empty())
    out += fmt::format("settings, kept as configured (name one in [optimize.space.<module>] to search it):\n  {}\n",
                       join(settings_));
  out += "size: " + size().str() + "\n";
  return out;
}

}  // namespace mosaic::host::research
