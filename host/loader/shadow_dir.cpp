#include "host/loader/shadow_dir.hpp"

#include "host/loader/file_permissions.hpp"
#include "host/loader/library.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mosaic::host {
namespace {

// A process's folders are named <pid>, then <pid>.<n> for its second and later ones.
void remove_stale_siblings(const fs::path& root) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    const std::string digits = name.substr(0, name.find('.'));
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

ShadowDir::ShadowDir() : owned_(true) {
  fs::path root = fs::temp_directory_path() / fmt::format("mosaic-{}", getuid());
  fs::create_directories(root);
  ::chmod(root.c_str(), 0700);
  // The name is predictable: someone else may have made it first, to swap copies between
  // the plugin lock's hash and the dlopen.
  if (std::string why = permission_problem(root); !why.empty())
    throw LoadError(root, why);
  remove_stale_siblings(root);
  // One folder per instance: a second session in the process (serve's background
  // re-optimization) must not delete the first one's copies when it ends.
  static std::atomic<unsigned> instances{0};
  const unsigned n = instances++;
  dir_ = root / (n == 0 ? std::to_string(getpid()) : fmt::format("{}.{}", getpid(), n));
  fs::create_directories(dir_);
  ::chmod(dir_.c_str(), 0700);
}

ShadowDir::ShadowDir(fs::path dir) : dir_(std::move(dir)) { fs::create_directories(dir_); }

ShadowDir::~ShadowDir() {
  if (!owned_) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

fs::path ShadowDir::copy_path(const fs::path& library, uint64_t generation) const {
  return dir_ / fmt::format("{}.g{}.so", library.stem().string(), generation);
}

}  // namespace mosaic::host
