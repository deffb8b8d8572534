#include "host/research/candidate_point.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mosaic::host::research {

std::vector<double> point_of(const SearchSpace& space, const Candidate& c) {
  std::vector<double> point;
  point.reserve(space.dimensions().size());
  for (const Dimension& d : space.dimensions()) {
    if (d.kind == Dimension::Kind::Switch) {
      const auto it = c.enabled.find(d.module);
      point.push_back(it != c.enabled.end() && it->second ? 1.0 : 0.0);
      continue;
    }
    const ParamValue* v = c.param(d.module, d.param);
    if (!v) throw std::invalid_argument(fmt::format("candidate has no {}", d.label()));
    switch (d.kind) {
      case Dimension::Kind::Int: point.push_back(static_cast<double>(v->i)); break;
      case Dimension::Kind::Float: point.push_back(v->f); break;
      case Dimension::Kind::Bool: point.push_back(v->b ? 1.0 : 0.0); break;
      case Dimension::Kind::Enum: {
        const auto at = std::find(d.choices.begin(), d.choices.end(), v->s);
        point.push_back(static_cast<double>(at - d.choices.begin()));
        break;
      }
      case Dimension::Kind::Switch: break;
    }
  }
  return point;
}

Candidate candidate_at(const SearchSpace& space, const std::vector<double>& point) {
  const auto& dims = space.dimensions();
  if (point.size() != dims.size())
    throw std::invalid_argument(fmt::format("a point of {} values for a space of {} dimensions", point.size(), dims.size()));
  std::vector<ParamValue> values;
  values.reserve(dims.size());
  for (size_t k = 0; k < dims.size(); ++k) {
    const Dimension& d = dims[k];
    const double x = point[k];
    switch (d.kind) {
      case Dimension::Kind::Int: values.push_back(ParamValue::of_int(static_cast<int64_t>(std::llround(x)))); break;
      case Dimension::Kind::Float: values.push_back(ParamValue::of_float(x)); break;
      case Dimension::Kind::Bool:
      case Dimension::Kind::Switch: values.push_back(ParamValue::of_bool(x != 0)); break;
      case Dimension::Kind::Enum: {
        if (!(x >= 0 && x < static_cast<double>(d.choices.size())))
          throw std::invalid_argument(fmt::format("{}: choice {} of {}", d.label(), x, d.choices.size()));
        values.push_back(ParamValue::of_string(d.choices[static_cast<size_t>(x)], MOSAIC_PARAM_ENUM));
        break;
      }
    }
    if (!d.contains(values.back())) throw std::invalid_argument(fmt::format("{}: {} is not in the space", d.label(), x));
  }
  return space.make(values);
}

}  // namespace mosaic::host::research
