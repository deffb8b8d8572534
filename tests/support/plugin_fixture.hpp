// Helpers for tests that load modules: a temporary folder, and copies of the test-only
// modules (build/test_plugins/<name>.so, from tests/fault_modules/) into it.
//
// build/test_plugins is never scanned as a whole: it holds broken and conflicting
// modules on purpose. A test copies the few it needs into its own folder.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace mosaic_test {

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  explicit TempDir(std::string_view label = "t") {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("mosaic-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::string(label));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  fs::path operator/(std::string_view name) const { return path_ / name; }

  // Writes `text` to <dir>/<name> (creating sub-folders) and returns the path.
  fs::path write(std::string_view name, std::string_view text) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
    return p;
  }

 private:
  fs::path path_;
};

// The built test module <name>.so.
inline fs::path test_plugin(std::string_view name) {
  return fs::path(MOSAIC_TEST_PLUGIN_DIR) / (std::string(name) + ".so");
}

// Copies the named test modules into `dir` (created if needed); returns the copies. An
// absolute path is copied as it is (e.g. MOSAIC_PLUGIN_DIR "/technical.so").
inline std::vector<fs::path> copy_test_plugins(const fs::path& dir, const std::vector<std::string>& names) {
  fs::create_directories(dir);
  std::vector<fs::path> copies;
  for (const auto& name : names) {
    fs::path from = fs::path(name).is_absolute() ? fs::path(name) : test_plugin(name);
    if (!fs::exists(from)) throw std::runtime_error(from.string() + " is missing: build mosaic_test_modules");
    copies.push_back(dir / from.filename());
    fs::copy_file(from, copies.back(), fs::copy_options::overwrite_existing);
    // copy_file keeps the build's mode, which a umask such as 002 makes group-writable:
    // the loader would refuse it.
    fs::permissions(copies.back(), fs::perms::group_write | fs::perms::others_write, fs::perm_options::remove);
  }
  return copies;
}

// How many library copies a shadow folder holds: a refused library must leave none.
inline size_t shadow_copies(const fs::path& shadow_dir) {
  size_t copies = 0;
  for (const auto& entry : fs::directory_iterator(shadow_dir)) copies += entry.is_regular_file() ? 1 : 0;
  return copies;
}

}  // namespace mosaic_test
