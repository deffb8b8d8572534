// The host's log: one line per event on stderr, with level and module, so warnings such
// as SLA violations are visible while a run is printing its tables on stdout.
#pragma once

#include <mosaic/mosaic.h>

#include <string_view>

namespace mosaic::host {

void set_log_level(int32_t min_level);  // a mosaic_log_level
int32_t log_level();
void log_line(int32_t level, std::string_view module, std::string_view message);

inline void log_info(std::string_view module, std::string_view message) { log_line(MOSAIC_LOG_INFO, module, message); }
inline void log_warn(std::string_view module, std::string_view message) { log_line(MOSAIC_LOG_WARN, module, message); }
inline void log_error(std::string_view module, std::string_view message) { log_line(MOSAIC_LOG_ERROR, module, message); }

}  // namespace mosaic::host
