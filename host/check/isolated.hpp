// Runs a piece of work in a forked child and brings back its verdict: a crash (the
// signal), a non-zero exit or a timeout is a failure with that reason; the parent is
// untouched by whatever the child's module does.
#pragma once

#include "host/check/module_check.hpp"

#include <functional>

namespace mosaic::host::check {

// `work` runs in the child and returns the verdict, its detail and the module field (which
// the child may use to hand back a short answer, such as the names a library holds). The caller must be
// single-threaded (fork copies only the calling thread).
CheckResult run_isolated(const std::function<CheckResult()>& work, double timeout_seconds);

}  // namespace mosaic::host::check
