// Watches a folder with inotify for files written, renamed in, deleted or renamed away:
// serve's plugin folder for libraries, and the folder of its config for the config file
// (--watch-config). A publisher should write a temporary file and rename it into place; a
// file written in place is picked up when it is closed. Events are debounced per file, so
// a burst of writes becomes one change. Only the names `wanted` accepts count, so a
// publisher's temporary files and editors' backups are never seen as changes.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <vector>

namespace mosaic::host::serve {

struct FileChange {
  std::filesystem::path file;
  bool removed = false;
  std::chrono::steady_clock::time_point first_seen;  // the first event of the burst
};

class FolderWatcher {
 public:
  using NameFilter = std::function<bool(const std::string& file_name)>;
  // Throws std::system_error when inotify is unavailable or the folder cannot be watched.
  FolderWatcher(std::filesystem::path dir, std::chrono::milliseconds debounce, NameFilter wanted);
  ~FolderWatcher();
  FolderWatcher(const FolderWatcher&) = delete;
  FolderWatcher& operator=(const FolderWatcher&) = delete;

  // Never blocks: the changes whose files have been quiet for the debounce time.
  std::vector<FileChange> poll();

 private:
  struct Pending {
    bool removed = false;
    std::chrono::steady_clock::time_point first, last;
  };
  void drain_events();
  std::filesystem::path dir_;
  std::chrono::milliseconds debounce_;
  NameFilter wanted_;
  int fd_ = -1;
  std::map<std::string, Pending> pending_;  // by file name
};

}  // namespace mosaic::host::serve
