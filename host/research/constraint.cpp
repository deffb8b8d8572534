#include "host/research/constraint.hpp"

#include "host/research/objective.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace mosaic::host::research {
namespace {

std::string trim(std::string s) {
  auto not_space = [](unsigned char ch) { return !std::isspace(ch); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

const ParamInfo* declared(const SearchSpace& space, const std::string& module, const std::string& param) {
  for (const auto& m : space.modules())
    if (m.name == module) return m.contract.param(param);
  return nullptr;
}

std::string numeric_params(const SearchSpace& space) {
  std::string out;
  for (const auto& m : space.modules())
    for (const auto& p : m.contract.params)
      if (p.type() == MOSAIC_PARAM_INT || p.type() == MOSAIC_PARAM_FLOAT)
        out += (out.empty() ? "" : ", ") + m.name + "." + p.name;
  return out.empty() ? "none" : out;
}

Constraint::Term parse_term(const std::string& raw, const std::string& text, const SearchSpace& space) {
  Constraint::Term t;
  const std::string s = trim(raw);
  if (s.empty()) throw std::invalid_argument(fmt::format("constraint \"{}\": a side is empty", text));
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end && *end == '\0' && std::isfinite(v)) {
    t.kind = Constraint::Term::Kind::Number;
    t.number = v;
    return t;
  }
  if (metric_value(Metrics{}, s)) {
    t.kind = Constraint::Term::Kind::Metric;
    t.metric = s;
    return t;
  }
  const auto dot = s.find('.');
  if (dot != std::string::npos) {
    t.module = s.substr(0, dot);
    t.param = s.substr(dot + 1);
    const ParamInfo* p = declared(space, t.module, t.param);
    if (p && (p->type() == MOSAIC_PARAM_INT || p->type() == MOSAIC_PARAM_FLOAT)) {
      t.kind = Constraint::Term::Kind::Param;
      return t;
    }
    if (p) throw std::invalid_argument(fmt::format("constraint \"{}\": {} is not a numeric parameter", text, s));
  }
  std::string metrics;
  for (const auto& n : metric_names()) metrics += (metrics.empty() ? "" : ", ") + n;
  throw std::invalid_argument(fmt::format(
      "constraint \"{}\": '{}' is not a number, a metric ({}) or a numeric parameter ({})", text, s, metrics,
      numeric_params(space)));
}

}  // namespace

std::string Constraint::Term::text() const {
  switch (kind) {
    case Kind::Number: return fmt::format("{}", number);
    case Kind::Metric: return metric;
    case Kind::Param: return module + "." + param;
  }
  return {};
}

Constraint parse_constraint(const std::string& text, const SearchSpace& space) {
  static const std::pair<const char*, Constraint::Op> ops[] = {{"<=", Constraint::Op::LessEqual},
                                                                {">=", Constraint::Op::GreaterEqual},
                                                                {"<", Constraint::Op::Less},
                                                                {">", Constraint::Op::Greater}};
  for (const auto& [token, op] : ops) {
    const auto at = text.find(token);
    if (at == std::string::npos) continue;
    Constraint c;
    c.text = text;
    c.op = op;
    const std::string rest = text.substr(at + std::string(token).size());
    if (rest.find_first_of("<>=") != std::string::npos)
      throw std::invalid_argument(fmt::format("constraint \"{}\": expected one comparison", text));
    c.left = parse_term(text.substr(0, at), text, space);
    c.right = parse_term(rest, text, space);
    if (c.left.kind == Constraint::Term::Kind::Number && c.right.kind == Constraint::Term::Kind::Number)
      throw std::invalid_argument(fmt::format("constraint \"{}\": compares two numbers", text));
    return c;
  }
  throw std::invalid_argument(
      fmt::format("constraint \"{}\": expected LEFT OP RIGHT with OP one of <, <=, >, >= (e.g. \"max_drawdown < 0.25\")",
                  text));
}

double Constraint::violation(const Candidate& c, const Metrics* metrics) const {
  auto value = [&](const Term& t) -> double {
    switch (t.kind) {
      case Term::Kind::Number: return t.number;
      case Term::Kind::Metric: return metrics ? metric_value(*metrics, t.metric).value_or(NAN) : NAN;
      case Term::Kind::Param: {
        const ParamValue* p = c.param(t.module, t.param);
        return p ? p->number() : NAN;
      }
    }
    return NAN;
  };
  const double l = value(left), r = value(right);
  if (!std::isfinite(l) || !std::isfinite(r)) return 1.0;
  bool ok = false;
  switch (op) {
    case Op::Less: ok = l < r; break;
    case Op::LessEqual: ok = l <= r; break;
    case Op::Greater: ok = l > r; break;
    case Op::GreaterEqual: ok = l >= r; break;
  }
  return ok ? 0.0 : std::max(std::fabs(l - r), 1e-12);
}

}  // namespace mosaic::host::research
