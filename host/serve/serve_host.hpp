// The long-running host: runs the pipeline on every new bar from a feed, hot-reloads the
// plugin folder, takes deployed configs, and carries out control commands, all on one
// thread so that swaps and switches always fall between runs. HTTP threads see it only
// through the ControlPlane.
#pragma once

#include "host/config/config.hpp"
#include "host/loader/shadow_dir.hpp"
#include "host/pipeline/pipeline.hpp"
#include "host/serve/bar_feed.hpp"
#include "host/serve/control_plane.hpp"
#include "host/serve/hot_reload.hpp"
#include "host/serve/reoptimizer.hpp"
#include "host/serve/shadow_run.hpp"
#include "host/serve/folder_watcher.hpp"
#include "host/serve/serve_stats.hpp"

#include <atomic>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>

namespace mosaic::host::serve {

// What serve works on; the caller keeps the shadow folder alive for the host's life.
struct ServeParts {
  Config config;  // the config it starts with; a deployed one replaces it
  std::filesystem::path plugin_dir;
  ShadowDir& shadow;  // where reloaded generations are copied; carries the plugin lock
  std::unique_ptr<Pipeline> pipeline;
  std::unique_ptr<BarFeed> feed;
  // Config modules that could not join the pipeline at start (partial_pipeline.hpp).
  std::map<std::string, std::string> waiting{};
  std::map<std::string, ModuleSetup> parked{};
  // Library files of the folder that could not be loaded at start: file name -> why.
  std::map<std::string, std::string> rejected{};
};

struct ServeSettings {
  size_t history_bars = 2520;  // the window each run sees, ending at the new bar
  std::chrono::milliseconds debounce{25};
  bool watch_plugins = true;
  // A config file renamed into place here is deployed (--watch-config).
  std::optional<std::filesystem::path> watch_config;
  // Where each re-optimization occasion writes its run folder ([serve.reoptimize]).
  std::filesystem::path runs_root = "runs";
};

class ServeHost {
 public:
  ServeHost(ServeParts parts, ServeSettings settings);

  ControlPlane& control() { return control_; }

  // Runs the history the feed already has, once, and publishes the first documents.
  void start();
  // Serves until `stop` is set.
  void run(const std::atomic<bool>& stop);

  const ServeStats& stats() const { return stats_; }
  const Config& config() const { return parts_.config; }

 private:
  // The config that served before the last deployment, kept until the new one's first
  // bar has run: a first bar that fails puts it back.
  struct Probation {
    Config config;
    std::unique_ptr<Pipeline> pipeline;
    std::optional<PluginLock> lock;
    LiveConfig live;
    std::map<std::string, std::string> waiting;  // its reloader's waiting and parked modules
    std::map<std::string, ModuleSetup> parked;
    uint64_t occasion = 0;  // the re-optimization occasion that promoted the new config; 0: none
  };
  void run_bar(size_t end_bar, std::chrono::steady_clock::time_point arrived);
  Reply handle(const PendingCommand& command);
  // Through the gate and, when it passes, live from the next bar; the record says which.
  // `occasion`: the re-optimization occasion that promotes it (0: none), so that a rollback
  // can say so in the occasion's record.
  DeployRecord deploy(const std::string& text, const std::filesystem::path& file, const std::string& label,
                      const std::string& source, uint64_t occasion = 0);
  DeployContext deploy_context(std::map<std::string, PortValue>& data_holder);
  // After the first bar of a newly deployed config: keeps it, or rolls it back and serves
  // the bar (`result`) with the previous config.
  void settle_probation(const MarketData& window, const Shape& shape, RunResult& result);
  void end_probation();
  void add_deploy(DeployRecord record);
  void handle_plugin_changes();
  void reload_folder_readers(const FileChange& change);
  void handle_config_changes();
  // Scheduled re-optimization (serve_reoptimize.cpp).
  void maybe_reoptimize();
  void take_reoptimization();
  void act_on_winner(Occasion& o, const app::Reoptimization& r);
  void promote(Occasion& o, const std::string& text, std::vector<std::string> reasons, const std::string& source);
  void step_shadow(const MarketData& window, const Shape& shape, const RunResult& live);
  void end_shadow(const std::string& status, std::vector<std::string> reasons);
  void stop_reoptimization();
  void record(const std::vector<ReloadRecord>& records);
  // After reload_file: lists the file as rejected, with the reason, or clears it.
  void note_load(const std::filesystem::path& file);
  void publish();
  LiveInputs live_inputs() const;

  ServeParts parts_;
  ServeSettings settings_;
  std::optional<HotReloader> reloader_;  // re-made for each pipeline
  std::optional<FolderWatcher> watcher_;
  std::optional<FolderWatcher> config_watcher_;
  std::optional<Probation> probation_;
  std::unique_ptr<Reoptimizer> reoptimizer_;
  std::optional<ShadowRun> shadow_;
  uint64_t shadow_occasion_ = 0;  // the occasion whose candidate is in shadow_
  bool short_history_logged_ = false;
  ControlPlane control_;
  ServeStats stats_;
  size_t ran_ = 0;  // bars of the feed's history run so far
  // When the feed showed bars: (history.bars() after the poll, the time), oldest first, for
  // the latency of bars run in a later slice than the one they arrived in.
  std::deque<std::pair<size_t, std::chrono::steady_clock::time_point>> arrivals_;
  static constexpr std::chrono::milliseconds kBarSlice{20};
  std::optional<RunResult> last_;
  Shape last_shape_;
  std::map<std::string, int32_t> data_layouts_;
};

}  // namespace mosaic::host::serve
