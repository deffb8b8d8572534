#include "host/monitor/log.hpp"

#include <fmt/core.h>

#include <atomic>
#include <cstdio>
#include <mutex>

namespace mosaic::host {
namespace {
std::atomic<int32_t> g_min_level{MOSAIC_LOG_WARN};
std::mutex g_mutex;  // keeps lines from different threads whole

const char* level_name(int32_t level) {
  switch (level) {
    case MOSAIC_LOG_DEBUG: return "debug";
    case MOSAIC_LOG_INFO: return "info";
    case MOSAIC_LOG_WARN: return "warning";
    default: return "error";
  }
}
}  // namespace

void set_log_level(int32_t min_level) { g_min_level = min_level; }
int32_t log_level() { return g_min_level; }

void log_line(int32_t level, std::string_view module, std::string_view message) {
  if (level < g_min_level) return;
  std::lock_guard lock(g_mutex);
  if (module.empty()) fmt::print(stderr, "mosaic: {}: {}\n", level_name(level), message);
  else fmt::print(stderr, "mosaic: {}: [{}] {}\n", level_name(level), module, message);
}

}  // namespace mosaic::host
