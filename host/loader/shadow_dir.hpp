// Where the host keeps the copies of module libraries it actually opens. dlopen
// deduplicates by path, so opening a per-generation copy is what lets a rebuilt library
// at the same watched path load as new code. The copy is also what a plugin lock is
// checked against: hashing the bytes that get opened leaves no window to swap the file.
#pragma once

#include "host/loader/plugin_lock.hpp"

#include <filesystem>
#include <optional>

namespace mosaic::host {

class ShadowDir {
 public:
  // A private directory for this process under the system temp dir (mode 0700); stale
  // directories of processes that no longer exist are removed on the way.
  ShadowDir();
  explicit ShadowDir(std::filesystem::path dir);
  ~ShadowDir();
  ShadowDir(const ShadowDir&) = delete;
  ShadowDir& operator=(const ShadowDir&) = delete;

  const std::filesystem::path& path() const { return dir_; }
  // The copy's path for a library and generation: <dir>/<stem>.g<generation>.so
  std::filesystem::path copy_path(const std::filesystem::path& library, uint64_t generation) const;

  // From now on, every library opened through this folder must match `lock`. It travels
  // with the folder so that every command that loads plugins honours it.
  void require_lock(PluginLock lock) { lock_ = std::move(lock); }
  // As require_lock, or no lock at all: a config deployed into a running serve brings its
  // own (or none), and a refused one puts the previous back.
  void set_lock(std::optional<PluginLock> lock) { lock_ = std::move(lock); }
  const PluginLock* lock() const { return lock_ ? &*lock_ : nullptr; }
  const std::optional<PluginLock>& current_lock() const { return lock_; }

 private:
  std::filesystem::path dir_;
  std::optional<PluginLock> lock_;
  bool owned_ = false;
};

}  // namespace mosaic::host
