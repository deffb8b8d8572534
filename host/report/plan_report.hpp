// An optimization plan as text, before anything runs (`optimize --dry-run`, and the head
// of every optimize): the space, the constraints, the settings and the folds.
#pragma once

#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"

#include <string>

namespace mosaic::host::report {

std::string describe_plan(const app::OptimizePlan& plan, const app::Session& s);

}  // namespace mosaic::host::report
