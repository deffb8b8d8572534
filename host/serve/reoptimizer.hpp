// Serve's scheduled re-optimization: when an occasion is due, the search on a thread of its
// own (app::reoptimize, at most [serve.reoptimize] threads), and each occasion's record and
// run folder. What becomes of a candidate that passes the gate (a shadow period, then the
// config gate) is the serve loop's business (serve_host.cpp): nothing here touches the live
// pipeline. Called from the serve loop's thread only.
#pragma once

#include "host/app/observer.hpp"
#include "host/app/reoptimize.hpp"
#include "host/config/config.hpp"
#include "host/data/market_data.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace mosaic::host::serve {

struct Occasion {
  uint64_t number = 0;  // 1, 2, ...
  int64_t started_unix_ms = 0;
  int64_t decided_unix_ms = 0;  // 0 while undecided
  uint64_t at_bar = 0;          // serve's bar count when it started
  std::string live_sha256;      // the config it was run for, and measured against
  std::string window;           // "FIRST .. LAST: N bars, the last H held out"
  // running, shadowing, promoted, rejected, stopped (serve stopped, or a deployment
  // superseded it), failed (the search could not run)
  std::string status = "running";
  std::vector<std::string> reasons;  // why rejected, stopped or failed; notes otherwise
  ReoptimizeGate gate;  // the rules it was judged by
  std::optional<app::GateFigures> figures;
  double search_seconds = 0;
  std::string run_dir;           // "" when none could be written
  std::string candidate_sha256;  // of the winner's config text, once it passed the gate
  nlohmann::json shadow;         // null until a shadow period ends
};

// Counts for /metrics and /health.
struct ReoptimizeState {
  bool configured = false;  // the live config has [serve.reoptimize]
  bool running = false;     // a search is running
  bool shadowing = false;   // a candidate runs beside the live config
  uint64_t promoted = 0, rejected = 0, stopped = 0, failed = 0;
  uint64_t consecutive_rejections = 0;  // since the last promotion
};

// Occasions kept for /config and /health; older ones are only counted.
inline constexpr size_t kOccasionHistory = 50;

class Reoptimizer {
 public:
  // Run folders go under `runs_root`.
  Reoptimizer(std::filesystem::path plugin_dir, std::filesystem::path runs_root);
  ~Reoptimizer();  // stops a running search and waits for it
  Reoptimizer(const Reoptimizer&) = delete;
  Reoptimizer& operator=(const Reoptimizer&) = delete;

  // Whether an occasion is due by `c`'s schedule: `every` bars, or `every` seconds, since
  // the last one started (since serve started, for the first).
  bool due(const ReoptimizeConfig& c, uint64_t bars_run) const;
  // Starts an occasion on `window` (exactly `live.reoptimize->window` bars) for `live`.
  void start(const Config& live, MarketData window, uint64_t bars_run);
  bool running() const { return search_.valid(); }

  // A finished search, once: its occasion (status still "running", the run folder written)
  // and the outcome, or nullopt when the search failed or was stopped (the occasion then
  // says so and is final). Never blocks.
  struct Finished {
    Occasion* occasion;
    std::optional<app::Reoptimization> outcome;
  };
  std::optional<Finished> take_finished();

  // Stops a running search and waits for it; its occasion is marked stopped.
  void stop();

  // Decides an occasion: status, reasons, time; rewrites its occasion.json.
  void decide(Occasion& o, const std::string& status, std::vector<std::string> reasons);
  // Rewrites the occasion's occasion.json (text that is not UTF-8 replaced, never thrown).
  void write_occasion(const Occasion& o) const;
  // Adds to an occasion's run folder (shadow.csv, ...); failures are logged, not thrown.
  void write_file(const Occasion& o, const std::string& name, const std::string& text) const;

  const std::deque<Occasion>& occasions() const { return occasions_; }
  Occasion* find(uint64_t number);
  // The counts; `configured` and `shadowing` are the serve loop's to fill in.
  ReoptimizeState state() const;

 private:
  struct SearchResult {
    std::optional<app::Reoptimization> outcome;
    std::string error;
    double seconds = 0;
    std::string run_dir;
  };
  std::filesystem::path plugin_dir_, runs_root_;
  std::deque<Occasion> occasions_;
  std::future<SearchResult> search_;
  std::thread thread_;
  std::unique_ptr<app::Observer> observer_;  // the running search's: its stop flag
  uint64_t last_start_bar_ = 0;
  std::chrono::steady_clock::time_point last_start_ = std::chrono::steady_clock::now();
  uint64_t next_number_ = 1;
  ReoptimizeState counts_;
};

}  // namespace mosaic::host::serve
