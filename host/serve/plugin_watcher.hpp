// Watches a plugin folder with inotify for libraries written, renamed in, deleted or
// renamed away. A publisher should write a temporary file and rename it into place; a
// file written in place is picked up when it is closed. Events are debounced per file, so
// a burst of writes becomes one change.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <vector>

namespace mosaic::host::serve {

struct PluginChange {
  std::filesystem::path file;
  bool removed = false;
  std::chrono::steady_clock::time_point first_seen;  // the first event of the burst
};

class PluginWatcher {
 public:
  // Throws std::system_error when inotify is unavailable or the folder cannot be watched.
  PluginWatcher(std::filesystem::path dir, std::chrono::milliseconds debounce);
  ~PluginWatcher();
  PluginWatcher(const PluginWatcher&) = delete;
  PluginWatcher& operator=(const PluginWatcher&) = delete;

  // Never blocks: the changes whose files have been quiet for the debounce time.
  std::vector<PluginChange> poll();

 private:
  struct Pending {
    bool removed = false;
    std::chrono::steady_clock::time_point first, last;
  };
  void drain_events();
  std::filesystem::path dir_;
  std::chrono::milliseconds debounce_;
  int fd_ = -1;
  std::map<std::string, Pending> pending_;  // by file name
};

}  // namespace mosaic::host::serve
