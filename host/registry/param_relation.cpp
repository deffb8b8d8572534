#include "host/registry/param_relation.hpp"

#include "host/registry/contract_info.hpp"

#include <fmt/format.h>

#include <charconv>
#include <sstream>
#include <stdexcept>

namespace mosaic::host {
namespace {

bool is_number(const std::string& s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

bool is_numeric_param(const std::string& s, const std::vector<ParamInfo>& params) {
  for (const auto& p : params)
    if (p.name == s) return p.type() == MOSAIC_PARAM_INT || p.type() == MOSAIC_PARAM_FLOAT;
  return false;
}

}  // namespace

std::string ParamRelation::qualified(const std::string& module) const {
  const auto side = [&](const std::string& s) { return is_number(s) ? s : module + "." + s; };
  return fmt::format("{} {} {}", side(left), op, side(right));
}

ParamRelation parse_param_relation(const std::string& text, const std::vector<ParamInfo>& params) {
  std::istringstream in(text);
  ParamRelation r;
  r.text = text;
  std::string extra;
  if (!(in >> r.left >> r.op >> r.right) || (in >> extra))
    throw std::invalid_argument(fmt::format("constraint \"{}\": expected LEFT OP RIGHT, e.g. \"fast < slow\"", text));
  if (r.op != "<" && r.op != "<=" && r.op != ">" && r.op != ">=")
    throw std::invalid_argument(fmt::format("constraint \"{}\": expected <, <=, > or >=, found '{}'", text, r.op));
  bool names_param = false;
  for (const std::string* side : {&r.left, &r.right}) {
    if (is_number(*side)) continue;
    if (!is_numeric_param(*side, params))
      throw std::invalid_argument(
          fmt::format("constraint \"{}\": '{}' is neither a number nor a numeric parameter of the module", text, *side));
    names_param = true;
  }
  if (!names_param) throw std::invalid_argument(fmt::format("constraint \"{}\": names no parameter", text));
  return r;
}

}  // namespace mosaic::host
