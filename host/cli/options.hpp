// The flags of a command line, checked against what the command takes, and what they
// become for the engine: the specs host/app takes.
#pragma once

#include "host/app/ablate.hpp"
#include "host/app/compare.hpp"
#include "host/app/optimize_plan.hpp"
#include "host/app/session.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mosaic::host::cli {

struct CommonOptions {
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> data;
  std::optional<std::filesystem::path> plugins;
  std::optional<std::filesystem::path> out;
  bool json = false;
  bool verbose = false;
  std::optional<int> log_level;  // --log-level, as a mosaic_log_level
  bool help = false;
  int repeat = 0;                       // modules bench: runs to time
  std::uint64_t seed = 1;               // ablate, compare: bootstrap seed
  std::vector<std::string> positional;  // e.g. `modules list NAME`
  bool seed_given = false;
  // optimize: each overrides its [optimize] key when given
  std::optional<std::string> method;
  std::optional<std::string> target;  // one metric, or "a,b" for nsga2
  std::optional<std::string> budget;
  std::optional<int> threads;
  std::optional<int> walk_forward;
  std::optional<bool> rolling;  // --walk-forward-mode rolling
  std::optional<double> train_fraction;
  bool dry_run = false;
  // optimize: continue the search of this run folder, with the options its journal kept
  std::optional<std::filesystem::path> resume;
  std::vector<std::string> args;  // the words after the command, as given
  bool allow_degraded = false;  // run: exit 0 from a degraded pipeline
  // serve
  std::optional<std::string> feed;  // replay:PATH or tail:PATH
  double speed = 10;                // replay bars per second
  int warmup = 252;                 // replay bars shown before the first run
  int history = 2520;               // bars each run sees
  int port = 8080;
  std::string bind = "127.0.0.1";
  std::optional<std::filesystem::path> token_file;
  // health: ask a running server instead of running once
  std::optional<std::string> url;
  bool watch_config = false;  // serve: deploy the --config file when a new one is renamed in
  std::optional<std::filesystem::path> runs;  // serve: where re-optimization run folders go
  // modules check: one check by name, and the seconds each may take
  std::string check;
  std::optional<double> timeout;
};

// Parses argv after the command word. Throws app::Error (Usage) with the reason and usage.
CommonOptions parse_options(const std::string& command, const std::vector<std::string>& args);

app::SessionSpec session_spec(const CommonOptions& o);
// Throws app::Error (Usage) naming the flag for a method or budget it cannot take.
app::OptimizeSpec optimize_spec(const CommonOptions& o);
app::AblateSpec ablate_spec(const CommonOptions& o);
app::CompareSpec compare_spec(const CommonOptions& o);

}  // namespace mosaic::host::cli
