#include "host/app/log_level.hpp"

#include "host/monitor/log.hpp"

namespace mosaic::host::app {

void log_everything() { set_log_level(MOSAIC_LOG_INFO); }
void log_at_least(int level) { set_log_level(level); }

}  // namespace mosaic::host::app
