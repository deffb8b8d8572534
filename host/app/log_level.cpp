#include "host/app/log_level.hpp"

#include "host/monitor/log.hpp"

namespace mosaic::host::app {

void log_everything() { set_log_level(MOSAIC_LOG_INFO); }

}  // namespace mosaic::host::app
