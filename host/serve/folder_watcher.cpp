#include "host/serve/folder_watcher.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace mosaic::host::serve {

FolderWatcher::FolderWatcher(std::filesystem::path dir, std::chrono::milliseconds debounce, NameFilter wanted)
    : dir_(std::move(dir)), debounce_(debounce), wanted_(std::move(wanted)) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
  constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM;
  if (inotify_add_watch(fd_, dir_.c_str(), kMask) < 0) {
    const int err = errno;
    ::close(fd_);
    throw std::system_error(err, std::generic_category(), "cannot watch " + dir_.string());
  }
}

FolderWatcher::~FolderWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

void FolderWatcher::drain_events() {
  alignas(inotify_event) char buffer[16 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) return;  // EAGAIN: nothing more for now
    const auto now = std::chrono::steady_clock::now();
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      if (e->len == 0) continue;
      const std::string name = e->name;
      if (!wanted_(name)) continue;
      Pending& p = pending_[name];
      if (p.first == std::chrono::steady_clock::time_point{}) p.first = now;
      p.last = now;
      p.removed = (e->mask & (IN_DELETE | IN_MOVED_FROM)) != 0;
    }
  }
}

std::vector<FileChange> FolderWatcher::poll() {
  drain_events();
  std::vector<FileChange> ready;
  const auto now = std::chrono::steady_clock::now();
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (now - it->second.last < debounce_) {
      ++it;
      continue;
    }
    ready.push_back({dir_ / it->first, it->second.removed, it->second.first});
    it = pending_.erase(it);
  }
  return ready;
}

}  // namespace mosaic::host::serve
