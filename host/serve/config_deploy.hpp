// A config deployed into a running serve goes through the gate a hot-reloaded library goes
// through, for the whole pipeline at once: parsed and bound to the contracts, assembled
// from the plugin folder, every instance created and self-tested, and one run of the whole
// pipeline on the data of the last live bar. Only a candidate that passes all of it is
// handed to the serve loop, which swaps it in between runs (serve_host.cpp). Nothing here
// touches the live pipeline: a refused candidate leaves no trace but its record.
#pragma once

#include "host/config/config.hpp"
#include "host/loader/shadow_dir.hpp"
#include "host/pipeline/pipeline.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mosaic::host::serve {

// One deployment: what was asked, what the gate found, and what became of it.
struct DeployRecord {
  std::string sha256;  // of the config's text
  std::string source;  // "start FILE", "POST /config (NAME)", "file FILE"
  int64_t unix_ms = 0;  // when the decision was taken
  bool ok = false;      // it went live (and stayed: a rollback clears it)
  std::string result;   // "live", or why it was refused or rolled back
  // Where the time went, in ms.
  double parse_ms = 0, assemble_ms = 0, self_test_ms = 0, golden_ms = 0, swap_ms = 0;
  // Against the config that was live when it was checked.
  std::vector<std::string> added, removed, changed;
  std::vector<std::string> state_handed_over;  // "regime (812 bytes)"
  std::vector<std::string> notes;              // what the gate did not judge, and why
};

// What a candidate is checked against.
struct DeployContext {
  const std::filesystem::path& plugin_dir;  // serve's own: a config cannot move it
  ShadowDir& shadow;                        // takes the candidate's plugin lock, or gets the old one back
  const Config& live_config;
  const Pipeline& live_pipeline;
  // The data ports of the last live bar's window; nullptr before the first bar.
  const std::map<std::string, PortValue>* data = nullptr;
  Shape shape;
  std::map<std::string, int32_t> data_layouts;
  size_t history_bars = 0;  // the bars serve keeps: a [serve.reoptimize] window may not exceed it
};

struct DeployCandidate {
  Config config;
  std::unique_ptr<Pipeline> pipeline;  // nullptr: refused, and record.result says why
  DeployRecord record;
};

// Checks `text` as a config named `file` (relative paths in it resolve from file's folder;
// messages name `label` instead of `file` when they differ, for a config that came over
// HTTP). Never throws for a bad config: the refusal is in the record.
DeployCandidate prepare_deploy(const std::string& text, const std::filesystem::path& file, const std::string& label,
                               const std::string& source, DeployContext& context);

// The gate's verdict on a run of a whole pipeline: "" when every enabled module ran and the
// run has weights, else what failed. For the golden run and a deployed config's first bar.
std::string run_verdict(const RunResult& run, const Shape& shape);

// Modules added, removed and changed (parameters, switch or SLA) from `live` to `next`.
void describe_change(const Pipeline& live, const Pipeline& next, DeployRecord& record);

}  // namespace mosaic::host::serve
