// The check behind MOSAIC_PARAM_NAMES_PORTS: a string parameter listing "name[:...]" items
// that name ports of the module's pattern inputs (portfolio's signal_weights names signal.*
// sources). A misspelt name would otherwise match nothing and the module fall back to a
// default without a word.
#pragma once

#include "host/config/config.hpp"
#include "host/pipeline/pipeline.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mosaic::host {

// Throws ConfigError naming the file, line and key, the name and the ports there are, when
// an item names no port that a module of `setups` declares as an output or the data offers.
void check_port_name_params(const Config& config, const std::vector<ModuleSetup>& setups,
                            const std::map<std::string, int32_t>& data_ports);

}  // namespace mosaic::host
