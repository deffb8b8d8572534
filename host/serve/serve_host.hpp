// The long-running host: runs the pipeline on every new bar from a feed, hot-reloads the
// plugin folder, and carries out control commands, all on one thread so that swaps and
// switches always fall between runs. HTTP threads see it only through the ControlPlane.
#pragma once

#include "host/config/config.hpp"
#include "host/loader/shadow_dir.hpp"
#include "host/pipeline/pipeline.hpp"
#include "host/serve/bar_feed.hpp"
#include "host/serve/control_plane.hpp"
#include "host/serve/hot_reload.hpp"
#include "host/serve/plugin_watcher.hpp"
#include "host/serve/serve_stats.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>

namespace mosaic::host::serve {

// What serve works on; the caller keeps the referenced parts alive for the host's life.
struct ServeParts {
  const Config& config;
  std::filesystem::path plugin_dir;
  ShadowDir& shadow;  // where reloaded generations are copied; carries the plugin lock
  Pipeline& pipeline;
  std::unique_ptr<BarFeed> feed;
  // Config modules that could not join the pipeline at start (partial_pipeline.hpp).
  std::map<std::string, std::string> waiting{};
  std::map<std::string, ModuleSetup> parked{};
};

struct ServeSettings {
  size_t history_bars = 2520;  // the window each run sees, ending at the new bar
  std::chrono::milliseconds debounce{25};
  bool watch_plugins = true;
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

 private:
  void run_bar(size_t end_bar, std::chrono::steady_clock::time_point arrived);
  Reply handle(const PendingCommand& command);
  void handle_plugin_changes();
  void record(const std::vector<ReloadRecord>& records);
  void publish();
  LiveInputs live_inputs() const;

  ServeParts parts_;
  ServeSettings settings_;
  HotReloader reloader_;
  std::optional<PluginWatcher> watcher_;
  ControlPlane control_;
  ServeStats stats_;
  std::optional<RunResult> last_;
  Shape last_shape_;
  std::map<std::string, int32_t> data_layouts_;
};

}  // namespace mosaic::host::serve
