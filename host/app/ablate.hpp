// Ablation: does each optional module help? The pipeline with and without each, every
// metric's change with a paired bootstrap interval, and a verdict per module.
#pragma once

#include "host/app/session.hpp"
#include "host/research/ablation_assessment.hpp"
#include "host/research/ablation_runs.hpp"
#include "host/research/bootstrap.hpp"

#include <cstdint>
#include <vector>

namespace mosaic::host::app {

struct AblateSpec {
  std::uint64_t seed = 1;  // of the bootstrap
};

struct AblationResult {
  research::AblationPlan plan;
  std::vector<research::AblationRun> runs;  // runs[0] is the full pipeline
  // One per run, in the same order. They point into `runs`: move the result, never copy it.
  std::vector<research::AblationAssessment> assessments;
  research::BootstrapSettings bootstrap;
  AblationResult() = default;
  AblationResult(AblationResult&&) = default;
  AblationResult& operator=(AblationResult&&) = default;
  AblationResult(const AblationResult&) = delete;
  AblationResult& operator=(const AblationResult&) = delete;
};

// Throws app::Error (Module) when the full pipeline produces no weights to ablate.
AblationResult ablate(Session& s, const AblateSpec& spec);

}  // namespace mosaic::host::app
