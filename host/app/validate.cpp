#include "host/app/validate.hpp"

#include <fmt/format.h>

namespace mosaic::host::app {

ValidationResult validate(const Session& s) {
  ValidationResult r;
  r.order = s.assembly.resolution.order;
  for (const auto& i : s.assembly.issues) r.problems.push_back(i.message);
  if (s.pipeline)
    for (const auto& name : s.pipeline->order())
      if (const std::string& why = s.pipeline->create_error(name); !why.empty())
        r.problems.push_back(fmt::format("{}: {}", s.pipeline->contract(name).label(), why));
  return r;
}

}  // namespace mosaic::host::app
